// Which charts a report gets: lookup (the report's charts/, then the project's, then huibao's) and the
// attachment rule (a chart file named exactly the id, or the chart the data names; never a prefix).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { attachedChart, chartCatalog, sectionMetricCount } from '../../src/charts/lookup.js'
import type { BuildContext } from '../../src/context.js'
import { ChartError } from '../../src/errors.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { renderDeck } from '../../src/render/deck.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { fixtures, reportEdition } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

const example = join(projectRoot, 'data', 'zhengzhou-2021')
const minimal = join(fixtures, 'minimal-report')

function ctx(): BuildContext & { logger: ReturnType<typeof createMemoryLogger> } {
  return { projectRoot, logger: createMemoryLogger(), session, cache: true }
}

describe('chart lookup', () => {
  it("finds a report's own charts first, then the project's, then huibao's built-in ones", async () => {
    const catalog = await chartCatalog(projectRoot, example)
    expect(catalog.get('innovation')).toMatchObject({
      relFile: 'data/zhengzhou-2021/charts/innovation.vl.json',
      origin: 'report',
    })
    expect(catalog.get('headline-targets')).toMatchObject({
      relFile: 'templates/charts/headline-targets.vl.json',
      origin: 'built-in',
    })
    // a report's file of the same name replaces the built-in one
    const dir = await mkdtemp(join(tmpdir(), 'huibao-lookup-'))
    await writeFile(join(dir, 'report.yaml'), '')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(dir, 'charts'))
    await writeFile(join(dir, 'charts', 'headline-targets.vl.json'), '{}')
    expect((await chartCatalog(projectRoot, dir)).get('headline-targets')?.origin).toBe('report')
  })

  it('keeps nothing of the example in the built-in charts', async () => {
    const catalog = await chartCatalog(projectRoot)
    expect([...catalog.keys()].sort()).toEqual(['headline-targets', 'key-figures'])
    for (const { file } of catalog.values()) {
      const text = await readFile(file, 'utf8')
      expect(text).not.toMatch(/zhengzhou|郑州|2021|innovation|wellbeing|gdp-growth/)
    }
  })

  it('says under --debug which file each chart came from', async () => {
    const edition = await reportEdition(example)
    const c = ctx()
    const { renderCharts } = await import('../../src/charts/index.js')
    await renderCharts([{ name: 'innovation', options: { width: 640 } }], edition, c)
    expect(c.logger.debugs).toContain(
      'chart innovation: data/zhengzhou-2021/charts/innovation.vl.json (report)',
    )
  })
})

describe('chart attachment', () => {
  it('attaches a chart only by exact id or by the chart the data names', async () => {
    const catalog = await chartCatalog(projectRoot, example)
    expect(attachedChart({ id: 'innovation' }, catalog, 5)).toBe('innovation')
    // urban-utilities starts with the section id "urban" but is not urban's: the keyword names it
    expect(attachedChart({ id: 'urban' }, catalog, 14)).toBe('urban')
    expect(attachedChart({ id: 'infrastructure', chart: 'urban-utilities' }, catalog)).toBe('urban-utilities')
    expect(attachedChart({ id: 'livelihood' }, catalog, 1)).toBeUndefined()
    expect(attachedChart({ id: 'urban', chart: false }, catalog, 14)).toBeUndefined()
    expect(() => attachedChart({ id: 'urban', chart: 'no-such-chart' }, catalog)).toThrow(ChartError)
  })

  it('gives a report whose section ids match example chart names no chart it did not ask for', async () => {
    const edition = await reportEdition(minimal)
    const catalog = await chartCatalog(projectRoot, edition.reportDir)
    const [innovation, livelihood] = edition.report.sections
    expect(attachedChart(innovation as never, catalog, sectionMetricCount(innovation as never))).toBe(
      'key-figures',
    )
    expect(attachedChart(livelihood as never, catalog, sectionMetricCount(livelihood as never))).toBe(
      'key-figures',
    )
    const deck = await renderDeck(edition, ctx())
    expect(deck.charts.map((c) => c.name).sort()).toEqual(['headline-targets', 'key-figures', 'key-figures'])
    const titles = deck.charts.map((c) => c.description).join('\n')
    expect(titles).not.toMatch(/郑州|2021/)
    // each section's key figures are its own metrics
    const innovationChart = deck.charts.find((c) => c.description.includes('新建实验室'))
    expect(innovationChart?.description).toContain('培育创新联合体3至5个')
    expect(innovationChart?.description).not.toContain('筹集保障性住房')
  })
})
