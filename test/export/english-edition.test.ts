// The English edition end to end: Latin text in Noto Sans / Noto Serif (embedded, never Type 3), not a
// single CJK character left in the handout, the deck's sections in order, deck.html's fonts subset.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { build } from '../../src/pipeline.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { pdffonts, pdftext } from './handout-support.js'

const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')
const CJK = /[\u3000-\u9fff]/u

describe('the English edition', async () => {
  const session = await sharedSession()
  let outDir: string
  let dir: string
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'huibao-en-'))
    const result = await build({
      report: reportDir,
      projectRoot,
      editions: ['en'],
      formats: ['deck-html', 'deck-pdf', 'handout-pdf'],
      outDir,
      logger: createMemoryLogger(),
      session,
    })
    expect(result.editions.map((e) => e.error?.message)).toEqual([undefined])
    dir = join(outDir, 'zhengzhou-2021', 'en')
  }, 240_000)
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  it('embeds Noto Sans and Noto Serif in the handout, every font embedded and none of them Type 3', () => {
    const fonts = pdffonts(join(dir, 'handout.pdf'))
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))
    expect(names).toContain('NotoSans-Regular')
    expect(names).toContain('NotoSans-Bold')
    expect(names).toContain('NotoSerif-Regular')
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type, font.name).not.toMatch(/Type 3/)
    }
  })

  it('sets the handout without the SC fonts, since it has no CJK text', () => {
    const names = pdffonts(join(dir, 'handout.pdf')).map((f) => f.name)
    expect(names.filter((n) => /SC/.test(n))).toEqual([])
  })

  it('leaves no CJK character in the handout text', () => {
    const text = pdftext(join(dir, 'handout.pdf'))
    const found = [...text].filter((c) => CJK.test(c))
    expect(found.join('')).toBe('')
    expect(text).toMatch(/—\s*2\s*—/)
  })

  it('sets deck.pdf in Noto Sans, embedded and never Type 3', () => {
    const fonts = pdffonts(join(dir, 'deck.pdf'))
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toContain('NotoSans-Regular')
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type, font.name).not.toMatch(/Type 3/)
    }
  })

  it('shows every section title of the English report in deck.pdf, in order', async () => {
    const edition = await loadEdition(reportDir, 'en', { projectRoot })
    // pdftotext joins lines and may drop a hyphen at a line end: compare without spaces and hyphens;
    // the slides show curly quotes for the data's straight ones
    const flat = (s: string) =>
      s
        .replace(/[\s-]+/g, '')
        .replace(/[‘’]/g, "'")
        .replace(/[“”]/g, '"')
    const text = flat(pdftext(join(dir, 'deck.pdf')))
    let at = 0
    for (const section of edition.report.sections) {
      const found = text.indexOf(flat(section.title), at)
      expect(found, section.title).toBeGreaterThanOrEqual(at)
      at = found + 1
    }
  })

  it('embeds only subset Noto Sans faces in deck.html, and no SC face for Latin text', async () => {
    const html = await readFile(join(dir, 'deck.html'), 'utf8')
    const families = [...html.matchAll(/@font-face\{font-family:'([^']+)'/g)].map((m) => m[1])
    expect(families).toContain('Noto Sans')
    expect(families).not.toContain('Noto Sans SC')
    expect(families).not.toContain('Noto Serif')
    // the subset keeps deck.html small: all faces together well under a megabyte
    const fontBytes = [...html.matchAll(/url\(data:font\/woff2;base64,([^)]+)\)/g)].reduce(
      (n, m) => n + (m[1]?.length ?? 0),
      0,
    )
    expect(fontBytes).toBeGreaterThan(0)
    expect(fontBytes).toBeLessThan(1_000_000)
  })
})
