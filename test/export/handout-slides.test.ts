// The slide handout from a small deck PDF printed here: 2, 3 or 6 slides to an A4 page, vector.
import { execFileSync } from 'node:child_process'
import { access, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Edition } from '../../src/context.js'
import { ConvertError, TemplateRenderError } from '../../src/errors.js'
import { writeSlidesHandout } from '../../src/export/slides-handout.js'
import { fontFaceCss } from '../../src/fonts/faces.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { pdffonts, pdfinfo, pdftext, RADICALS } from './handout-support.js'

const SLIDES = 7
const outDir = join(projectRoot, 'output', 'test', 'handout-slides')
let deckPdf: string
let edition: Edition
let session: Awaited<ReturnType<typeof sharedSession>>

beforeAll(async () => {
  session = await sharedSession()
  edition = await exampleEdition({ outDir })
  const slides = Array.from(
    { length: SLIDES },
    (_, i) => `<section><h1>第${i + 1}张：里程与目标</h1><p>地区生产总值增长7.5%以上</p></section>`,
  ).join('')
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${await fontFaceCss()}
    @page { size: 1280px 720px; margin: 0 }
    body { margin: 0; font-family: 'Noto Sans SC' }
    section { width: 1280px; height: 720px; box-sizing: border-box; padding: 80px; break-after: page; background: #fffdf8 }
    h1 { color: #b71c1c; font-size: 56px }</style></head><body>${slides}</body></html>`
  const bytes = await session.withPage(async (page) => {
    await session.load(page, html, { name: 'deck.html' })
    await session.waitForReady(page)
    return page.pdf({ preferCSSPageSize: true, printBackground: true })
  })
  await mkdir(outDir, { recursive: true })
  deckPdf = join(outDir, 'deck.pdf')
  await writeFile(deckPdf, bytes)
})

describe('writeSlidesHandout', () => {
  test.each([
    [2, Math.ceil(SLIDES / 2)],
    [3, Math.ceil(SLIDES / 3)],
    [6, Math.ceil(SLIDES / 6)],
  ] as const)('puts %i slides on an A4 page: %i pages for 7 slides', async (perPage, pages) => {
    const outFile = join(outDir, `slides-handout-${perPage}.pdf`)
    const result = await writeSlidesHandout(deckPdf, edition, { perPage, outFile })
    expect(result.pages).toBe(pages)
    const info = pdfinfo(outFile)
    expect(Number(info.Pages)).toBe(pages)
    expect(info['Page size']).toBe('595.276 x 841.89 pts (A4)')
    expect(info.Creator).toBe('huibao')
  })

  test('writes 3-up by default to slides-handout.pdf, with the slides still as text in their own fonts', async () => {
    const result = await writeSlidesHandout(deckPdf, edition)
    expect(result.path).toBe(join(outDir, 'slides-handout.pdf'))
    expect(result.pages).toBe(3)
    const text = pdftext(result.path)
    for (let i = 1; i <= SLIDES; i++) expect(text).toContain(`第${i}张：里程与目标`)
    expect(text.match(RADICALS) ?? []).toEqual([])
    const fonts = pdffonts(result.path)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type).not.toMatch(/Type 3/)
    }
  })

  test('prints a running header and "— n —" on every sheet in the bundled fonts', async () => {
    const outFile = join(outDir, 'slides-handout-framed.pdf')
    const ctx = { projectRoot, logger: createMemoryLogger(), session, cache: true }
    const result = await writeSlidesHandout(deckPdf, edition, { outFile, ctx })
    expect(result.pages).toBe(3)
    expect(Number(pdfinfo(outFile).Pages)).toBe(3)
    for (let n = 1; n <= 3; n++) {
      const page = execFileSync(
        'pdftotext',
        ['-f', String(n), '-l', String(n), '-enc', 'UTF-8', outFile, '-'],
        {
          encoding: 'utf8',
        },
      ).replace(/\s+/g, '')
      expect(page).toContain(`—${n}—`)
      expect(page).toContain('郑州市政府工作报告')
      expect(page).toContain('幻灯片讲义')
    }
    for (const font of pdffonts(outFile)) {
      expect(font.name).toMatch(/Noto/)
      expect(font.embedded).toBe(true)
      expect(font.type).not.toMatch(/Type 3/)
    }
  })

  test('fails with a ConvertError naming the deck when the deck PDF is missing', async () => {
    const missing = join(outDir, 'no-such-deck.pdf')
    await expect(writeSlidesHandout(missing, edition)).rejects.toThrow(ConvertError)
    await expect(writeSlidesHandout(missing, edition)).rejects.toThrow(/no-such-deck\.pdf/)
  })

  test.each([
    ['handout.slidesHandout', false],
    ['print.folio', true],
  ] as const)(
    'fails naming the locale key when %s is missing (framed: %s), and writes nothing',
    async (key, framed) => {
      const { [key]: _, ...strings } = edition.strings
      const outFile = join(outDir, `slides-handout-without-${key}.pdf`)
      const ctx = framed ? { projectRoot, logger: createMemoryLogger(), session, cache: true } : undefined
      const run = writeSlidesHandout(deckPdf, { ...edition, strings }, { outFile, ctx })
      await expect(run).rejects.toThrow(TemplateRenderError)
      await expect(run).rejects.toThrow(`missing locale string "${key}"`)
      await expect(access(outFile)).rejects.toThrow(/ENOENT/)
    },
  )
})
