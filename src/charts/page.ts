// The page that draws charts: Vega runs inside Chromium, where the bundled fonts are loaded, so its
// canvas text measurement is exact (Node's estimate is far too small for Chinese). The same page checks
// the layout of what it drew: no two texts overlap, no axis label or title runs into the plot, no text
// runs over a bar or out of the picture, and nothing is cut short with "…".
//
// The page's own script is TypeScript in ./page-script/ (type-checked with the DOM types), bundled by
// esbuild into one IIFE: functions handed over from Node would carry helper calls that do not exist
// in the page. This module builds the page around it and is the Node side of page.evaluate.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type { BrowserSession } from '../browser/session.js'
import { fontFaceCss } from '../fonts/faces.js'
import { packageDir } from '../utils/packages.js'
import { pageScript } from '../utils/page-scripts.js'
import type { AxisProbe, ProbeRows } from './axis-check.js'

export interface PageJob {
  key: string
  /** compiled Vega spec */
  vega: unknown
  /** text whose glyphs must be loaded before measuring */
  text: string
  fontFamilies: string[]
  /** fields on quantitative scales whose rows' units and kinds the page reports (axis-check.ts) */
  probes?: AxisProbe[]
}

export interface PageResult {
  key: string
  svg?: string
  error?: string
  problems: string[]
  /** one entry per probe */
  probed?: ProbeRows[]
}

export interface LayoutBox {
  /** the text's lines joined by spaces */
  text: string
  /** a multi-line text's lines (tspans) */
  lines: string[]
  role: string
  x: number
  y: number
  width: number
  height: number
}

let vegaSource: Promise<string> | undefined

/**
 * Vega's browser build, inlined into the page. (moduleUrl('vega', …) would be the natural way, but the
 * session resolves packages through their package.json, which vega does not export.)
 */
function vegaScript(): Promise<string> {
  vegaSource ??= readFile(join(packageDir('vega'), 'build', 'vega.min.js'), 'utf8').then((js) =>
    js.replace(/<\/script/gi, '<\\/script'),
  )
  return vegaSource
}

async function chartPageHtml(withVega: boolean): Promise<string> {
  const vega = withVega ? `<script>${await vegaScript()}</script>` : ''
  return `<!doctype html><html><head><meta charset="utf-8"><style>${await fontFaceCss()}
html,body{margin:0;padding:0;background:#fff}</style>${vega}<script>${await pageScript('chartPage')}</script></head><body></body></html>`
}

/** Loads the chart page into `page` (with Vega, or only the layout checker). */
export async function loadChartPage(session: BrowserSession, page: Page, withVega = true): Promise<void> {
  await session.load(page, await chartPageHtml(withVega), {
    name: 'charts.html',
    viewport: { width: 1600, height: 1200 },
  })
}

export async function renderInPage(page: Page, jobs: PageJob[]): Promise<PageResult[]> {
  return (await page.evaluate(`window.__huibaoCharts.render(${JSON.stringify(jobs)})`)) as PageResult[]
}

/**
 * Measures a finished SVG in a page made by loadChartPage(): the problems found and every text's box.
 * Loads the fonts for the SVG's text first.
 */
export async function measureSvgInPage(
  page: Page,
  svg: string,
  fontFamilies: string[] = ['Noto Sans SC'],
): Promise<{ problems: string[]; texts: LayoutBox[] }> {
  const text = svg.replace(/<[^>]*>/g, '')
  await page.evaluate(
    `window.__huibaoCharts.loadFonts(${JSON.stringify(fontFamilies)}, ${JSON.stringify(text)})`,
  )
  return (await page.evaluate(`window.__huibaoCharts.measureSvg(${JSON.stringify(svg)})`)) as {
    problems: string[]
    texts: LayoutBox[]
  }
}
