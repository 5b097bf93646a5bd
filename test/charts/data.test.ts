import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { bindChart } from '../../src/charts/bind.js'
import { loadDefinition } from '../../src/charts/definition.js'
import { chartUseKey, type RenderedChart, renderCharts } from '../../src/charts/index.js'
import type { Metric } from '../../src/data/types.js'
import { sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { context, exampleChartNames, makeProject, numbersIn, placedOptions, svgTexts } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

describe('chart data', () => {
  it('shows as text only numbers that are in the data (values, upper bounds, label and title text)', async () => {
    const root = await makeProject()
    const edition = await exampleEdition()
    const names = await exampleChartNames(root)
    const charts = await renderCharts(
      names.map((name) => ({ name, options: placedOptions(name, {}) })),
      edition,
      context(session, root),
    )
    for (const name of names) {
      const def = await loadDefinition(root, name, undefined, edition.reportDir)
      const { rows } = await bindChart(def, edition, root, undefined, placedOptions(name, {}).section)
      const chart = charts.get(chartUseKey({ name, options: placedOptions(name, {}) })) as RenderedChart
      const allowed = new Set<number>(numbersIn(chart.title))
      for (const row of rows) {
        for (const value of Object.values(row)) {
          if (typeof value === 'number') allowed.add(value)
          if (typeof value === 'string') for (const n of numbersIn(value)) allowed.add(n)
        }
      }
      const shown = svgTexts(chart.svg).flatMap(numbersIn)
      expect(shown.length, name).toBeGreaterThan(0)
      for (const n of shown) expect(allowed.has(n), `${name}: ${n} is not in the data`).toBe(true)
    }
  })

  it('draws a changed metric value on the next render', async () => {
    const root = await makeProject()
    const ctx = context(session, root)
    const use = { name: 'headline-targets', options: {} }
    const before = (await renderCharts([use], await exampleEdition(), ctx)).get(
      chartUseKey(use),
    ) as RenderedChart
    const changed = await exampleEdition(undefined, (report) => {
      const gdp = report.targets.metrics?.find((m: Metric) => m.id === 'gdp-growth') as Metric
      gdp.value = 8.25
    })
    const after = (await renderCharts([use], changed, ctx)).get(chartUseKey(use)) as RenderedChart
    expect(after.svg).not.toBe(before.svg)
    expect(svgTexts(after.svg)).toContain('8.25%以上')
    expect(svgTexts(before.svg)).toContain('7.5%以上')
    expect(after.description).toContain('地区生产总值增长8.25%以上')
  })

  it('emphasises the highlighted metric and rejects a highlight that is not in the chart', async () => {
    const root = await makeProject()
    const edition = await exampleEdition()
    const use = { name: 'headline-targets', options: { highlight: 'gdp-growth' } }
    const chart = (await renderCharts([use], edition, context(session, root))).get(
      chartUseKey(use),
    ) as RenderedChart
    expect(chart.svg).toMatch(/opacity="0\.35"/)
    await expect(
      renderCharts(
        [{ name: 'headline-targets', options: { highlight: 'new-urban-jobs' } }],
        edition,
        context(session, root),
      ),
    ).rejects.toThrow(/highlight="new-urban-jobs" is not one of its metrics/)
  })

  it('keeps the theme’s accent on the bars when an edition brings its own colour (a second accent)', async () => {
    const root = await makeProject()
    const edition = await exampleEdition({ theme: { name: 'plain', accent: '#2E7D32' } })
    const use = { name: 'headline-targets', options: {} }
    const chart = (await renderCharts([use], edition, context(session, root))).get(
      chartUseKey(use),
    ) as RenderedChart
    expect(chart.svg).toContain('fill="#1F5FA8"')
    expect(chart.svg).not.toContain('#2E7D32')
  })
})
