import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { type ChartUse, chartUseKey, renderCharts } from '../../src/charts/index.js'
import { ChartError } from '../../src/errors.js'
import { chartHelpers } from '../../src/render/chart-helpers.js'
import { loadTemplateSet, renderTemplateSet } from '../../src/render/handlebars.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { context, fixtures } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

const dir = join(fixtures, 'template')

describe('the {{chart}} helper', () => {
  it('collects uses in a first pass and inlines the figures in the second', async () => {
    const edition = await exampleEdition()
    const set = await loadTemplateSet(dir, 'main.md.hbs')
    const uses: ChartUse[] = []
    const collected = renderTemplateSet(
      set,
      { edition, projectRoot, extraHelpers: chartHelpers('collect', uses, undefined, projectRoot) },
      edition,
    )
    expect(collected).not.toContain('<figure')
    expect(uses.map((u) => chartUseKey(u))).toEqual([
      'headline-targets{"width":900,"height":420,"highlight":"gdp-growth"}',
      'headline-targets{"width":900,"height":420,"highlight":"gdp-growth"}',
    ])
    expect(uses[0]?.location).toEqual({
      file: 'test/fixtures/charts/template/main.md.hbs',
      line: 3,
      column: 1,
    })

    const rendered = await renderCharts(uses, edition, context(session, projectRoot))
    expect(rendered.size).toBe(1)
    const html = renderTemplateSet(
      set,
      { edition, projectRoot, extraHelpers: chartHelpers('render', [], rendered, projectRoot) },
      edition,
    )
    const figures = html.match(
      /<figure class="chart chart-headline-targets" role="img" aria-label="[^"]+"><svg [^\n]*<\/svg><figcaption class="chart-source">资料来源：2021年郑州市政府工作报告<\/figcaption><\/figure>/g,
    )
    expect(figures).toHaveLength(2)
    expect(html).toContain('aria-label="2021年主要预期目标。柱状图：地区生产总值增长7.5%以上，')
  })

  it('names the template file and line of an unknown chart', async () => {
    const edition = await exampleEdition()
    const set = await loadTemplateSet(dir, 'unknown.md.hbs')
    const uses: ChartUse[] = []
    renderTemplateSet(
      set,
      { edition, projectRoot, extraHelpers: chartHelpers('collect', uses, undefined, projectRoot) },
      edition,
    )
    const error = await renderCharts(uses, edition, context(session, projectRoot)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChartError)
    expect((error as ChartError).location).toEqual({
      file: 'test/fixtures/charts/template/unknown.md.hbs',
      line: 4,
      column: 1,
    })
  })

  it('rejects an unknown option at its place in the template', () => {
    const helpers = chartHelpers('collect', [], undefined, projectRoot)
    const chart = helpers.chart as (name: string, options: unknown) => unknown
    expect(() =>
      chart('headline-targets', {
        hash: { colour: 'red' },
        data: { templateFile: join(projectRoot, 'templates/deck/deck.md.hbs') },
        loc: { start: { line: 7, column: 2 } },
      }),
    ).toThrow(/unknown option colour=/)
  })
})
