import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ConfinementError } from '../../src/errors.js'
import { fontFaceCss } from '../../src/fonts/faces.js'
import { sharedSession } from '../support/browser.js'

describe('BrowserSession', async () => {
  const session = await sharedSession()

  it('serves project files and the bundled fonts to the page', async () => {
    const css = await fontFaceCss()
    const families = await session.withPage(async (page) => {
      await session.load(
        page,
        `<!doctype html><html lang="zh-CN"><style>${css}p{font-family:'Noto Sans SC'}</style><p>郑州</p><img src="data/zhengzhou-2021/editions/logos/xinzheng.svg"></html>`,
        { name: 'fonts.html' },
      )
      await session.waitForReady(page)
      return page.evaluate(() =>
        [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
      )
    })
    expect(families).toContain('Noto Sans SC')
  })

  it('fails the page that asks for a network resource, naming the URL, and sends nothing', async () => {
    let hits = 0
    const server = createServer((_req, res) => {
      hits++
      res.end('x')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    try {
      const attempt = session.withPage(async (page) => {
        await session.load(
          page,
          `<img src="http://127.0.0.1:${port}/x.png"><script src="https://example.com/x.js"></script>`,
          {
            name: 'remote.html',
          },
        )
      })
      await expect(attempt).rejects.toBeInstanceOf(ConfinementError)
      const error = (await attempt.catch((e: unknown) => e)) as ConfinementError
      const text = error.problems.map((p) => p.message).join('\n')
      expect(text).toContain(`http://127.0.0.1:${port}/x.png`)
      expect(text).toContain('https://example.com/x.js')
      expect(hits).toBe(0)
    } finally {
      server.close()
    }
  })

  it('refuses files outside the project, also through ../ and file:// URLs', async () => {
    const attempt = session.withPage(async (page) => {
      await session.load(
        page,
        '<img src="../../../etc/passwd"><img src="%2e%2e/%2e%2e/etc/hostname"><link rel="stylesheet" href="file:///etc/passwd">',
        {
          name: 'escape.html',
        },
      )
    })
    const error = (await attempt.catch((e: unknown) => e)) as ConfinementError
    expect(error).toBeInstanceOf(ConfinementError)
    expect(error.problems.length).toBeGreaterThanOrEqual(2)
    expect(error.problems.map((p) => p.message).join('\n')).toContain('file:///etc/passwd')
  })
})

describe('BrowserSession page pool', () => {
  it('lets a stage that holds a page open another without waiting for the pool', async () => {
    const { BrowserSession } = await import('../../src/browser/session.js')
    const { inject } = await import('vitest')
    const { projectRoot } = await import('../support/browser.js')
    const session = await BrowserSession.connect(inject('browserWSEndpoint'), { projectRoot, maxPages: 1 })
    try {
      // With one slot, two holders each opening a nested page would deadlock if nesting waited.
      const titles = await Promise.all(
        [1, 2].map((n) =>
          session.withPage(async () =>
            session.withPage(async (inner) => {
              await session.load(inner, `<title>t${n}</title>`, { name: `t${n}.html` })
              return inner.title()
            }),
          ),
        ),
      )
      expect(titles).toEqual(['t1', 't2'])
    } finally {
      await session.disconnect()
    }
  })
})
