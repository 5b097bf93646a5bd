// Stopping cleanly on SIGINT (Ctrl-C), SIGTERM (kill, CI timeouts) and SIGHUP (the terminal closed).
// huibao handles these itself (puppeteer is launched with its own handlers off): one AbortController
// for the whole process says "stop"; whoever owns something that must not outlive the process (a
// Chromium, its profile folder, a temp file) registers a cleanup here. The CLI then exits with
// 128 + the signal's number (130, 143, 129), as shells expect. Outputs are written atomically
// (src/utils/files.ts), so a stop never leaves a half-written file in place of a good one.
import { rmSync } from 'node:fs'
import { constants } from 'node:os'
import { InterruptedError } from '../errors.js'
import { pendingTempFiles } from './files.js'

/** Aborted when a signal asks the process to stop; its reason is an InterruptedError. */
export const shutdown = new AbortController()

type Cleanup = () => void | Promise<void>
const cleanups = new Set<Cleanup>()

/** Registers something to undo when the process is stopped; returns a function that unregisters it. */
export function onShutdown(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

/** Throws the InterruptedError if a signal asked the process to stop. */
export function throwIfStopped(): void {
  if (shutdown.signal.aborted) throw shutdown.signal.reason
}

/** Runs every cleanup (each at most `timeoutMs`), then removes temp files still being written. */
export async function runCleanups(timeoutMs = 1_500): Promise<void> {
  const all = [...cleanups].map((fn) =>
    Promise.resolve()
      .then(fn)
      .catch(() => undefined),
  )
  cleanups.clear()
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.all(all),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
    }),
  ])
  clearTimeout(timer)
  for (const temp of pendingTempFiles) rmSync(temp, { recursive: true, force: true })
}

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 15)
}

/**
 * Installs the process's signal handlers: the first signal aborts `shutdown`, runs the cleanups and
 * calls `exit` with 128 + its number; a second signal exits at once.
 */
export function installSignalHandlers(report: (signal: NodeJS.Signals) => void, exit = process.exit): void {
  let stopping = false
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (stopping) exit(signalExitCode(signal))
      stopping = true
      report(signal)
      shutdown.abort(new InterruptedError(signal))
      runCleanups().finally(() => exit(signalExitCode(signal)))
    })
  }
}
