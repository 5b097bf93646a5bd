// Finds the Chromium or Chrome that huibao drives. Puppeteer's own browser download cannot be relied
// on (offline machines, CI), so we look where users and package managers put browsers, in a fixed,
// documented order, and say how we found it.
import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'
import { BrowserNotFoundError } from '../errors.js'

export type BrowserSource =
  | 'option'
  | 'HUIBAO_BROWSER'
  | 'PUPPETEER_EXECUTABLE_PATH'
  | 'CHROME_PATH'
  | 'well-known path'

export interface FoundBrowser {
  path: string
  source: BrowserSource
}

const ENV_VARS = ['HUIBAO_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const

/** Well-known install locations, most specific first. */
export function wellKnownBrowserPaths(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
    const home = process.env.HOME ?? ''
    return [...apps.map((a) => `/Applications/${a}`), ...apps.map((a) => join(home, 'Applications', a))]
  }
  if (platform === 'win32') {
    const roots = [
      process.env.PROGRAMFILES,
      process.env['PROGRAMFILES(X86)'],
      process.env.LOCALAPPDATA,
    ].filter((r): r is string => Boolean(r))
    const rel = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ]
    return roots.flatMap((root) => rel.map((r) => `${root}\\${r}`))
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/lib/chromium/chromium',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
  ]
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Every place looked at, in order, with whether a browser was there (for `huibao doctor`). */
export function browserCandidates(
  explicit?: string,
): { path: string; source: BrowserSource; found: boolean }[] {
  const list: { path: string; source: BrowserSource }[] = []
  if (explicit) list.push({ path: explicit, source: 'option' })
  for (const name of ENV_VARS) {
    const value = process.env[name]
    if (value) list.push({ path: value, source: name })
  }
  // HUIBAO_BROWSER_PATHS replaces the well-known list (unusual installs; tests of the not-found path).
  const searchPaths =
    process.env.HUIBAO_BROWSER_PATHS?.split(delimiter).filter(Boolean) ?? wellKnownBrowserPaths()
  for (const path of searchPaths) list.push({ path, source: 'well-known path' })
  return list.map((c) => ({ ...c, found: isExecutable(c.path) }))
}

export function findBrowser(explicit?: string): FoundBrowser {
  const candidates = browserCandidates(explicit)
  // A path the user named explicitly must exist: silently falling back would hide their typo.
  const named = candidates.filter((c) => c.source !== 'well-known path')
  for (const c of named) {
    if (!c.found) {
      throw new BrowserNotFoundError(
        `the browser named by ${c.source === 'option' ? '--browser' : c.source} does not exist or is not executable: ${c.path}`,
        {
          hint: browserInstallHint(),
        },
      )
    }
  }
  const hit = candidates.find((c) => c.found)
  if (!hit) {
    throw new BrowserNotFoundError('no Chromium or Chrome found', {
      hint: browserInstallHint(),
    })
  }
  return { path: hit.path, source: hit.source }
}

export function browserInstallHint(): string {
  if (process.platform === 'linux') {
    return 'install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`), or set HUIBAO_BROWSER to the path of a Chrome/Chromium executable'
  }
  return 'install Google Chrome or Chromium, or set HUIBAO_BROWSER to the path of its executable'
}

/** "Chromium 156.0.8078.73", or undefined when the binary will not say. */
export async function browserVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version'], {
      timeout: 10_000,
    })
    return stdout.trim().replace(/\s+built on.*$/, '') || undefined
  } catch {
    return undefined
  }
}
