// Charts that tell the truth: one unit and one kind per quantitative axis (a chart that mixes them
// fails the build), bars from zero, every row with a mark and a label with its unit, comparators
// marked, and the built-in views chosen from the data.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { type ChartUse, chartUseKey, type RenderedChart, renderCharts } from '../../src/charts/index.js'
import { attachedChart, chartCatalog, sectionMetricCount } from '../../src/charts/lookup.js'
import type { Edition } from '../../src/context.js'
import { ChartError } from '../../src/errors.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { context, fixtures, makeProject, reportEdition, svgTexts } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

const example = join(projectRoot, 'data', 'zhengzhou-2021')
const minimal = join(fixtures, 'minimal-report')

/** Every chart a report's deck and handout place, at the deck's and the handout's sizes. */
async function placedUses(edition: Edition): Promise<ChartUse[]> {
  const catalog = await chartCatalog(projectRoot, edition.reportDir)
  const uses: ChartUse[] = []
  const sizes = [
    { width: 1100, height: 400, title: '' },
    { width: 640, height: 360 },
  ]
  if (edition.report.targets.metrics?.length) {
    for (const o of [
      { width: 500, height: 290, title: '' },
      { width: 640, height: 300 },
    ])
      uses.push({ name: 'headline-targets', options: o })
  }
  for (const section of edition.report.sections) {
    for (const item of [section, ...section.keywords]) {
      const name = attachedChart(item, catalog, item === section ? sectionMetricCount(section) : undefined)
      if (name) for (const o of sizes) uses.push({ name, options: { ...o, section: section.id } })
    }
  }
  return uses
}

/** The bars Vega drew: rects wider than the 4 px ceiling tick of 以内. */
function bars(svg: string): number {
  return [...svg.matchAll(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].reduce(
    (n, m) =>
      n + [...(m[1] ?? '').matchAll(/d="M[\d.-]+,[\d.-]+h([\d.]+)/g)].filter((d) => Number(d[1]) > 6).length,
    0,
  )
}

describe('the honest-axis check', () => {
  it('fails the build of a chart with two units on one axis, naming the file and JSON path', async () => {
    const root = await makeProject('mixed-units')
    const error = await renderCharts(
      [{ name: 'mixed-units', options: {} }],
      await reportEdition(example),
      context(session, root, false),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChartError)
    expect((error as ChartError).message).toContain('templates/charts/mixed-units.vl.json')
    expect((error as ChartError).problems[0]?.path).toBe('encoding.x')
    expect((error as ChartError).message).toMatch(/3 units \(个, 家, %\)/)
  })

  it('fails a chart that puts a growth rate and a share (both %) on one axis', async () => {
    const root = await makeProject('mixed-kinds')
    const error = await renderCharts(
      [{ name: 'mixed-kinds', options: {} }],
      await reportEdition(example),
      context(session, root, false),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChartError)
    expect((error as ChartError).problems[0]?.path).toBe('layer[0].encoding.x')
    expect((error as ChartError).message).toMatch(/2 kinds \(growth-rate, share\)/)
  })

  it.each([
    ['zh-CN', example, undefined],
    ['en', example, 'en'],
    ['zh-CN', minimal, undefined],
  ])(
    'passes every chart the %s edition of %s places',
    async (_locale, dir, editionId) => {
      const edition = await reportEdition(dir, editionId)
      const uses = await placedUses(edition)
      const charts = await renderCharts(uses, edition, context(session, await makeProject(), false))
      expect(charts.size).toBe(new Set(uses.map(chartUseKey)).size)
    },
    240_000,
  )
})

describe('the built-in views', () => {
  it('draw targets of one kind and unit as bars from zero, one per target, each labelled with its unit', async () => {
    const edition = await reportEdition(example)
    const use = { name: 'headline-targets', options: { width: 640 } }
    const chart = (await renderCharts([use], edition, context(session, await makeProject()))).get(
      chartUseKey(use),
    ) as RenderedChart
    expect(bars(chart.svg)).toBe(4)
    const texts = svgTexts(chart.svg)
    expect(texts).toEqual(expect.arrayContaining(['7.5%以上', '5%', '6%', '9%', '增长率（%）']))
    expect(chart.title).toBe('2021年主要预期目标')
  })

  it('put figures of different units and kinds in a scorecard, and ranges and comparators in their own marks', async () => {
    const edition = await reportEdition(minimal)
    const uses = [
      { name: 'headline-targets', options: { width: 640 } },
      { name: 'key-figures', options: { width: 640, section: 'innovation' } },
    ]
    const charts = await renderCharts(uses, edition, context(session, await makeProject()))
    const targets = charts.get(chartUseKey(uses[0] as ChartUse)) as RenderedChart
    // 5%左右 is a growth rate, 5.5%以内 and 2.5%以上 are shares: one bar panel of two shares, the growth rate apart
    expect(bars(targets.svg)).toBe(2)
    expect(svgTexts(targets.svg)).toEqual(
      expect.arrayContaining(['比重（%）', '其他指标（单位各不相同）', '5%左右', '5.5%以内', '2.5%以上']),
    )
    expect(targets.title).toBe('2024年主要预期目标')
    const innovation = charts.get(chartUseKey(uses[1] as ChartUse)) as RenderedChart
    // 12家 and 300家 share an axis; 3至5个 and 10%以上 are alone in their unit
    expect(bars(innovation.svg)).toBe(2)
    expect(svgTexts(innovation.svg)).toEqual(expect.arrayContaining(['数量（家）', '3至5个', '10%以上']))
  })

  it('draws a changed metric on the next build', async () => {
    const root = await makeProject()
    const use = { name: 'key-figures', options: { width: 640, section: 'innovation' } }
    const before = await reportEdition(minimal)
    const after = { ...before, report: structuredClone(before.report) }
    const labs = after.report.sections[0]?.keywords[0]?.metrics?.[0]
    if (!labs) throw new Error('fixture changed')
    labs.value = 480
    const draw = async (e: Edition) =>
      ((await renderCharts([use], e, context(session, root))).get(chartUseKey(use)) as RenderedChart).svg
    const [a, b] = [await draw(before), await draw(after)]
    expect(svgTexts(a)).toContain('12家')
    expect(svgTexts(b)).toContain('480家')
    expect(svgTexts(b)).not.toContain('12家')
  })

  it('titles the charts in English in an English edition', async () => {
    const edition = await reportEdition(example, 'en')
    const use = { name: 'industry', options: { width: 640 } }
    const chart = (await renderCharts([use], edition, context(session, await makeProject()))).get(
      chartUseKey(use),
    ) as RenderedChart
    expect(chart.title).toBe('Modern industry: enterprises, projects and investment')
    expect(svgTexts(chart.svg).join(' ')).not.toMatch(/[\u4e00-\u9fff]/)
  })
})
