// `huibao validate` checks everything a build would check before the browser starts, and reports it
// all in one run: a chart naming no metric, an unknown partial, a number with no metric, a sentence
// of source.txt missing from the data, each at its file:line.
import { describe, expect, it } from 'vitest'
import { huibao } from '../support/cli.js'

const dir = 'test/fixtures/validate/everything-broken'

describe('huibao validate on a report broken in every part', () => {
  it('reports every problem with its file:line in one run and exits 1', async () => {
    const { code, stderr } = await huibao('validate', dir)
    expect(code).toBe(1)
    expect(stderr).toContain(`${dir}/report.yaml: 5 problems`)
    const chart = `${dir}/charts/employment.vl.json`
    expect(stderr).toContain(
      `${chart}:3:35: huibao.metrics[1]: dangling reference: no metric has the id "new-urban-job" (did you mean "new-urban-jobs"?)`,
    )
    expect(stderr).toContain(`${chart}:6:13: colour: Vega-Lite: is not a Vega-Lite property here`)
    expect(stderr).toContain(`${dir}/templates/deck/partials/closing.hbs:4:1: unknown partial {{> farewell}}`)
    expect(stderr).toContain(
      `${dir}/report.yaml:75:13: sections[1].keywords[0].paragraphs[0]: the number "20" is no metric and not listed in nonMetricNumbers`,
    )
    expect(stderr).toContain(`${dir}/source.txt:3: this sentence of the published text is not in the data`)
    expect(stderr).not.toContain('    at ')
  })

  it('passes reports without such problems: the example with its editions, and a national report', async () => {
    const { code, stderr } = await huibao(
      'validate',
      'data/zhengzhou-2021',
      'test/fixtures/levels/national-2022',
    )
    expect(code).toBe(0)
    expect(stderr).toContain(
      '✓ data/zhengzhou-2021/report.yaml: 8 sections, 40 keywords, 102 metrics, 11 of 11 editions',
    )
    expect(stderr).toContain(
      '✓ test/fixtures/levels/national-2022/report.yaml: 2 sections, 2 keywords, 4 metrics',
    )
  })
})
