// Every example chart at the sizes the deck and the handout draw it, in Chinese and in English, where
// labels run two to three times as long: nothing cut short, overlapping or outside the picture.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { type ChartOptions, type ChartUse, renderCharts } from '../../src/charts/index.js'
import { loadChartPage, measureSvgInPage } from '../../src/charts/page.js'
import { loadEdition } from '../../src/merge/edition.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { context, exampleChartNames, makeProject, placedOptions, svgTexts } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')

/** The sizes of templates/deck/partials/chart.hbs and targets.hbs, and templates/handout/**. */
const DECK: ChartOptions = { width: 1100, height: 400, title: '' }
const HANDOUT: ChartOptions[] = [
  { width: 640, height: 320 },
  { width: 640, height: 360 },
  { width: 640, height: 300 },
]
const TARGETS: ChartOptions = { width: 500, height: 290, title: '' }

async function usesOf(root: string): Promise<ChartUse[]> {
  return (await exampleChartNames(root)).flatMap((name) => [
    ...[DECK, ...HANDOUT].map((options) => ({ name, options: placedOptions(name, options) })),
    ...(name === 'headline-targets' ? [{ name, options: TARGETS }] : []),
  ])
}

describe.each([
  ['zh-CN', 'zhengzhou-2021', ['Noto Sans SC']],
  ['en', 'en', ['Noto Sans', 'Noto Sans SC']],
])('the example charts in %s', (_locale, editionId, families) => {
  it('render at the deck and handout sizes with no text cut short, overlapping, or outside the picture', async () => {
    const root = await makeProject()
    const edition = await loadEdition(reportDir, editionId, { projectRoot })
    const uses = await usesOf(root)
    const charts = await renderCharts(uses, edition, context(session, root, false))
    expect(charts.size).toBe(uses.length)
    await session.withPage(async (page) => {
      await loadChartPage(session, page, false)
      for (const chart of charts.values()) {
        const { problems, texts } = await measureSvgInPage(page, chart.svg, families)
        expect(texts.length).toBeGreaterThan(0)
        expect(problems, `${chart.name} ${chart.width}x${chart.height}`).toEqual([])
        expect(chart.svg).not.toContain('…')
        expect(chart.svg).toContain(`font-family="${families.join(', ')}"`)
      }
    })
  }, 180_000)
})

describe('long English labels', () => {
  it('wrap onto balanced lines instead of being cut short', async () => {
    const root = await makeProject()
    const edition = await loadEdition(reportDir, 'en', { projectRoot })
    const charts = await renderCharts(
      [{ name: 'innovation', options: HANDOUT[1] as ChartOptions }],
      edition,
      context(session, root),
    )
    const svg = [...charts.values()][0]?.svg ?? ''
    const label = /<text[^>]*>(<tspan[^>]*>[^<]*<\/tspan>)+<\/text>/.exec(svg)?.[0] ?? ''
    const lines = [...label.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1] ?? '')
    expect(lines.join(' ')).toBe('Leading enterprises, major institutes and top-tier teams settling in')
    const [a = '', b = ''] = lines
    expect(Math.abs(a.length - b.length)).toBeLessThan(12)
    // single-line labels stay plain text
    expect(svgTexts(svg)).toContain('New high-tech enterprises')
  })

  it('leave Chinese labels that fit on one line as they were', async () => {
    const root = await makeProject()
    const edition = await loadEdition(reportDir, 'zhengzhou-2021', { projectRoot })
    const charts = await renderCharts(
      [{ name: 'innovation', options: DECK }],
      edition,
      context(session, root),
    )
    expect([...charts.values()][0]?.svg).not.toContain('<tspan')
  })
})
