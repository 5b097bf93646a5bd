// The editions of the province's report (data/henan-2023): every one loads and validates; the
// 洛阳市 edition quotes the report and leaves the province as the issuer; the English one
// translates every text.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadReport } from '../../src/data/load.js'
import { listEditions, loadEdition, validateEditions } from '../../src/merge/index.js'
import { projectRoot } from '../support/browser.js'

const reportDir = join(projectRoot, 'data', 'henan-2023')
const squash = (s: string) => s.replace(/\s+/g, '')
/** The issuer, read without depending on the type's spelling of the agreed meta.issuer field. */
const issuerOf = (meta: object) => (meta as { issuer?: string }).issuer

describe('henan-2023 editions', async () => {
  const base = await loadReport(reportDir)
  const ids = await listEditions(reportDir)

  it('lists the 洛阳市 and English editions', () => {
    expect(ids).toEqual(['en', 'luoyang'])
  })

  it('passes validateEditions as huibao validate runs it', async () => {
    expect(await validateEditions(reportDir, { projectRoot })).toEqual({
      problems: [],
      summary: '2 of 2 editions',
    })
  })

  it('luoyang opens with its own unnumbered section, quoting the report verbatim', async () => {
    const edition = await loadEdition(reportDir, 'luoyang', { projectRoot, base })
    const [first, ...rest] = edition.report.sections
    expect(first?.id).toBe('luoyang')
    expect(first?.local).toBe(true)
    expect(first?.number).toBeUndefined()
    expect(rest.map((s) => [s.id, s.number])).toEqual([['review', 1]])
    const reportText = base.report.sections
      .flatMap((s) => s.keywords.flatMap((k) => k.paragraphs))
      .map(squash)
    for (const p of first?.keywords.flatMap((k) => k.paragraphs) ?? []) {
      expect(reportText.some((text) => text.includes(squash(p)))).toBe(true)
    }
    // the city made the edition; the province delivered the report
    expect(edition.report.presentation?.office).toBe('洛阳市人民政府')
    expect(issuerOf(edition.report.meta)).toBe('河南省人民政府')
  })

  it('en keeps every figure and translates every text', async () => {
    const edition = await loadEdition(reportDir, 'en', { projectRoot, base })
    expect(edition.report.locale).toBe('en')
    expect(issuerOf(edition.report.meta)).toBe("People's Government of Henan Province")
    const figures = (r: typeof base.report) =>
      [
        ...(r.targets.metrics ?? []),
        ...r.sections.flatMap((s) => s.keywords.flatMap((k) => k.metrics ?? [])),
      ].map((m) => ('value' in m ? [m.id, m.value, m.scale, m.unit, m.comparator] : [m]))
    expect(figures(edition.report)).toEqual(figures(base.report))
    // every text, leaving out the figures' scale and unit words (万亿, 元), which are data, not text
    const texts = JSON.stringify(
      [edition.report.meta, edition.report.intro, edition.report.targets, edition.report.sections],
      (key, value) => (key === 'scale' || key === 'unit' ? undefined : value),
    )
    expect(texts).not.toMatch(/\p{Script=Han}/u)
  })
})
