// `huibao dev` as a user runs it: the real CLI serving a temporary copy of the example report, a
// real Chromium page on it, and edits on disk. The page must take a new text in place (no reload,
// same slide), show a broken file's problem at file:line:column, and clear it when fixed.
import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { projectRoot, sharedSession } from '../support/browser.js'

let work: string
let reportFile: string
let original: string
let server: ChildProcess
let url: string
let page: Page
const output: string[] = []

/** Starts `huibao dev` and resolves with the URL it prints. */
function startDev(reportDir: string): Promise<string> {
  server = spawn(process.execPath, ['src/bin/huibao.js', 'dev', reportDir, '--no-open'], {
    cwd: projectRoot,
    env: { ...process.env, NO_COLOR: '1' },
  })
  return new Promise((resolve, reject) => {
    server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    server.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      output.push(text)
      const found = /huibao dev: (http:\/\/\S+)/.exec(text)
      if (found?.[1]) resolve(found[1])
    })
    server.on('exit', (code) => reject(new Error(`huibao dev exited with ${code}: ${output.join('')}`)))
  })
}

/** Can a TCP connection be made to host:port? */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const version = () => page.evaluate(() => Number(document.documentElement.dataset.hbDevVersion))

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'huibao-dev-test-'))
  const reportDir = path.join(work, 'report')
  await cp(path.join(projectRoot, 'data', 'zhengzhou-2021'), reportDir, { recursive: true })
  reportFile = path.join(reportDir, 'report.yaml')
  original = await readFile(reportFile, 'utf8')
  url = await startDev(reportDir)
  const session = await sharedSession()
  page = await session.browser.newPage()
  await page.setViewport({ width: 1280, height: 720 })
})

afterAll(async () => {
  await page?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGINT')
    await exited
  }
  await rm(work, { recursive: true, force: true })
})

