// finalizePdf and readOutline on PDFs made here with pdf-lib (the browser's own PDFs are covered by
// the handout tests): exact boxes, bleed, metadata, /Lang, and radical look-alikes in ToUnicode.
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { describe, expect, test } from 'vitest'
import { ConvertError } from '../../src/errors.js'
import { A4, finalizePdf, MM, unifyRadicals } from '../../src/export/pdf-post.js'

async function chromiumSizedPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  // Chromium rounds A4 to whole CSS pixels: 594.96 x 841.92 pt
  for (let i = 0; i < pages; i++) doc.addPage([594.96, 841.92])
  return doc.save()
}

describe('finalizePdf', () => {
  test('makes every page exactly A4 with all boxes at the origin', async () => {
    const out = await PDFDocument.load(
      await finalizePdf(await chromiumSizedPdf(), { title: 'T', language: 'zh-CN', trimSize: A4 }),
    )
    for (const page of out.getPages()) {
      for (const box of [page.getMediaBox(), page.getTrimBox(), page.getBleedBox(), page.getCropBox()]) {
        expect(box.x).toBe(0)
        expect(box.y).toBe(0)
        expect(box.width).toBeCloseTo(595.2756, 3)
        expect(box.height).toBeCloseTo(841.8898, 3)
      }
    }
  })

  test('with bleed, the sheet grows by the bleed on every side and the TrimBox stays A4', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([A4.width + 6 * MM + 0.2, A4.height + 6 * MM - 0.1])
    const out = await PDFDocument.load(
      await finalizePdf(await doc.save(), { title: 'T', language: 'zh-CN', trimSize: A4, bleedMm: 3 }),
    )
    const page = out.getPage(0)
    expect(page.getMediaBox().width).toBeCloseTo(A4.width + 6 * MM, 3)
    expect(page.getBleedBox()).toEqual(page.getMediaBox())
    const trim = page.getTrimBox()
    expect(trim.x).toBeCloseTo(3 * MM, 3)
    expect(trim.y).toBeCloseTo(3 * MM, 3)
    expect(trim.width).toBeCloseTo(A4.width, 3)
    expect(trim.height).toBeCloseTo(A4.height, 3)
  })

  test('refuses pages that are not the size asked for', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([612, 792])
    await expect(finalizePdf(await doc.save(), { title: 'T', language: 'en', trimSize: A4 })).rejects.toThrow(
      ConvertError,
    )
  })

  test('writes title, author, subject, keywords, creator "huibao" and the catalog language', async () => {
    const bytes = await finalizePdf(await chromiumSizedPdf(), {
      title: '郑州市政府工作报告',
      author: '代市长 侯红',
      subject: '郑州市第十五届人民代表大会第四次会议',
      keywords: ['中原科技城', '黄河人才计划'],
      language: 'zh-CN',
    })
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(doc.getTitle()).toBe('郑州市政府工作报告')
    expect(doc.getAuthor()).toBe('代市长 侯红')
    expect(doc.getSubject()).toBe('郑州市第十五届人民代表大会第四次会议')
    expect(doc.getKeywords()).toContain('黄河人才计划')
    expect(doc.getCreator()).toBe('huibao')
    const lang = doc.catalog.lookup(PDFName.of('Lang'))
    expect(lang instanceof PDFString ? lang.decodeText() : undefined).toBe('zh-CN')
  })

  test('keeps page sizes as they are when no trim size is given (slide decks)', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([960, 540])
    const out = await PDFDocument.load(
      await finalizePdf(await doc.save(), { title: 'deck', language: 'zh-CN' }),
    )
    expect(out.getPage(0).getMediaBox()).toEqual({ x: 0, y: 0, width: 960, height: 540 })
  })
})

describe('unifyRadicals', () => {
  const cmap = (body: string) =>
    `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`

  test('maps a Kangxi radical target such as ⾥ (U+2FA5) back to the ideograph 里 (U+91CC)', () => {
    const fixed = unifyRadicals(cmap('2 beginbfchar\n<0003> <2FA5>\n<0004> <76EE>\nendbfchar'))
    expect(fixed).toContain('<0003> <91CC>')
    expect(fixed).toContain('<0004> <76EE>')
    expect(fixed).not.toMatch(/<2FA5>/)
  })

  test('expands ranges that run through radicals and leaves glyph ids alone', () => {
    const fixed = unifyRadicals(cmap('1 beginbfrange\n<2FA4> <2FA6> <2FA4>\nendbfrange')) ?? ''
    // the glyph ids 2FA4..2FA6 stay as they are; only the texts they map to change
    expect(fixed).toContain('<2FA5> <91CC>')
    expect(fixed.match(/^<2FA[456]>/gm)?.length).toBe(3)
    expect(fixed).not.toMatch(/> <2F[0-9A-F]{2}>/)
  })

  test('leaves a CMap without radicals untouched', () => {
    expect(unifyRadicals(cmap('1 beginbfchar\n<0003> <91CC>\nendbfchar'))).toBeUndefined()
  })
})
