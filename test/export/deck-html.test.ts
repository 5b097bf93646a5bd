// deck.html in real Chromium, opened from disk as a presenter would: navigation, the presenter
// window kept in step, no request leaving the file, report text staying text. The fixture deck is
// rendered by the deck's own Marp (src/render/deck-marp.ts), with the settings of every real build.
import { createHash } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page, Target } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BrowserSession } from '../../src/browser/session.js'
import type { BuildContext, Edition } from '../../src/context.js'
import { ConfinementError } from '../../src/errors.js'
import { type DeckHtmlSource, renderDeckHtml, writeDeckHtml } from '../../src/export/deck-html.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { renderDeck } from '../../src/render/deck.js'
import { deckMarp } from '../../src/render/deck-marp.js'
import { pageScript } from '../../src/utils/page-scripts.js'
import { projectRoot } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

const fixtures = join(projectRoot, 'test', 'fixtures', 'deck-html')
const HOSTILE = '"</script><img src=x onerror=alert(1)>"'

/**
 * Stands in for src/render/deck.ts: the fixture Markdown rendered by the deck's Marp, and the chart
 * (an SVG with a gradient it refers to by id) put in after Marp, where renderDeck puts its charts.
 */
async function fixtureDeck(name: string): Promise<DeckHtmlSource> {
  const markdown = await readFile(join(fixtures, name, 'deck.md'), 'utf8')
  const chart = (await readFile(join(fixtures, name, 'chart.svg'), 'utf8')).trim()
  const rendered = deckMarp([]).render(markdown)
  const { css, comments } = rendered
  const html = rendered.html.replace('<div class="fixture-chart"></div>', chart)
  expect(html).toContain(chart)
  const titles = [...html.matchAll(/<section[^>]*>\s*<h[12][^>]*>([^<]*)<\/h[12]>/g)].map((m) => m[1] ?? '')
  return {
    html,
    css,
    notes: comments.map((c) => c.join('\n')),
    slides: comments.map((_c, index) => ({ index, title: titles[index] })),
    text: html.replace(/<[^>]*>/g, ' '),
  }
}

let browser: Browser
let ctx: BuildContext
let edition: Edition
let deckFile: string
let deckUrl: string

// A browser of its own: deck.html pages opened from file:// share one BroadcastChannel (the runtime's
// presenter link) across the whole browser, so a deck another test file has open in the shared
// browser could move this file's presenter window to its slide.
let own: BrowserSession
afterAll(() => own?.close())

beforeAll(async () => {
  own = await BrowserSession.launch({ projectRoot })
  const session = own
  browser = session.browser
  ctx = { projectRoot, logger: createMemoryLogger(), session, cache: true }
  edition = await exampleEdition(
    { outDir: join(projectRoot, 'output', 'test', 'deck-html', 'basic') },
    (r) => {
      r.meta.talkMinutes = 20
    },
  )
  deckFile = await writeDeckHtml(await fixtureDeck('basic'), edition, ctx)
  deckUrl = pathToFileURL(deckFile).href
})

interface Opened {
  page: Page
  requests: string[]
  errors: string[]
  dialogs: string[]
}

/** Opens a page of deck.html from disk, recording every request, page error and dialog. */
async function open(url: string, existing?: Page): Promise<Opened> {
  const page = existing ?? (await browser.newPage())
  openPages.push(page)
  const opened: Opened = { page, requests: [], errors: [], dialogs: [] }
  watch(opened)
  await page.setViewport({ width: 1280, height: 800 })
  if (!existing) await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction(() => document.documentElement.dataset.slide !== undefined)
  return opened
}

// Pages left open would answer the next test's presenter window (they share a BroadcastChannel).
const openPages: Page[] = []
afterEach(async () => {
  await Promise.all(openPages.splice(0).map((p) => p.close().catch(() => undefined)))
})

function watch(opened: Opened): void {
  opened.page.on('request', (r) => opened.requests.push(r.url()))
  opened.page.on('pageerror', (e) => opened.errors.push(e instanceof Error ? e.message : String(e)))
  opened.page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(m.text())
  })
  opened.page.on('dialog', (d) => {
    opened.dialogs.push(d.message())
    d.dismiss().catch(() => undefined)
  })
}

