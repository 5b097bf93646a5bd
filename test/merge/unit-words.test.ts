// A unit's English words come from the report's locale: 户 is "households" in one report and says
// nothing more than the label in another (市场主体1000万户: market entities). Real editions of both
// example reports, loaded and merged as a build does; the booklet rendered by the real browser.
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import { allMetrics } from '../../src/data/metrics.js'
import type { Metric, Report } from '../../src/data/types.js'
import { formatMetric } from '../../src/i18n/figures.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { applyUnitWords } from '../../src/merge/unit-words.js'
import { renderHandout } from '../../src/render/handout.js'
import { projectRoot, sharedSession } from '../support/browser.js'

const load = (report: string, id: string) =>
  loadEdition(join(projectRoot, 'data', report), id, { projectRoot })

/** The English figures of the edition's metrics whose unit is `unit`, by label. */
function figuresOf(report: Report, unit: string): Record<string, string> {
  return Object.fromEntries(
    allMetrics(report)
      .filter((e) => e.metric.unit === unit)
      .map((e) => [e.metric.label, formatMetric(e.metric, 'en')]),
  )
}

describe('unit words from the locale', () => {
  test("henan-2023: 户 of market entities is no household, in the data and the booklet's table", async () => {
    const edition = await load('henan-2023', 'en')
    expect(figuresOf(edition.report, '户')).toEqual({ 'Market entities': '10 million' })
    const ctx: BuildContext = {
      projectRoot,
      logger: createMemoryLogger(),
      session: await sharedSession(),
      cache: true,
    }
    const { html } = await renderHandout(edition, ctx, 'handout')
    const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toMatch(/Market entities 10 million/)
    expect(text).not.toMatch(/households/)
  })

  test('zhengzhou-2021: 户 of gas users stays households (a unit means what its report says)', async () => {
    const edition = await load('zhengzhou-2021', 'en')
    const figures = Object.values(figuresOf(edition.report, '户'))
    expect(figures.length).toBeGreaterThan(0)
    for (const figure of figures) expect(figure).toMatch(/ households$/)
  })

  test("a figure's own unitText wins over the locale's table; Chinese editions are left as written", () => {
    const metric = (id: string, unitText?: string): Metric => ({
      id,
      label: id,
      value: 5,
      unit: '户',
      comparator: 'exact',
      kind: 'count',
      sentence: '5户',
      ...(unitText === undefined ? {} : { unitText }),
    })
    const report = {
      targets: { title: 't', paragraphs: ['5户'], metrics: [metric('a'), metric('b', 'farms')] },
      intro: { title: 'i', paragraphs: ['p'] },
      sections: [],
    } as unknown as Report
    const strings = { 'units.户': 'entities' }
    const english = applyUnitWords(report, strings, 'en')
    expect(english.targets.metrics?.map((m) => formatMetric(m, 'en'))).toEqual(['5 entities', '5 farms'])
    expect(report.targets.metrics?.[0]?.unitText, 'the input is not changed').toBeUndefined()
    expect(applyUnitWords(report, strings, 'zh-CN')).toBe(report)
  })
})
