// The example editions of data/zhengzhou-2021: every one loads and validates, and each district
// edition is what the report itself says of that district, in its own colour and wordmark.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadReport } from '../../src/data/load.js'
import { listEditions, loadEdition, validateEditions } from '../../src/merge/index.js'
import { projectRoot } from '../support/browser.js'

const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')

/** Edition id -> how the report names it. */
const districts: Record<string, string> = {
  xinmi: '新密',
  dengfeng: '登封',
  xingyang: '荥阳',
  xinzheng: '新郑',
  zhongmou: '中牟',
  gongyi: '巩义',
  hkg: '航空港区',
  zhengdong: '郑东新区',
  jingkai: '经开区',
  gaoxin: '高新区',
}

const squash = (s: string) => s.replace(/\s+/g, '')

/** WCAG contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  return 1.05 / (l + 0.05)
}

describe('example editions', async () => {
  const base = await loadReport(reportDir)
  const ids = await listEditions(reportDir)
  const baseText = base.report.sections.flatMap((s) => s.keywords.flatMap((k) => k.paragraphs)).map(squash)

  it('lists the ten district editions and the English one, without the base', () => {
    expect(ids).toEqual([...Object.keys(districts), 'en'].sort())
  })

  it.each([base.report.id, ...ids])('loads and validates edition %s', async (id) => {
    const edition = await loadEdition(reportDir, id, { projectRoot, base })
    expect(edition.id).toBe(id)
    expect(edition.reportId).toBe('zhengzhou-2021')
    expect(edition.outDir).toBe(join(projectRoot, 'output', 'zhengzhou-2021', id))
    // the city's sections keep the report's numbers wherever the edition puts them; its own have none
    const numbers = new Map(base.report.sections.map((s) => [s.id, s.number]))
    for (const section of edition.report.sections) {
      if (section.local) expect(section.number, section.id).toBeUndefined()
      else expect(section.number, section.id).toBe(numbers.get(section.id))
    }
  })

  it('passes validateEditions as huibao validate runs it', async () => {
    expect(await validateEditions(reportDir, { projectRoot })).toEqual({
      problems: [],
      summary: `${ids.length} of ${ids.length} editions`,
    })
  })

  it.each(Object.entries(districts))(
    '%s opens with its own section quoting the report verbatim',
    async (id, name) => {
      const edition = await loadEdition(reportDir, id, { projectRoot, base })
      const first = edition.report.sections[0]
      expect(first?.id).toBe(id)
      expect(first?.local).toBe(true)
      expect(first?.number).toBeUndefined()
      expect(edition.source.changes).toContainEqual(
        expect.objectContaining({ kind: 'added', path: `sections[${id}]` }),
      )
      expect(baseText.some((p) => p.includes(squash(first?.lead ?? '')))).toBe(true)
      const paragraphs = first?.keywords.flatMap((k) => k.paragraphs) ?? []
      expect(paragraphs.length).toBeGreaterThan(0)
      for (const p of paragraphs) {
        expect(p).toContain(name)
        expect(baseText.some((text) => text.includes(squash(p)))).toBe(true)
      }
      for (const k of first?.keywords ?? []) {
        // keyword titles are the report's own keywords the sentences come from
        expect(base.report.sections.some((s) => s.keywords.some((b) => b.title === k.title))).toBe(true)
      }
    },
  )

  it.each(Object.keys(districts))('%s has its own name, office, accent colour and wordmark', async (id) => {
    const edition = await loadEdition(reportDir, id, { projectRoot, base })
    const p = edition.report.presentation
    expect(p?.edition).toMatch(/[\p{Script=Han}]/u)
    expect(p?.edition).not.toBe(base.report.presentation?.edition)
    expect(p?.office).not.toBe(base.report.presentation?.office)
    expect(edition.theme.accent).toBe(p?.accent)
    expect(contrastOnWhite(p?.accent ?? '#ffffff')).toBeGreaterThanOrEqual(4.5)
    expect(edition.logo).toBe(join(reportDir, 'editions', 'logos', `${id}.svg`))
    const svg = await readFile(edition.logo as string, 'utf8')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(svg).toContain(`>${p?.edition}</text>`)
    expect(svg).toContain('Noto Sans SC')
    expect(svg).toContain(p?.accent)
    // the font is embedded (an SVG shown as an image cannot use the page's fonts); nothing else loads
    expect(svg).toContain("@font-face{font-family:'Noto Sans SC'")
    expect(svg).not.toMatch(/<image|<script|href=|url\((?!data:font\/woff2;base64,)|<foreignObject/i)
  })

  it('gives every district a different accent colour, none the base theme red', async () => {
    const accents = await Promise.all(
      Object.keys(districts).map(
        async (id) => (await loadEdition(reportDir, id, { projectRoot, base })).theme.accent,
      ),
    )
    expect(new Set(accents).size).toBe(accents.length)
    expect(accents).not.toContain('#B71C1C')
  })

  it('shows removal and reordering in at least one edition each', async () => {
    const changes = await Promise.all(
      Object.keys(districts).map(
        async (id) => (await loadEdition(reportDir, id, { projectRoot, base })).source.changes,
      ),
    )
    const all = changes.flat()
    expect(all.some((c) => c.kind === 'removed' && c.path.startsWith('sections['))).toBe(true)
    expect(all.some((c) => c.kind === 'reordered' && c.path.endsWith('.keywords'))).toBe(true)
  })
})