/** Requests other than the deck file itself and inline data: URIs. */
function leaks(opened: Opened): string[] {
  const own = deckUrl.split('#')[0]
  return opened.requests.filter((u) => !u.startsWith('data:') && u.split(/[?#]/)[0] !== own)
}

const slideOf = (page: Page) => page.evaluate(() => Number(document.documentElement.dataset.slide))
const hashOf = (page: Page) => page.evaluate(() => location.hash)

describe('deck.html', () => {
  it('is one file with a strict CSP, the edition language and the report title, of a reasonable size', async () => {
    const html = await readFile(deckFile, 'utf8')
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/)
    expect(html).toContain('<title>郑州市政府工作报告</title>')
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain('img-src data:')
    expect(csp).toContain('font-src data:')
    // one script may run: the runtime, by the hash of its bundled text
    const runtime = createHash('sha256')
      .update(await pageScript('deckRuntime'))
      .digest('base64')
    expect(csp).toContain(`script-src 'sha256-${runtime}';`)
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(csp).not.toContain('unsafe-eval')
    // the image was inlined, nothing refers to a file or a URL
    expect(html).toContain('data:image/svg+xml;base64,')
    expect(html).not.toContain('logo.svg')
    const size = (await stat(deckFile)).size
    console.info(`fixture deck.html: ${(size / 1024).toFixed(0)} KB`)
    expect(size).toBeLessThan(3 * 1024 * 1024)
  })

  it('opens from disk without any request leaving the file, with fonts from data: URIs', async () => {
    const opened = await open(`${deckUrl}#1`)
    const { page } = opened
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family)
    })
    expect(fonts.some((f) => f.includes('Noto Sans SC'))).toBe(true)
    expect(leaks(opened)).toEqual([])
    expect(opened.errors).toEqual([])
    await page.close()
  })

  it('moves with ArrowRight, PageDown, Home, End and a typed number plus Enter, and shows the slide in the hash', async () => {
    const opened = await open(`${deckUrl}`)
    const { page } = opened
    expect(await slideOf(page)).toBe(1)
    await page.keyboard.press('ArrowRight')
    expect(await slideOf(page)).toBe(2)
    expect(await hashOf(page)).toBe('#2')
    await page.keyboard.press('PageDown')
    expect(await slideOf(page)).toBe(3)
    await page.keyboard.press('PageUp')
    expect(await slideOf(page)).toBe(2)
    await page.keyboard.press('End')
    expect(await slideOf(page)).toBe(5)
    expect(await hashOf(page)).toBe('#5')
    await page.keyboard.press('ArrowRight') // stays on the last slide
    expect(await slideOf(page)).toBe(5)
    await page.keyboard.press('Home')
    expect(await slideOf(page)).toBe(1)
    await page.keyboard.press('4')
    await page.keyboard.press('Enter')
    expect(await slideOf(page)).toBe(4)
    expect(await hashOf(page)).toBe('#4')
    await page.keyboard.press('Backspace')
    expect(await slideOf(page)).toBe(3)
    // only the current slide is visible, and the counter says where we are
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll('div.marpit > section')].map((s) => getComputedStyle(s).visibility),
    )
    expect(visible).toEqual(['hidden', 'hidden', 'visible', 'hidden', 'hidden'])
    expect(await page.$eval('.hb-counter', (e) => e.textContent)).toBe('3 / 5')
    // a click advances
    await page.mouse.click(640, 400)
    expect(await slideOf(page)).toBe(4)
    expect(leaks(opened)).toEqual([])
    await page.close()
  })

  it('starts on the slide named in the address (#3)', async () => {
    const opened = await open(`${deckUrl}#3`)
    expect(await slideOf(opened.page)).toBe(3)
    // the hidden slides stay hidden: no fragment scroll moved the stage
    const scroll = await opened.page.evaluate(() => document.querySelector('div.marpit')?.scrollTop)
    expect(scroll).toBe(0)
    await opened.page.close()
  })

  it('blacks out with B and comes back with B', async () => {
    const { page } = await open(`${deckUrl}#2`)
    await page.keyboard.press('b')
    expect(await page.evaluate(() => document.documentElement.dataset.blank)).toBe('black')
    await page.keyboard.press('b')
    expect(await page.evaluate(() => document.documentElement.dataset.blank)).toBe('')
    await page.close()
  })

  it('opens the presenter view with P and keeps both windows on the same slide', async () => {
    const audience = await open(`${deckUrl}#2`)
    const created = new Promise<Target>((resolve) => {
      const onTarget = (target: Target) => {
        if (target.type() === 'page' && target.url().includes('presenter')) {
          browser.off('targetcreated', onTarget)
          resolve(target)
        }
      }
      browser.on('targetcreated', onTarget)
    })
    await audience.page.keyboard.press('p')
    const target = await created
    const presenterPage = await target.page()
    if (!presenterPage) throw new Error('no presenter page')
    const presenter = await open(target.url(), presenterPage)
    const notes = () => presenter.page.$eval('.hb-notes', (e) => e.textContent)
    await presenter.page.waitForFunction(() =>
      document.querySelector('.hb-notes')?.textContent?.includes('目标页'),
    )
    expect(await slideOf(presenter.page)).toBe(2)
    expect(await presenter.page.$eval('.hb-count', (e) => e.textContent)).toBe('2 / 5')
    expect(await presenter.page.$$eval('.hb-current > section', (s) => s.length)).toBe(1)
    expect(await presenter.page.$$eval('.hb-next > section', (s) => s.length)).toBe(1)

    // audience -> presenter
    await audience.page.keyboard.press('ArrowRight')
    await presenter.page.waitForFunction(() => document.documentElement.dataset.slide === '3')
    expect(await notes()).toContain('提示的注意事项')
    // presenter -> audience
    await presenter.page.keyboard.press('End')
    await audience.page.waitForFunction(() => document.documentElement.dataset.slide === '5')
    expect(await hashOf(audience.page)).toBe('#5')
    expect(await notes()).toBe('结束语。')
    expect(await presenter.page.$eval('.hb-next', (e) => e.textContent)).toBe('演示结束')
    await presenter.page.keyboard.press('Home')
    await audience.page.waitForFunction(() => document.documentElement.dataset.slide === '1')
    // the countdown shows the talk's allotted minutes
    expect(await presenter.page.$eval('.hb-remaining', (e) => e.textContent)).toMatch(/^(20:00|19:5\d)$/)

    expect(leaks(audience)).toEqual([])
    expect(leaks(presenter)).toEqual([])
    await presenter.page.close()
    await audience.page.close()
  })

  it('shows hostile text in the notes as text: no element, no script, no request', async () => {
    const opened = await open(`${deckUrl.replace(/#.*$/, '')}?presenter#3`)
    const { page } = opened
    const notes = await page.$eval('.hb-notes', (e) => ({ text: e.textContent, children: e.children.length }))
    expect(notes.text).toContain(HOSTILE)
    expect(notes.children).toBe(0)
    expect(await page.$$eval('img:not([src^="data:"])', (i) => i.length)).toBe(0)
    expect(opened.dialogs).toEqual([])
    expect(leaks(opened)).toEqual([])
    await page.close()
  })

  it('lets the CSP stop inline handlers that slipped into the slides', async () => {
    const deck = await fixtureDeck('basic')
    // an event handler in the deck HTML is refused at build time …
    const withHandler = {
      ...deck,
      html: deck.html.replace('<p>', '<p><img src="data:image/png;base64,AAAA" onerror="document.title=1">'),
    }
    await expect(renderDeckHtml(withHandler, edition, ctx)).rejects.toThrow(ConfinementError)
    // … and would not run anyway: the CSP blocks it in a page that has one
    const html = await readFile(deckFile, 'utf8')
    const page = await browser.newPage()
    const opened: Opened = { page, requests: [], errors: [], dialogs: [] }
    watch(opened)
    const blocked: string[] = []
    const answered: string[] = []
    page.on('requestfailed', (r) => blocked.push(r.url()))
    page.on('response', (r) => answered.push(r.url()))
    const injected = html.replace(
      '<body>',
      '<body><img src="data:image/png;base64,AAAA" onerror="document.title=\'pwned\'"><img src="https://example.com/x.png">',
    )
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(injected)}`, { waitUntil: 'load' })
    expect(await page.title()).not.toBe('pwned')
    // Chromium announces the request, then the CSP stops it before it reaches the network
    expect(opened.requests.filter((u) => !u.startsWith('data:'))).toEqual(['https://example.com/x.png'])
    expect(blocked).toEqual(['https://example.com/x.png'])
    expect(answered.filter((u) => !u.startsWith('data:'))).toEqual([])
    expect(opened.errors.some((e) => /x\.png.*Content Security Policy/.test(e))).toBe(true)
    await page.close()
  })

  it('refuses URLs, scripts and files outside the project when it builds', async () => {
    const deck = await fixtureDeck('basic')
    const bad: DeckHtmlSource = {
      ...deck,
      html: deck.html.replace(
        '<p>',
        '<p><img src="https://cdn.example.com/emoji.png"><img src="/etc/passwd.png"><script>alert(1)</script>',
      ),
      css: `@import url(https://fonts.example.com/x.css);\n${deck.css}`,
    }
    const error = await renderDeckHtml(bad, edition, ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfinementError)
    const messages = (error as ConfinementError).problems.map((p) => p.message).join('\n')
    expect(messages).toContain('https://cdn.example.com/emoji.png')
    expect(messages).toContain('/etc/passwd.png')
    expect(messages).toContain('@import of https://fonts.example.com/x.css')
    expect(messages).toContain('inline <script>')
  })

  it('reads the deck as a browser does: entities, style attributes, SVG links and <style> sheets', async () => {
    const deck = await fixtureDeck('basic')
    const logo = 'test/fixtures/deck-html/basic/logo.svg'
    // a project image named through CSS in an attribute and in a <style> is inlined …
    const inlined = await renderDeckHtml(
      {
        ...deck,
        html: deck.html.replace(
          '<p>',
          `<p style="background: url('${logo}')"><style>.x { background: url(${logo}) }</style>`,
        ),
      },
      edition,
      ctx,
    )
    expect(inlined).not.toContain('logo.svg')
    expect(inlined).toContain(`background: url("data:image/svg+xml;base64,`)
    // … and what only a parser sees is refused: a URL spelled with an entity, an SVG <image>'s
    // xlink:href, a url() in a style attribute, a <link>, an event handler in upper case
    const bad: DeckHtmlSource = {
      ...deck,
      html: deck.html.replace(
        '<p>',
        [
          '<p><img src="https&#58;//cdn.example.com/a.png">',
          '<svg><image xlink:href="https://cdn.example.com/b.png"/></svg>',
          '<span style="background:url(https://cdn.example.com/c.png)">x</span>',
          '<link rel="stylesheet" href="https://cdn.example.com/d.css">',
          '<b ONCLICK="alert(1)">y</b>',
        ].join(''),
      ),
    }
    const error = await renderDeckHtml(bad, edition, ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfinementError)
    const messages = (error as ConfinementError).problems.map((p) => p.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('https://cdn.example.com/a.png (<img src>)'),
        expect.stringContaining('https://cdn.example.com/b.png (<image xlink:href>)'),
        expect.stringContaining('https://cdn.example.com/c.png (url() in <span style>)'),
        expect.stringContaining('a <link> element'),
        expect.stringContaining('an event handler onclick'),
      ]),
    )
  })

  it('reads a slide’s image again in every build and refuses again what it refused (slides kept by their HTML)', async () => {
    const deck = await fixtureDeck('basic')
    const dir = join(projectRoot, 'output', 'test', 'deck-html', 'kept')
    await mkdir(dir, { recursive: true })
    const image = join(dir, 'mark.svg')
    const html = deck.html.replace('<p>', '<p><img src="output/test/deck-html/kept/mark.svg">')
    const svg = (fill: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="${fill}"/></svg>`
    const uri = (fill: string) => `data:image/svg+xml;base64,${Buffer.from(svg(fill)).toString('base64')}`
    await writeFile(image, svg('red'))
    const first = await renderDeckHtml({ ...deck, html }, edition, ctx)
    await writeFile(image, svg('blue'))
    const second = await renderDeckHtml({ ...deck, html }, edition, ctx)
    expect(first).toContain(uri('red'))
    expect(second).toContain(uri('blue'))
    expect(second).not.toContain(uri('red'))
    // the same deck twice: the same file
    expect(await renderDeckHtml(deck, edition, ctx)).toBe(await renderDeckHtml(deck, edition, ctx))
    const bad = { ...deck, html: deck.html.replace('<p>', '<p><img src="https://cdn.example.com/e.png">') }
    for (let i = 0; i < 2; i++) {
      const error = await renderDeckHtml(bad, edition, ctx).catch((e: unknown) => e)
      expect(error, `build ${i + 1}`).toBeInstanceOf(ConfinementError)
    }
  })

  it('prints every slide on its own page, unscaled', async () => {
    const { page } = await open(`${deckUrl}#2`)
    await page.emulateMediaType('print')
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('div.marpit > section')].map((s) => {
        const style = getComputedStyle(s)
        return style.visibility === 'visible' && style.display !== 'none' && style.transform === 'none'
      }),
    )
    expect(shown).toEqual([true, true, true, true, true])
    const pdf = await page.pdf({ preferCSSPageSize: true })
    const pages = (
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/Type\s*\/Page[^s]/g) ?? []
    ).length
    expect(pages).toBe(5)
    await page.close()
  })

  it('scales the current slide to fit the window, letterboxed and centred', async () => {
    const opened = await open(`${deckUrl}#2`)
    const { page } = opened
    await page.setViewport({ width: 1000, height: 800 })
    await page.waitForFunction(() => {
      const r = document.querySelector('div.marpit > section.hb-active')?.getBoundingClientRect()
      return r !== undefined && Math.round(r.width) === 1000
    })
    const box = await page.$eval('div.marpit > section.hb-active', (e) => e.getBoundingClientRect().toJSON())
    expect(box).toMatchObject({ x: 0, width: 1000 })
    expect(box.height).toBeCloseTo(562.5, 0)
    expect(box.y).toBeCloseTo((800 - 562.5) / 2, 0)
    await page.keyboard.press('ArrowRight')
    expect(await slideOf(page)).toBe(3)
    expect(await hashOf(page)).toBe('#3')
    expect(leaks(opened)).toEqual([])
  })

  it('shows the current and next slide in the presenter view, each inside its pane, the chart drawn', async () => {
    const opened = await open(`${deckUrl.replace(/#.*$/, '')}?presenter#2`)
    const { page } = opened
    // The panes are scaled to fit once the presenter view has laid itself out, which on a busy
    // machine comes a moment after the slide number is set: wait for it (polled by timer, as a page
    // in the background draws no frames), then say which pane does not fit.
    const fitting = () =>
      ['.hb-current', '.hb-next'].map((pane) => {
        const box = document.querySelector(pane)?.getBoundingClientRect()
        const slide = document.querySelector(`${pane} > section`)?.getBoundingClientRect()
        if (!box || !slide) return false
        return slide.width <= box.width + 1 && slide.height <= box.height + 1 && slide.width > box.width / 3
      })
    await page
      .waitForFunction(
        () =>
          ['.hb-current', '.hb-next'].every((pane) => {
            const box = document.querySelector(pane)?.getBoundingClientRect()
            const slide = document.querySelector(`${pane} > section`)?.getBoundingClientRect()
            return box && slide && slide.width <= box.width + 1 && slide.height <= box.height + 1
          }),
        { polling: 100, timeout: 20_000 },
      )
      .catch(() => undefined)
    expect(await page.evaluate(fitting)).toEqual([true, true])
    expect(await page.$eval('.hb-notes', (e) => e.textContent)).toContain('目标页备注')
    // the next slide's chart is a copy whose gradient id and its reference were renamed together
    const gradient = await page.$eval('.hb-next linearGradient', (g) => g.id)
    expect(gradient).toMatch(/^g1-hb\d+$/)
    expect(await page.$eval('.hb-next rect', (r) => r.getAttribute('fill'))).toBe(`url(#${gradient})`)
    expect(leaks(opened)).toEqual([])
  })
})

describe('deck.html of the example report', () => {
  it('is a few MB at most and opens without a request', async () => {
    const example = await exampleEdition({
      outDir: join(projectRoot, 'output', 'test', 'deck-html', 'example'),
    })
    const deck = await renderDeck(example, ctx, { checkOverflow: false })
    const file = await writeDeckHtml(deck, example, ctx)
    const size = (await stat(file)).size
    console.info(`example deck.html: ${deck.slides.length} slides, ${(size / 1024 / 1024).toFixed(2)} MB`)
    expect(size).toBeLessThan(5 * 1024 * 1024)
    const url = pathToFileURL(file).href
    const opened = await open(`${url}#${deck.slides.length}`)
    expect(await slideOf(opened.page)).toBe(deck.slides.length)
    expect(opened.requests.filter((u) => !u.startsWith('data:') && !u.startsWith(url))).toEqual([])
    expect(opened.errors).toEqual([])
  })
})
