import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import { ConfigError, OverflowError, TemplateRenderError } from '../../src/errors.js'
import { htmlText } from '../../src/html/text.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { type RenderedDeck, renderDeck } from '../../src/render/deck.js'
import { chunk, essence, figureParts, points } from '../../src/render/slide-text.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { fixtureEdition } from './deck-fixture.js'

const session = await sharedSession()
const ctx = (): BuildContext => ({ projectRoot, logger: createMemoryLogger(), session, cache: true })

/** The HTML without the phrase breaks (<wbr>) the renderer puts into Chinese text. */
const plain = (html: string) => html.replace(/<wbr>/g, '')

/** The <section> elements of the deck's HTML. */
function sections(deck: RenderedDeck): string[] {
  return plain(deck.html).match(/<section\b[\s\S]*?<\/section>/g) ?? []
}

describe('renderDeck on the example report', async () => {
  const edition = await exampleEdition()
  const deck = await renderDeck(edition, ctx())
  const report = edition.report

  it('makes one section element, one notes entry and one metadata entry per slide', () => {
    expect(deck.slides.length).toBeGreaterThan(40)
    expect(sections(deck)).toHaveLength(deck.slides.length)
    expect(deck.notes).toHaveLength(deck.slides.length)
    expect(deck.slides.map((s) => s.index)).toEqual(deck.slides.map((_, i) => i + 1))
  })

  it('starts with title, agenda and targets and ends with the closing slide', () => {
    expect(deck.slides.slice(0, 3).map((s) => s.partial)).toEqual(['title', 'agenda', 'targets'])
    expect(deck.slides.at(-1)?.partial).toBe('closing')
  })

  it('has a divider for every section and a slide for every keyword, in report order', () => {
    const dividers = deck.slides.filter((s) => s.partial === 'section').map((s) => s.sectionId)
    expect(dividers).toEqual(report.sections.map((s) => s.id))
    // a slide that sparse keywords share shows each of them (keywordIds)
    const keywordOrder = [
      ...new Set(deck.slides.flatMap((s) => s.keywordIds ?? (s.keywordId ? [s.keywordId] : []))),
    ]
    expect(keywordOrder).toEqual(report.sections.flatMap((s) => s.keywords.map((k) => k.id)))
  })

  it('gives every slide but the closing one speaker notes', () => {
    deck.notes.slice(0, -1).forEach((note, i) => {
      expect(note, `slide ${i + 1}`).not.toBe('')
    })
  })

  it('shows the short form of a keyword on the slide and the full paragraph in its notes', () => {
    const keyword = report.sections[0]?.keywords[0]
    if (!keyword) throw new Error('example has no keyword')
    const i = deck.slides.findIndex((s) => s.keywordId === keyword.id)
    const paragraph = keyword.paragraphs[0] ?? ''
    expect(deck.notes[i]).toContain(paragraph)
    const slideText = sections(deck)[i] ?? ''
    expect(slideText).not.toContain(paragraph)
    expect(slideText).toContain(essence(paragraph, 64))
  })

  it('writes the headline target as the report states it, 7.5%以上', () => {
    const targets = sections(deck)[2] ?? ''
    expect(targets.replace(/<[^>]+>/g, '').replace(/&#46;/g, '.')).toContain('7.5%以上')
  })

  it('puts the headline chart on the targets slide as inline SVG', () => {
    expect(deck.charts.map((c) => c.name)).toContain('headline-targets')
    expect(sections(deck)[2]).toMatch(/<figure class="chart chart-headline-targets"[^>]*><svg/)
  })

  it('reads every figure of a chart out in the notes of its slide', () => {
    const headline = deck.charts.find((c) => c.name === 'headline-targets')
    expect(deck.notes[2]).toContain(headline?.description ?? '-')
    expect(deck.notes[2]).toContain(report.targets.paragraphs[0])
  })

  it('numbers the sections in Chinese and puts the meeting name in the footer', () => {
    expect(plain(deck.html)).toContain('第一项重点工作')
    expect(deck.markdown).toMatch(/^footer: "郑州市第十五届人民代表大会第四次会议"$/m)
    expect(plain(deck.html)).toContain('<footer>郑州市第十五届人民代表大会第四次会议</footer>')
  })

  it('fits up to six figures on a keyword slide and lists more on a continuation slide', () => {
    const keywords = report.sections.flatMap((s) => s.keywords)
    const six = keywords.find((k) => k.metrics?.length === 6)
    const many = keywords.find((k) => (k.metrics?.length ?? 0) > 6)
    if (!six || !many) throw new Error('example lacks a keyword with 6 or with more than 6 figures')
    expect(deck.slides.filter((s) => s.keywordId === six.id).map((s) => s.partial)).toEqual(['keyword'])
    const slides = deck.slides.filter((s) => s.keywordId === many.id)
    expect(slides.map((s) => s.partial)).toEqual(['keyword', 'metric-grid'])
    expect(slides[1]?.title).toBe(`${many.title}（续）`)
    const grid = sections(deck)[(slides[1]?.index ?? 0) - 1] ?? ''
    expect((grid.match(/class="row"/g) ?? []).length).toBe((many.metrics?.length ?? 0) - 3)
  })

  it('lists the key points of a keyword without figures', () => {
    const talent = report.sections[0]?.keywords[1]
    const i = deck.slides.findIndex((s) => s.keywordId === talent?.id)
    expect(sections(deck)[i]).toMatch(/<ul class="points">[\s\S]*<li>发布“1&#43;N”政策体系<\/li>/)
  })

  it('loads nothing: no element with a URL outside the deck', () => {
    expect(deck.html).not.toMatch(/\b(?:src|href)="(?!data:|#)/)
    expect(deck.html).not.toMatch(/<script\b/)
    expect(deck.css).not.toMatch(/url\((?!["']?data:)/)
  })

  it('collects the visible text for font subsetting', () => {
    expect(deck.text).toContain('中原科技城')
    expect(deck.text).toContain('7.5%以上')
  })
})

describe('renderDeck of a district edition with a section of its own', async () => {
  // 新郑市: its own section first, then 提升农业农村现代化水平 (task 6), then the rest of the city's tasks
  const edition = await loadEdition(join(projectRoot, 'data', 'zhengzhou-2021'), 'xinzheng', { projectRoot })
  const deck = await renderDeck(edition, ctx())
  const slideText = (i: number) => htmlText(sections(deck)[i] ?? '')
  const slideOf = (partial: string, sectionId?: string) =>
    deck.slides.findIndex(
      (s) => s.partial === partial && (sectionId === undefined || s.sectionId === sectionId),
    )

  it("lists the edition's own section first under its own label, then the city's tasks by their own numbers", () => {
    const agenda = sections(deck)[slideOf('agenda')] ?? ''
    const text = htmlText(agenda)
    expect(text.startsWith('新郑市 · 本地特色 新郑市：新一代信息技术 2021年八项重点工作')).toBe(true)
    expect(text).not.toContain('抓好八项')
    const numbered = [
      ...agenda.matchAll(/agenda-number">([^<]+)<\/span><span class="agenda-title">([^<]+)</g),
    ].map((m) => `${m[1]}${htmlText(m[2] ?? '')}`)
    expect(numbered).toHaveLength(8)
    expect(numbered.slice(0, 2)).toEqual(['六提升农业农村现代化水平', '一打造科技创新中心'])
    expect(numbered.some((n) => n.includes('新郑市'))).toBe(false)
  })

  it('shows its own section without a task number, and 打造科技创新中心 as 第一项 though it is not first', () => {
    const own = slideText(slideOf('section', 'xinzheng'))
    expect(own).toContain('新郑市 · 本地特色')
    expect(own).not.toMatch(/第.项/)
    const innovation = slideOf('section', 'innovation')
    expect(innovation).toBeGreaterThan(slideOf('section', 'rural'))
    expect(slideText(innovation)).toContain('第一项重点工作')
    expect(slideText(slideOf('section', 'rural'))).toContain('第六项重点工作')
    // its keywords are sparse: they share one slide (partial keywords)
    const ownKeyword = slideText(
      deck.slides.findIndex((s) => s.sectionId === 'xinzheng' && s.partial.startsWith('keyword')),
    )
    expect(ownKeyword.startsWith('本地特色 · 新郑市：新一代信息技术')).toBe(true)
    expect(slideText(slideOf('keyword', 'innovation'))).toContain('第一项 · 打造科技创新中心')
    expect(deck.text).not.toContain('第九项')
    expect(deck.text).not.toContain('第二项 · 打造科技创新中心')
  })

  it('names the district in the footer of every slide', () => {
    expect(deck.markdown).toMatch(/^footer: "新郑市 · 郑州市第十五届人民代表大会第四次会议"$/m)
    expect(plain(deck.html)).toContain('<footer>新郑市 · 郑州市第十五届人民代表大会第四次会议</footer>')
  })
})

describe('renderDeck themes', () => {
  it('renders the plain theme', async () => {
    const deck = await renderDeck(await exampleEdition({ theme: { name: 'plain' } }), ctx(), {
      checkOverflow: false,
    })
    expect(deck.theme).toBe('huibao-plain')
    expect(deck.html).toContain('data-theme="huibao-plain"')
  })

  it('lets the edition add its colour as a second accent, the theme red staying', async () => {
    const deck = await renderDeck(
      await exampleEdition({ theme: { name: 'formal', accent: '#1a7f37' } }),
      ctx(),
      {
        checkOverflow: false,
      },
    )
    expect(deck.css).toContain('--district: #1a7f37')
    expect(deck.css).not.toContain('--accent: #1a7f37')
  })

  it('puts the edition logo on the title slide as a data: URI named after the edition', async () => {
    const logo = join(projectRoot, 'data', 'zhengzhou-2021', 'editions', 'logos', 'dengfeng.svg')
    const edition = await exampleEdition({ logo }, (r) => {
      r.presentation = { ...r.presentation, edition: '登封市' }
    })
    const deck = await renderDeck(edition, ctx(), { checkOverflow: false })
    const title = sections(deck)[0] ?? ''
    expect(title).toMatch(/<img class="logo" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="登封市">/)
    expect(title).not.toContain('<span class="edition">')
  })

  it('names the available themes when the theme is unknown', async () => {
    const edition = await exampleEdition({ theme: { name: 'neon' } })
    const error = await renderDeck(edition, ctx()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(/unknown theme "neon"; available themes: formal, plain/)
  })
})

describe('renderDeck with hostile report text', () => {
  it('shows HTML, Markdown, math and emoji syntax in data as literal text', async () => {
    const edition = await fixtureEdition('hostile-text', { replace: { PORT: '9' } })
    const deck = await renderDeck(edition, ctx(), { checkOverflow: false })
    expect(deck.html).not.toMatch(/<(img|script|iframe|style|a)\b[^>]*(127\.0\.0\.1|alert)/)
    expect(deck.html).not.toMatch(/<strong>bold<\/strong>/)
    expect(deck.text).toContain('<img src="http://127.0.0.1:9/title-img">')
    expect(deck.text).toContain('![x](http://127.0.0.1:9/title-md)')
    expect(deck.text).toContain('<script>alert(1)</script>')
    expect(deck.text).toContain('**bold**')
  })

  it('keeps texts that look like comment ends or Marp directives as notes, word for word', async () => {
    const edition = await fixtureEdition('notes-syntax')
    const plain = await renderDeck(await exampleEdition(), ctx(), { checkOverflow: false })
    const deck = await renderDeck(edition, ctx(), { checkOverflow: false })
    const paragraph = edition.report.sections[0]?.keywords[1]?.paragraphs[0] ?? ''
    const i = deck.slides.findIndex((s) => s.keywordId === edition.report.sections[0]?.keywords[1]?.id)
    expect(deck.notes[i]).toBe(paragraph)
    expect(deck.slides.length).toBe(plain.slides.length)
    expect(deck.html).not.toContain('假页脚')
    expect(deck.html).not.toContain('data-theme="gaia"')
    expect((deck.html.match(/data-marpit-pagination=/g) ?? []).length).toBe(
      (plain.html.match(/data-marpit-pagination=/g) ?? []).length,
    )
  })
})

describe('renderDeck errors', () => {
  it('fails on an unknown metric id with the template file and line', async () => {
    const edition = await fixtureEdition('unknown-highlight')
    const error = await renderDeck(edition, ctx(), { checkOverflow: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TemplateRenderError)
    expect((error as TemplateRenderError).message).toContain('unknown metric id "no-such-metric"')
    expect((error as TemplateRenderError).location?.file).toBe('templates/deck/partials/section.hbs')
    expect((error as TemplateRenderError).location?.line).toBeGreaterThan(0)
  })

  it('fails with the slide number when a 400-character keyword title overflows its slide', async () => {
    const edition = await fixtureEdition('long-keyword-title')
    const keyword = edition.report.sections[1]?.keywords[2]
    const error = await renderDeck(edition, ctx()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OverflowError)
    const plain = await renderDeck(await exampleEdition(), ctx(), { checkOverflow: false })
    const n = plain.slides.findIndex((s) => s.keywordId === keyword?.id) + 1
    expect((error as OverflowError).message).toContain(`slide ${n}`)
    expect((error as OverflowError).message).toContain('section "构建现代产业体系"')
    expect((error as OverflowError).message).toContain('partial templates/deck/partials/keyword.hbs')
  })

  it('lists every slide a 300-character section title makes overflow', async () => {
    const edition = await fixtureEdition('long-section-title')
    const error = await renderDeck(edition, ctx()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OverflowError)
    const problems = (error as OverflowError).problems.map((p) => p.message)
    expect(problems.some((m) => m.startsWith('slide 2, partial templates/deck/partials/agenda.hbs'))).toBe(
      true,
    )
    expect(problems.some((m) => m.includes('partial templates/deck/partials/section.hbs'))).toBe(true)
    expect((error as OverflowError).message).toMatch(/^\d+ slides overflow; the first: slide 2,/)
  })

  it('fits a 2000-character project text: the slide shows its short form, the notes all of it', async () => {
    const edition = await fixtureEdition('long-project-text')
    const project = edition.report.sections[7]?.keywords[1]?.projects?.[0]
    const deck = await renderDeck(edition, ctx())
    expect(deck.notes.some((n) => n.includes(project?.text ?? '-'))).toBe(true)
  })
})

describe('deck helpers', () => {
  it('splits a figure into prefix, number and suffix', () => {
    expect(figureParts('不少于2个')).toEqual({ prefix: '不少于', number: '2', suffix: '个' })
    expect(figureParts('7.5%以上')).toEqual({ prefix: '', number: '7.5', suffix: '%以上' })
    expect(figureParts('3至5个')).toEqual({ prefix: '', number: '3至5', suffix: '个' })
    expect(figureParts('RMB 24 billion or more')).toEqual({
      prefix: 'RMB ',
      number: '24',
      suffix: ' billion or more',
    })
  })

  it('shortens a paragraph to its first sentence, cut at whole clauses', () => {
    expect(essence('大力实施黄河人才计划。发布“1+N”政策体系。')).toBe('大力实施黄河人才计划')
    const long =
      '以龙湖北部、智慧岛、科学谷为主体，重点发展数字文创、信息技术、前沿科技等产业，着力把中原科技城打造成为全市新旧动能转换发动机、中原地区科技创新策源地。'
    expect(essence(long, 64)).toBe(
      '以龙湖北部、智慧岛、科学谷为主体，重点发展数字文创、信息技术、前沿科技等产业',
    )
  })

  it('takes key points from the opening clauses of the later sentences', () => {
    expect(
      points(['大力实施黄河人才计划。发布“1+N”政策体系，集成办好；推进“人才+资本+场景”建设，让人才落地。']),
    ).toEqual(['发布“1+N”政策体系', '推进“人才+资本+场景”建设'])
  })

  it('balances continuation pages', () => {
    expect(chunk([1, 2, 3, 4, 5, 6, 7], 6).map((p) => p.length)).toEqual([4, 3])
    expect(chunk([1, 2, 3], 6)).toEqual([[1, 2, 3]])
  })
})
