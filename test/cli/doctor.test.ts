import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { findBrowser } from '../../src/browser/find.js'
import { projectRoot } from '../support/browser.js'

function doctor(env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, ['src/bin/huibao.js', 'doctor'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      HUIBAO_BROWSER: undefined,
      PUPPETEER_EXECUTABLE_PATH: undefined,
      CHROME_PATH: undefined,
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, out: result.stdout + result.stderr }
}

describe('huibao doctor', () => {
  it('names the browser it found, how it found it, the fonts, and prints a test PDF', () => {
    const { code, out } = doctor({})
    expect(out).toMatch(/Browser \S+ \(.*\d+\.\d+.*\), found by /)
    expect(out).toContain('Noto Sans SC')
    expect(out).toContain('Noto Serif SC')
    expect(out).toMatch(/PDF: printed a test page .* CID TrueType/)
    expect(code).toBe(0)
  })

  it('prefers HUIBAO_BROWSER and says so', () => {
    // the browser the suite itself runs on, wherever this machine has it
    const { path } = findBrowser()
    const { out } = doctor({ HUIBAO_BROWSER: path })
    expect(out).toContain('found by the environment variable HUIBAO_BROWSER')
  })

  it('says how to get a browser and exits non-zero when none is reachable', () => {
    const { code, out } = doctor({ HUIBAO_BROWSER_PATHS: '/nonexistent/chromium' })
    expect(out).toContain('no Chromium or Chrome found')
    expect(out).toContain('apt-get install -y chromium')
    expect(out).toContain('HUIBAO_BROWSER')
    expect(out).not.toMatch(/\n\s+at /)
    expect(code).toBe(3)
  })

  it('rejects a browser path that does not exist instead of silently using another', () => {
    const { code, out } = doctor({ HUIBAO_BROWSER: '/nonexistent/chrome' })
    expect(out).toContain('/nonexistent/chrome')
    expect(code).toBe(3)
  })
})
