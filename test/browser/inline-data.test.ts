// Large data: URLs leave the document and are served by URL: same fonts and pictures in the page,
// short URLs in Chromium's events; text that merely reads "data:…" stays as written.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { externalizeDataUrls } from '../../src/browser/inline-data.js'
import { packageDir } from '../../src/utils/packages.js'
import { sharedSession } from '../support/browser.js'

describe('large data: URLs', () => {
  it('are replaced in url(…) and src="…" only, and short ones stay', () => {
    const big = 'A'.repeat(5000)
    const seen: string[] = []
    const out = externalizeDataUrls(
      `<style>@font-face{src:url(data:font/ttf;base64,${big})}</style><img src="data:image/png;base64,${big}"><img src="data:image/png;base64,AAAA"><img src="data:image/svg+xml;base64,${big}A&#x3D;&#x3D;"><p>data:font/ttf;base64,${big}</p>`,
      (data) => {
        seen.push(data.type)
        return `https://x/${seen.length}`
      },
    )
    expect(seen).toEqual(['font/ttf', 'image/png', 'image/svg+xml'])
    expect(out).toContain('url(https://x/1)')
    expect(out).toContain('src="https://x/2"')
    expect(out).toContain('src="data:image/png;base64,AAAA"')
    // HTML-escaped padding goes with the data: nothing of it is left after the URL
    expect(out).toContain('src="https://x/3">')
    expect(out).toContain(`<p>data:font/ttf;base64,${big}</p>`)
  })

  it('load in the page from its own origin: the inline font is the one the text is set in', async () => {
    const session = await sharedSession()
    const woff2 = await readFile(
      join(
        packageDir('@fontsource/noto-sans-sc'),
        'files',
        'noto-sans-sc-chinese-simplified-400-normal.woff2',
      ),
    )
    const result = await session.withPage(async (page) => {
      const urls: string[] = []
      page.on('request', (r) => urls.push(r.url()))
      await session.load(
        page,
        `<!doctype html><style>@font-face{font-family:Inline;src:url(data:font/woff2;base64,${woff2.toString('base64')})}p{font-family:Inline}</style><p>郑州</p>`,
        { name: 'inline.html' },
      )
      await session.waitForReady(page)
      const loaded = await page.evaluate(async () => {
        await document.fonts.load('16px Inline', '郑州')
        return document.fonts.check('16px Inline', '郑州')
      })
      return { loaded, longest: Math.max(...urls.map((u) => u.length)) }
    })
    expect(result.loaded).toBe(true)
    expect(result.longest).toBeLessThan(200)
  })
})
