// A Chromium process from start to end: huibao's own profile folder (removed when the browser
// closes, also on Ctrl-C, so that no run leaves megabytes in the temp folder), puppeteer's signal
// handlers off (huibao handles SIGINT/SIGTERM/SIGHUP itself, see src/utils/shutdown.ts), and what
// the process died of when it dies, so that an error can say "crashed (SIGKILL)" or "hung".
import { rmSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'
import { ConvertError } from '../errors.js'
import { onShutdown, shutdown, throwIfStopped } from '../utils/shutdown.js'

export interface Chromium {
  browser: Browser
  /** The profile folder huibao made for this browser. */
  profile: string
  /** Why the browser went away, once it has: "crashed (SIGSEGV)", "hung", "exited with code 1". */
  death?: string
  /** Closes the browser and removes its profile; safe to call twice. */
  close(): Promise<void>
  /** Kills the process at once (a hung browser does not answer close()); resolves when it is gone. */
  kill(reason: string): Promise<void>
}

/** Chromium's switches for printing pages side by side, headless, with nothing phoning home. */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-dev-shm-usage',
    // Pages of the pool print side by side; none of them is "in front", and Chromium would otherwise
    // throttle the timers and frames of the others (screenshots and prints then stall for minutes).
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    // Hinting changes glyph advances with the output size; off, text measures the same on screen and paper.
    '--font-render-hinting=none',
  ]
  // Chromium refuses to start its sandbox as root (containers, CI).
  if (process.getuid?.() === 0 || process.env.HUIBAO_NO_SANDBOX === '1') args.push('--no-sandbox')
  return args
}

export interface LaunchChromiumOptions {
  executablePath: string
  args: string[]
  /**
   * Other processes connect to this browser (the test suite shares one): it listens on a WebSocket.
   * Otherwise huibao talks to it over a pipe, which spares the WebSocket's framing and masking of
   * every message (the documents huibao serves its pages are megabytes; masking them was about
   * half a second of Node's time for one edition).
   */
  connectable?: boolean
}

// Profiles of browsers that have not been closed yet. The last word on them is the process's exit:
// a cleanup that ran out of time (a loaded machine, a browser slow to die) must not leave one behind.
const liveProfiles = new Set<string>()
let sweepInstalled = false
function removeProfileNow(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 })
    liveProfiles.delete(profile)
  } catch {
    // Still in use by a dying process: the sweep at exit tries again.
  }
}
function trackProfile(profile: string): void {
  liveProfiles.add(profile)
  if (sweepInstalled) return
  sweepInstalled = true
  process.once('exit', () => {
    for (const left of liveProfiles) removeProfileNow(left)
  })
}

/**
 * Kills Chromium and every process it started. Puppeteer starts it detached, as the leader of its own
 * process group; killing only the leader leaves renderers writing into the profile for a while.
 */
function killTree(child: ReturnType<Browser['process']>): void {
  if (!child?.pid) return
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL')
    else child.kill('SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

/** Starts Chromium with its own profile folder; the folder goes when the browser goes. */
export async function launchChromium(options: LaunchChromiumOptions): Promise<Chromium> {
  throwIfStopped()
  const profile = await mkdtemp(join(tmpdir(), 'huibao-chromium-'))
  trackProfile(profile)
  // A signal that came while the folder was being made: its cleanups have run already.
  if (shutdown.signal.aborted) {
    removeProfileNow(profile)
    throwIfStopped()
  }
  // Chromium's own temporary files (shared memory with --disable-dev-shm-usage) go inside the
  // profile, so that removing the profile removes them too, also after a kill.
  // Unix socket paths are short (108 bytes); where the temp folder's path is long, Chromium keeps
  // its own temp folder.
  const temp = join(profile, 't')
  const ownTemp = temp.length <= 50
  if (ownTemp) await mkdir(temp)
  // A signal while Chromium starts: wait for the start (within the cleanup time limit), then kill it
  // and remove the profile (puppeteer starts Chromium detached: it would outlive huibao).
  let launched: Chromium | undefined
  const starting = onShutdown(async () => {
    await launching.catch(() => undefined)
    if (launched) await launched.kill('stopped')
    removeProfileNow(profile)
  })
  const launching = puppeteer.launch({
    executablePath: options.executablePath,
    headless: true,
    pipe: !options.connectable,
    args: options.args,
    userDataDir: join(profile, 'profile'),
    env: ownTemp ? { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp } : process.env,
    // Chromium's own defaults for printing are what we want; the viewport is set per page.
    defaultViewport: null,
    // huibao stops on these itself, through one AbortController (src/utils/shutdown.ts).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  })
  let browser: Browser
  try {
    browser = await launching
  } catch (cause) {
    starting()
    removeProfileNow(profile)
    throw new ConvertError(`could not start the browser at ${options.executablePath}`, {
      cause,
      hint: 'run `huibao doctor` to see which browser huibao uses',
    })
  }
  const child = browser.process()
  let closing = false
  let exited = false
  const chromium: Chromium = {
    browser,
    profile,
    async close() {
      closing = true
      unregister()
      await browser.close().catch(() => undefined)
      if (!exited && child) {
        killTree(child)
        await waitForExit(1_000)
      }
      await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)
      liveProfiles.delete(profile)
    },
    kill(reason) {
      chromium.death ??= reason
      killTree(child)
      return waitForExit(500)
    },
  }
  const waitForExit = (ms: number) =>
    new Promise<void>((resolve) => {
      if (exited || !child) return resolve()
      const timer = setTimeout(resolve, ms)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  child?.once('exit', (code, signal) => {
    exited = true
    if (!closing) chromium.death ??= signal ? `crashed (${signal})` : `exited with code ${code}`
  })
  browser.on('disconnected', () => {
    if (!closing) chromium.death ??= 'closed the connection'
  })
  // On a signal: kill at once (closing politely takes too long), wait for the exit, remove the profile.
  starting()
  const unregister = onShutdown(async () => {
    closing = true
    killTree(child)
    await waitForExit(500)
    removeProfileNow(profile)
  })
  launched = chromium
  return chromium
}
