// renderHandout and its helpers: figures set off in the text, data text escaped everywhere (HTML and
// the CSS strings of the running headers), headings listed for the contents pass.
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import type { Metric } from '../../src/data/types.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { renderHandout } from '../../src/render/handout.js'
import {
  cssString,
  locateFigures,
  pageCounterContent,
  paragraphHtml,
} from '../../src/render/handout-helpers.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

const metric = (over: Partial<Metric>): Metric => ({
  id: 'm',
  label: '新增高新技术企业',
  value: 1000,
  unit: '家',
  comparator: 'exact',
  kind: 'count',
  sentence: '新增高新技术企业1000家',
  ...over,
})

describe('figures in paragraphs', () => {
  test('finds each figure inside its own sentence, after its label', () => {
    const p = '新增高新技术企业1000家、科技型企业1500家、技术合同成交额240亿元以上。'
    const sentence = '新增高新技术企业1000家、科技型企业1500家、技术合同成交额240亿元以上'
    const spans = locateFigures(
      p,
      [
        metric({ id: 'a', sentence }),
        metric({ id: 'b', label: '新增科技型企业', value: 1500, sentence }),
        metric({
          id: 'c',
          label: '技术合同成交额',
          value: 240,
          scale: '亿',
          unit: '元',
          comparator: 'at-least',
          sentence,
        }),
      ],
      'zh-CN',
    )
    expect(spans.map((s) => p.slice(s.start, s.end))).toEqual(['1000家', '1500家', '240亿元以上'])
  })

  test('does not take a figure out of a longer number (500家 inside 1500家)', () => {
    const p = '科技型企业1500家，孵化器500家。'
    const spans = locateFigures(
      p,
      [metric({ label: '孵化器', value: 500, sentence: '孵化器500家' })],
      'zh-CN',
    )
    expect(spans.map((s) => p.slice(s.start, s.end))).toEqual(['500家'])
    expect(spans[0]?.start).toBe(p.indexOf('孵化器') + 3)
  })

  test('escapes the paragraph and sets the figure in a strong element', () => {
    const html = paragraphHtml(
      '<b>新增</b>高新技术企业1000家',
      [metric({ sentence: '高新技术企业1000家' })],
      'zh-CN',
    )
    expect(html).toBe(
      '&lt;b&gt;新增&lt;/b&gt;高新技术企业<strong class="figure" data-metric="m">1000家</strong>',
    )
  })
})

describe('CSS strings for the page margins', () => {
  test('escape quotes, backslashes, angle brackets and everything outside ASCII', () => {
    const css = cssString('a"b\\c</style><script>里')
    expect(css).not.toMatch(/[<>]/)
    expect(css.slice(1, -1)).not.toMatch(/(^|[^\\])"/)
    expect(css).toContain('\\91cc ')
  })

  test('turn {page} and {pages} into counters', () => {
    expect(pageCounterContent('第 {page} 页 共 {pages} 页')).toBe(
      `${cssString('第 ')} counter(page) ${cssString(' 页 共 ')} counter(pages) ${cssString(' 页')}`,
    )
  })
})

describe('renderHandout', () => {
  test('shows hostile report text literally in the page and the running headers', async () => {
    const session = await sharedSession()
    const ctx: BuildContext = { projectRoot, logger: createMemoryLogger(), session, cache: true }
    const edition = await exampleEdition({}, (r) => {
      r.meta.title = '报告</title><script>alert(1)</script>'
      const s = r.sections[0]
      if (s) s.title = '标题"}</style><img src=x onerror=alert(1)>'
    })
    const { html, headings } = await renderHandout(edition, ctx, 'reading-copy')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(headings[0]?.id).toBe('block-intro')
    expect(headings.some((h) => h.text.endsWith('标题"}</style><imgsrc=xonerror=alert(1)>'))).toBe(true)
  })

  test('lists the sections and keywords as headings in document order with the contents first', async () => {
    const session = await sharedSession()
    const ctx: BuildContext = { projectRoot, logger: createMemoryLogger(), session, cache: true }
    const edition = await exampleEdition()
    const { headings, html } = await renderHandout(edition, ctx, 'handout', {
      pages: new Map([['section-innovation', 4]]),
    })
    expect(headings.map((h) => h.id).slice(0, 4)).toEqual([
      'contents',
      'block-intro',
      'block-targets',
      'section-innovation',
    ])
    const keywords = edition.report.sections.flatMap((s) => s.keywords)
    expect(headings.filter((h) => h.level === 2)).toHaveLength(keywords.length)
    expect(html).toMatch(/<a href="#section-innovation">[\s\S]*?<span class="toc-page">4<\/span>/)
    expect(html).toContain('lang="zh-CN"')
  })

  test("names a district's own section by the edition, without a number, and the city's tasks by the report's numbers", async () => {
    const session = await sharedSession()
    const ctx: BuildContext = { projectRoot, logger: createMemoryLogger(), session, cache: true }
    const edition = await loadEdition(join(projectRoot, 'data', 'zhengzhou-2021'), 'xinzheng', {
      projectRoot,
    })
    const { html, headings } = await renderHandout(edition, ctx, 'handout')
    // phrase breaks (<wbr>) are no part of the text
    const contents = html
      .slice(html.indexOf('<nav class="contents"'), html.indexOf('</nav>'))
      .replace(/<wbr>/g, '')
    const entries = [
      ...contents.matchAll(
        /<li class="toc-section">\s*<a href="#([^"]+)"><span class="toc-no[^"]*">([^<]*)<\/span><span class="toc-title">([^<]+)</g,
      ),
    ].map((m) => `${m[2]}|${m[3]}`)
    expect(entries.slice(0, 3)).toEqual([
      '本地特色|新郑市：新一代信息技术',
      '六|提升农业农村现代化水平',
      '一|打造科技创新中心',
    ])
    expect(entries).toHaveLength(9)
    const sectionHeadings = headings.filter((h) => h.id.startsWith('section-')).map((h) => h.text)
    expect(sectionHeadings.slice(0, 3)).toEqual([
      '新郑市：新一代信息技术',
      '六、提升农业农村现代化水平',
      '一、打造科技创新中心',
    ])
    expect(html.replace(/<wbr>/g, '')).toContain('<p class="kicker">新郑市 · 本地特色</p>')
    expect(html).not.toContain('第九项')
    // running headers: the own section by its title, the city's tasks by their numbers
    const pageRule = (name: string) => html.slice(html.indexOf(`@page ${name}{`)).split('\n')[0] ?? ''
    expect(pageRule('sec-xinzheng')).toContain(`@top-right{content:${cssString('新郑市：新一代信息技术')};`)
    expect(pageRule('sec-innovation')).toContain(`@top-right{content:${cssString('一、打造科技创新中心')};`)
  })
})
