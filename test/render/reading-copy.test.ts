// The reading copy is spoken from: no page may end in the middle of a sentence. Printed by the real
// browser and read back page by page; the same check fails on the booklet, whose pages do end
// mid-sentence, so it can fail. Sections say how long they take, from the talk's minutes.
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BuildContext, Edition } from '../../src/context.js'
import { type HandoutPdfResult, writeHandoutPdf } from '../../src/export/handout-pdf.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { renderHandout } from '../../src/render/handout.js'
import { sectionMinutes, sentenceSpans } from '../../src/render/reading-copy.js'
import { pdftext, squeeze } from '../export/handout-support.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

/** Pages (1-based) whose body text ends inside a sentence, with their last characters. */
function pagesEndingMidSentence(result: HandoutPdfResult, continued: string): string[] {
  const out: string[] = []
  // the cover and the last page (which ends the text) aside
  for (let page = 2; page < result.pages; page++) {
    const body = pdftext(result.path, { first: page, last: page, body: true }).replace(/\s+/g, '')
    if (!body || body.endsWith(continued.replace(/\s+/g, ''))) continue
    if (!/[。！？；!?;.][”’」』）)]*$/u.test(body)) out.push(`p${page}: …${body.slice(-12)}`)
  }
  return out
}

describe('sentenceSpans', () => {
  test('wraps each sentence of a paragraph in main, cutting only outside tags', () => {
    const html =
      '<main><p class="kicker">第一项</p><p>增长<strong class="figure">7.5%以上</strong>。推进建设；“开局”。</p></main>'
    expect(sentenceSpans(html)).toBe(
      '<main><p class="kicker">第一项</p><p><span class="sentence">增长<strong class="figure">7.5%以上</strong>。</span><span class="sentence">推进建设；</span><span class="sentence">“开局”。</span></p></main>',
    )
  })

  test('splits English sentences at a full stop before a space', () => {
    expect(sentenceSpans('<main><p>GDP grows 7.5%. Revenue grows 5%.</p></main>')).toBe(
      '<main><p><span class="sentence">GDP grows 7.5%.</span><span class="sentence"> Revenue grows 5%.</span></p></main>',
    )
  })
})

describe('sectionMinutes', () => {
  test('shares the talk in proportion to the text, at least a minute each', async () => {
    const { report } = await exampleEdition()
    const minutes = sectionMinutes(report.sections, 40)
    expect(minutes).toHaveLength(report.sections.length)
    expect(minutes.every((m) => m >= 1)).toBe(true)
    expect(Math.abs(minutes.reduce((a, b) => a + b, 0) - 40)).toBeLessThanOrEqual(report.sections.length / 2)
  })
})

describe('the printed reading copy', () => {
  let ctx: BuildContext
  let edition: Edition
  let reading: HandoutPdfResult
  let booklet: HandoutPdfResult
  beforeAll(async () => {
    ctx = { projectRoot, logger: createMemoryLogger(), session: await sharedSession(), cache: true }
    edition = await exampleEdition({ outDir: join(projectRoot, 'output', 'test', 'reading-copy') })
    ;[reading, booklet] = await Promise.all([
      writeHandoutPdf(edition, ctx, { kind: 'reading-copy', paragraphNumbers: true }),
      writeHandoutPdf(edition, ctx, { kind: 'handout' }),
    ])
  })

  test('never ends a page mid-sentence (the booklet, set as running text, does)', () => {
    const continued = edition.strings['print.continued'] ?? ''
    expect(pagesEndingMidSentence(reading, continued)).toEqual([])
    expect(pagesEndingMidSentence(booklet, continued).length).toBeGreaterThan(0)
  })

  test("opens with the speech: the publisher's framing is in the booklet, not in the reading copy", () => {
    const { intro } = edition.report
    const framing = intro.framing ?? 0
    expect(framing, 'the example marks its news sentence as framing').toBeGreaterThan(0)
    const news = squeeze(intro.paragraphs[0] as string)
    const speech = squeeze(intro.paragraphs[framing] as string).slice(0, 20)
    expect(squeeze(pdftext(booklet.path))).toContain(news)
    const firstPage = squeeze(pdftext(reading.path, { first: 2, last: 2, body: true }))
    expect(squeeze(pdftext(reading.path))).not.toContain(news)
    expect(firstPage).toContain(speech)
  })

  test('marks each section with the minutes it takes and numbers the paragraphs', () => {
    const text = pdftext(reading.path)
    const marks = text.match(/约\s*\d+\s*分钟/g) ?? []
    expect(marks.length).toBe(edition.report.sections.length)
    // paragraph numbers: "1" … at the start of lines
    expect(pdftext(reading.path, { first: 2, last: 2 })).toMatch(/^\s*1\s*$/m)
  })
})

describe('the reading copy of a report without framing', () => {
  test('keeps every paragraph of the intro, and leaves out exactly the framing ones when given', async () => {
    const ctx: BuildContext = {
      projectRoot,
      logger: createMemoryLogger(),
      session: await sharedSession(),
      cache: true,
    }
    const text = (html: string) => squeeze(html.replace(/<[^>]*>/g, ''))
    const plain = await exampleEdition({}, (r) => {
      r.intro.framing = undefined
    })
    const first = squeeze(plain.report.intro.paragraphs[0] as string).slice(0, 20)
    const second = squeeze(plain.report.intro.paragraphs[1] as string).slice(0, 20)
    expect(text((await renderHandout(plain, ctx, 'reading-copy')).html)).toContain(first)
    const framed = await exampleEdition({}, (r) => {
      r.intro.framing = 2
    })
    const html = text((await renderHandout(framed, ctx, 'reading-copy')).html)
    expect(html).not.toContain(first)
    expect(html).not.toContain(second)
    expect(text((await renderHandout(framed, ctx, 'handout')).html)).toContain(second)
  })
})
