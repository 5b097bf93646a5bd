import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { type ChartUse, type RenderedChart, renderCharts } from '../../src/charts/index.js'
import { loadChartPage, measureSvgInPage } from '../../src/charts/page.js'
import { ChartError } from '../../src/errors.js'
import { fontFaceCss } from '../../src/fonts/faces.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { context, exampleChartNames, fixtures, makeProject, placedOptions } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

/**
 * Looks at each SVG as a reader's browser would, independently of the build's own layout check
 * (src/charts/page.ts): the SVG alone in a page with the bundled fonts, every text's box from the
 * browser's layout. Problems: two texts that overlap, a text outside the picture, a text cut short.
 */
async function layoutProblems(charts: RenderedChart[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  const fonts = await fontFaceCss()
  for (const chart of charts) {
    const problems = await session.withPage(async (page) => {
      await session.load(page, `<!doctype html><style>${fonts} body{margin:0}</style>${chart.svg}`, {
        name: 'chart.html',
        viewport: { width: chart.width + 40, height: chart.height + 40 },
      })
      await session.waitForReady(page)
      return page.evaluate(() => {
        const svg = document.querySelector('svg') as SVGSVGElement
        const frame = svg.getBoundingClientRect()
        const boxes = [...svg.querySelectorAll('text')]
          .filter((t) => (t.textContent ?? '').trim() !== '')
          .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }))
        const found: string[] = []
        if (boxes.length === 0) found.push('no text at all')
        for (const { text, box } of boxes) {
          if (
            box.left < frame.left - 0.5 ||
            box.right > frame.right + 0.5 ||
            box.top < frame.top - 0.5 ||
            box.bottom > frame.bottom + 0.5
          ) {
            found.push(`"${text}" lies outside the picture`)
          }
          if (text.endsWith('…')) found.push(`"${text}" is cut short`)
        }
        boxes.forEach((a, i) => {
          for (const b of boxes.slice(i + 1)) {
            const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left)
            const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top)
            if (w > 1 && h > 1) found.push(`"${a.text}" overlaps "${b.text}"`)
          }
        })
        return found
      })
    })
    out.set(`${chart.name} ${chart.width}x${chart.height}`, problems)
  }
  return out
}

describe('the example charts', () => {
  it('lists a chart for the targets and for the sections with comparable figures', async () => {
    const names = await exampleChartNames(projectRoot)
    for (const name of [
      'headline-targets',
      'innovation',
      'urban',
      'livelihood-projects',
      'industry',
      'rural',
      'ecology',
      'opening-up',
    ]) {
      expect(names).toContain(name)
    }
  })

  it('renders every chart at slide and handout sizes with no text overlapping text, marks or the plot, and none outside the picture', async () => {
    const root = await makeProject()
    const edition = await exampleEdition()
    const names = await exampleChartNames(root)
    const uses: ChartUse[] = names.flatMap((name) => [
      { name, options: placedOptions(name, {}) },
      { name, options: placedOptions(name, { width: 800 }) },
    ])
    const charts = await renderCharts(uses, edition, context(session, root))
    expect(charts.size).toBe(uses.length)
    const problems = await layoutProblems([...charts.values()])
    for (const [chart, list] of problems) expect(list, chart).toEqual([])
  })

  it('gives each SVG a title and a description from the data, role="img" and no outside references', async () => {
    const root = await makeProject()
    const charts = await renderCharts(
      [{ name: 'headline-targets', options: {} }],
      await exampleEdition(),
      context(session, root),
    )
    const chart = [...charts.values()][0] as RenderedChart
    expect(chart.svg).toMatch(
      /^<svg [^>]*role="img"[^>]*aria-label="2021年主要预期目标。柱状图：地区生产总值增长7.5%以上，/,
    )
    expect(chart.svg).toMatch(
      /^<svg[^>]*><title[^>]*>2021年主要预期目标<\/title><desc[^>]*>柱状图：地区生产总值增长7.5%以上，地方一般公共预算收入增长5%，全社会固定资产投资增长6%，社会消费品零售总额增长9%<\/desc>/,
    )
    expect(chart.description).toBe(
      '柱状图：地区生产总值增长7.5%以上，地方一般公共预算收入增长5%，全社会固定资产投资增长6%，社会消费品零售总额增长9%',
    )
    expect(chart.svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(
      /href="(?!#)|url\((?!#)|https?:|@import/,
    )
    expect(chart.svg).toContain('font-family="Noto Sans SC"')
    expect(chart.svg).not.toMatch(/\d\.\d{3}/)
    expect(chart.svg).not.toMatch(/ id="(?!hc-headline-targets-)/)
  })

  it('writes the alt text in English for an English edition', async () => {
    const root = await makeProject()
    const edition = await exampleEdition({ locale: 'en' })
    const charts = await renderCharts(
      [{ name: 'headline-targets', options: {} }],
      edition,
      context(session, root),
    )
    const chart = [...charts.values()][0] as RenderedChart
    expect(chart.title).toBe('Main targets for 2021')
    expect(chart.description).toMatch(/^Bar chart: .*: 7\.5% or more; /)
  })
})

describe('the layout check', () => {
  it('reports overlapping texts and text outside the picture in a bad SVG', async () => {
    const svg = await readFile(join(fixtures, 'overlapping-svg', 'bad.svg'), 'utf8')
    const problems = await session.withPage(async (page) => {
      await loadChartPage(session, page, false)
      return (await measureSvgInPage(page, svg)).problems
    })
    expect(problems.some((p) => /overlap/.test(p))).toBe(true)
    expect(problems.some((p) => /outside the picture/.test(p))).toBe(true)
    // the test's own look at the example charts finds the same faults in the same SVG
    const width = Number(/width="(\d+)/.exec(svg)?.[1] ?? 400)
    const height = Number(/height="(\d+)/.exec(svg)?.[1] ?? 300)
    const own = [
      ...(await layoutProblems([{ name: 'bad', svg, width, height } as RenderedChart])).values(),
    ].flat()
    expect(own.some((p) => /overlaps/.test(p))).toBe(true)
    expect(own.some((p) => /outside the picture/.test(p))).toBe(true)
  })

  it('fails the build of a chart whose labels are too big for its width', async () => {
    const root = await makeProject('crowded')
    const error = await renderCharts(
      [{ name: 'crowded', options: { width: 400, height: 200 } }],
      await exampleEdition(),
      context(session, root),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChartError)
    const problems = (error as ChartError).problems.map((p) => p.message).join('\n')
    expect(problems).toMatch(/overlap|outside the picture|runs over a mark|runs into the plot/)
    expect((error as ChartError).message).toContain('templates/charts/crowded.vl.json')
  })
})
