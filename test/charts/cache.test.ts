import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { type ChartUse, chartUseKey, renderCharts } from '../../src/charts/index.js'
import { sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { context, exampleChartNames, makeProject, placedOptions } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

const count = (debugs: string[], what: 'rendered' | 'cache hit') =>
  debugs.filter((d) => d.endsWith(`: ${what}`)).length

describe('the chart cache', () => {
  it('serves unchanged charts from the cache and renders them again with --no-cache', async () => {
    const root = await makeProject()
    const edition = await exampleEdition()
    const uses: ChartUse[] = (await exampleChartNames(root)).map((name) => ({
      name,
      options: placedOptions(name, {}),
    }))

    const cold = context(session, root)
    const first = await renderCharts(uses, edition, cold)
    expect(count(cold.logger.debugs, 'rendered')).toBe(uses.length)

    const warm = context(session, root)
    const second = await renderCharts(uses, edition, warm)
    expect(count(warm.logger.debugs, 'rendered')).toBe(0)
    expect(count(warm.logger.debugs, 'cache hit')).toBe(uses.length)
    for (const use of uses) expect(second.get(chartUseKey(use))).toEqual(first.get(chartUseKey(use)))

    const noCache = context(session, root, false)
    await renderCharts(uses, edition, noCache)
    expect(count(noCache.logger.debugs, 'rendered')).toBe(uses.length)
  })

  it('renders again when an option, the theme or the data changes', async () => {
    const root = await makeProject()
    const use: ChartUse = { name: 'headline-targets', options: {} }
    await renderCharts([use], await exampleEdition(), context(session, root))
    const variants = [
      { uses: [{ name: use.name, options: { width: 900 } }], edition: await exampleEdition() },
      // (an edition's accent is a second colour that the built-in charts do not draw with: no change)
      { uses: [use], edition: await exampleEdition({ theme: { name: 'plain' } }) },
      {
        uses: [use],
        edition: await exampleEdition(undefined, (r) => {
          const m = r.targets.metrics?.[0]
          if (m) m.label = '地区生产总值（GDP）增长'
        }),
      },
    ]
    for (const v of variants) {
      const ctx = context(session, root)
      await renderCharts(v.uses, v.edition, ctx)
      expect(count(ctx.logger.debugs, 'rendered')).toBe(1)
    }
  })

  it('gives byte-identical SVG for the same input', async () => {
    const edition = await exampleEdition()
    const uses: ChartUse[] = [
      { name: 'headline-targets', options: {} },
      { name: 'livelihood-projects', options: { width: 800 } },
    ]
    const a = await renderCharts(uses, edition, context(session, await makeProject(), false))
    // Another order, another project, another page: still the same bytes.
    const b = await renderCharts([...uses].reverse(), edition, context(session, await makeProject(), false))
    for (const use of uses) expect(b.get(chartUseKey(use))?.svg).toBe(a.get(chartUseKey(use))?.svg)
  })
})