describe('huibao dev', () => {
  it('listens on 127.0.0.1 only and answers only to its own host name', async () => {
    const { hostname, port } = new URL(url)
    expect(hostname).toBe('127.0.0.1')
    expect(await reachable('127.0.0.1', Number(port))).toBe(true)
    // Another loopback address of this machine: a server bound to 0.0.0.0 would answer here.
    expect(await reachable('127.0.0.2', Number(port))).toBe(false)
    // A page elsewhere that points a DNS name at 127.0.0.1 (rebinding) is refused.
    const status = (host: string) =>
      new Promise<number | undefined>((resolve) => {
        request({ host: '127.0.0.1', port: Number(port), path: '/', headers: { host } }, (res) => {
          res.resume()
          resolve(res.statusCode)
        })
          .on('error', () => resolve(undefined))
          .end()
      })
    expect(await status(`attacker.example:${port}`)).toBe(403)
    expect(await status(`127.0.0.1:${port}`)).toBe(302)
  })

  it('shows a paragraph edit in place, on the same slide, without reloading', async () => {
    const lead = (parse(original) as { sections: { lead: string }[] }).sections[0]?.lead ?? ''
    const shown = lead.replace(/。$/, '')
    expect(shown.length).toBeGreaterThan(10)
    await page.goto(url, { waitUntil: 'load' })
    // The slide that shows the first section's lead, as a user would go to it (#N).
    const slide = await page.evaluate((text) => {
      const sections = [...document.querySelectorAll('div.marpit > section, div.marpit > svg section')]
      return sections.findIndex((s) => (s.textContent ?? '').includes(text)) + 1
    }, shown)
    expect(slide).toBeGreaterThan(0)
    await page.goto(`${url}#${slide}`, { waitUntil: 'load' })
    await page.waitForFunction((n) => document.documentElement.dataset.slide === String(n), {}, slide)
    await page.evaluate(() => {
      ;(window as unknown as { hbNotReloaded: boolean }).hbNotReloaded = true
    })
    const before = await version()

    const edited = `${shown}，开发预览改动`
    await writeFile(reportFile, original.replace(lead, `${edited}。`))
    await page.waitForFunction(
      (v) => Number(document.documentElement.dataset.hbDevVersion) > v,
      { timeout: 60_000 },
      before,
    )

    const state = await page.evaluate(
      (text, n) => ({
        notReloaded: (window as unknown as { hbNotReloaded?: boolean }).hbNotReloaded === true,
        slide: document.documentElement.dataset.slide,
        hash: location.hash,
        activeShowsEdit: (document.querySelector('.hb-active')?.textContent ?? '').includes(text),
        n,
      }),
      '开发预览改动',
      slide,
    )
    expect(state).toEqual({
      notReloaded: true,
      slide: String(slide),
      hash: `#${slide}`,
      activeShowsEdit: true,
      n: slide,
    })
  })

  it('shows a broken file in an overlay at file:line:column over the last good deck, and clears it when fixed', async () => {
    const good = await readFile(reportFile, 'utf8')
    const lines = good.split('\n')
    const at = lines.findIndex((l) => /^\s+number: 1$/.test(l))
    expect(at).toBeGreaterThan(0)
    const column = (lines[at] ?? '').indexOf('1') + 1
    lines[at] = (lines[at] ?? '').replace('1', '"one"')
    await writeFile(reportFile, lines.join('\n'))

    const overlay = await page.waitForSelector('#hb-dev-overlay', { timeout: 60_000 })
    const text = (await overlay?.evaluate((o) => o.textContent)) ?? ''
    expect(text).toContain(`${reportFile}:${at + 1}:${column}: sections[0].number: expected a whole number`)
    // The last good deck is still there underneath, and the page was not reloaded.
    expect(
      await page.evaluate(() => document.querySelectorAll('div.marpit > section, div.marpit > svg').length),
    ).toBeGreaterThan(1)
    expect(await page.evaluate(() => (window as unknown as { hbNotReloaded?: boolean }).hbNotReloaded)).toBe(
      true,
    )

    await writeFile(reportFile, good)
    await page.waitForFunction(() => !document.getElementById('hb-dev-overlay'), { timeout: 60_000 })
    expect(server.exitCode).toBe(null)
  })

  it('keeps the presenter window on its slide and shows the edit in its panes', async () => {
    const good = await readFile(reportFile, 'utf8')
    const lead = (parse(good) as { sections: { lead: string }[] }).sections[1]?.lead ?? ''
    const shown = lead.replace(/。$/, '')
    await page.goto(url, { waitUntil: 'load' })
    const slide = await page.evaluate((text) => {
      const sections = [...document.querySelectorAll('div.marpit > section')]
      return sections.findIndex((s) => (s.textContent ?? '').includes(text)) + 1
    }, shown)
    expect(slide).toBeGreaterThan(1)
    await page.goto(`${url}#${slide}`, { waitUntil: 'load' })
    await page.waitForFunction((n) => document.documentElement.dataset.slide === String(n), {}, slide)
    // P in the deck opens the presenter's window, as a user would.
    const opened = page.browser().waitForTarget((t) => t.url().includes('?presenter'), { timeout: 60_000 })
    await page.keyboard.press('p')
    const presenter = await (await opened).page()
    if (!presenter) throw new Error('the presenter window has no page')
    try {
      await presenter.waitForFunction(
        (n) =>
          document.documentElement.classList.contains('hb-presenter') &&
          document.documentElement.dataset.slide === String(n) &&
          document.querySelector('.hb-current section') !== null,
        { timeout: 60_000 },
        slide,
      )
      await presenter.evaluate(() => {
        ;(window as unknown as { hbNotReloaded: boolean }).hbNotReloaded = true
      })
      await writeFile(reportFile, good.replace(lead, `${shown}，讲稿窗口改动。`))
      await presenter.waitForFunction(
        (text) => (document.querySelector('.hb-current')?.textContent ?? '').includes(text),
        { timeout: 60_000 },
        '讲稿窗口改动',
      )
      const state = await presenter.evaluate(() => ({
        notReloaded: (window as unknown as { hbNotReloaded?: boolean }).hbNotReloaded === true,
        slide: document.documentElement.dataset.slide,
        // a section's slide has its lead as the speaker's notes: the notes pane follows the edit too
        notes: document.querySelector('.hb-notes')?.textContent ?? '',
      }))
      expect(state).toEqual({
        notReloaded: true,
        slide: String(slide),
        notes: expect.stringContaining('讲稿窗口改动'),
      })
      // the deck's window is still on the same slide too
      expect(await page.evaluate(() => document.documentElement.dataset.slide)).toBe(String(slide))
    } finally {
      await presenter.close()
      await writeFile(reportFile, good)
    }
  })

  it('serves the handout as the print PDF; its view says when it is rebuilding and keeps its page', async () => {
    const handoutView = await page.browser().newPage()
    try {
      await handoutView.setViewport({ width: 1000, height: 700 })
      const events: string[] = []
      await handoutView.exposeFunction('hbSawStatus', (text: string) => events.push(text))
      await handoutView.goto(`${url}handout`, { waitUntil: 'load' })
      await handoutView.evaluate(() => {
        const status = document.getElementById('hb-dev-status') as HTMLElement
        new MutationObserver(() =>
          (window as unknown as { hbSawStatus(t: string): void }).hbSawStatus(status.textContent ?? ''),
        ).observe(status, { childList: true, characterData: true, subtree: true })
      })
      const pdf = await fetch(`${url}handout.pdf`)
      expect(pdf.headers.get('content-type')).toBe('application/pdf')
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-')

      // The view shows the print's pages as pictures; the reader goes to page 3.
      await handoutView.waitForFunction(
        () => {
          const third = document.querySelector<HTMLImageElement>('#hb-handout-pages img[data-page="3"]')
          return third?.complete && third.naturalWidth > 0
        },
        { timeout: 120_000 },
      )
      const before = await handoutView.evaluate(() => {
        document.querySelector('img[data-page="3"]')?.scrollIntoView()
        ;(window as unknown as { hbNotReloaded: boolean }).hbNotReloaded = true
        return { version: Number(document.documentElement.dataset.hbDevVersion), scroll: window.scrollY }
      })
      expect(before.scroll).toBeGreaterThan(0)

      // A save prints it again while the view is open, and the view says so; the pages are replaced
      // in place: same scroll position, same page at the top, not reloaded.
      await writeFile(reportFile, `${await readFile(reportFile, 'utf8')}\n`)
      await expect.poll(() => events.includes('handout: rebuilding…'), { timeout: 120_000 }).toBe(true)
      // the new pages are in and no further print is under way (a loaded machine's watcher may
      // report the save twice, and the second print then says so for a while)
      await handoutView.waitForFunction(
        (v) =>
          Number(document.documentElement.dataset.hbDevVersion) > v &&
          document.getElementById('hb-dev-status')?.textContent === '',
        { timeout: 120_000, polling: 100 },
        before.version,
      )
      const after = await handoutView.evaluate(() => ({
        notReloaded: (window as unknown as { hbNotReloaded?: boolean }).hbNotReloaded === true,
        scroll: window.scrollY,
        version: Number(document.documentElement.dataset.hbDevVersion),
        thirdSrc: document.querySelector<HTMLImageElement>('img[data-page="3"]')?.src ?? '',
        status: document.getElementById('hb-dev-status')?.textContent,
      }))
      expect(after).toEqual({
        notReloaded: true,
        scroll: before.scroll,
        version: after.version,
        thirdSrc: expect.stringContaining(`/handout-page/3.png?v=${after.version}`),
        status: '',
      })
      expect(after.version).toBeGreaterThan(before.version)
      const picture = await fetch(after.thirdSrc)
      expect(picture.headers.get('content-type')).toBe('image/png')
    } finally {
      await handoutView.close()
    }
  })
})
