// How `huibao build` shows its progress. On a terminal: a live view (log-update) of editions done of
// total, the outputs in progress and the time so far. Not on a terminal (CI, a pipe): plain lines, one
// per output and one per edition. With --json: one JSON object per event on stdout, then a summary,
// and nothing else on stdout. All three see the same events (src/progress/events.ts).
import { relative } from 'node:path'
import type { Logger } from '../log/logger.js'
import type { BuildResult } from '../pipeline.js'
import type { BuildEvent, ErrorSummary } from './events.js'
import { errorSummary } from './summary.js'

export interface ProgressView {
  /** the logger the build writes through while the view is shown */
  logger: Logger
  event(event: BuildEvent): void
  /** the view is done: the live view clears itself; the JSON view prints its summary */
  finish(result: BuildResult | undefined, error?: unknown): void
}

export type ProgressKind = 'live' | 'plain' | 'json'

export function progressKind(
  json: boolean | undefined,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressKind {
  if (json) return 'json'
  return stream.isTTY && !process.env.CI ? 'live' : 'plain'
}

export async function createProgressView(kind: ProgressKind, logger: Logger): Promise<ProgressView> {
  if (kind === 'json') return jsonView(logger)
  if (kind === 'live') return liveView(logger)
  return plainView(logger)
}

function plainView(logger: Logger): ProgressView {
  let total = 0
  let done = 0
  return {
    logger,
    event(event) {
      if (event.type === 'start') total = event.editions.length
      if (event.type === 'edition-done' || event.type === 'edition-failed') {
        done++
        const what = event.type === 'edition-done' ? 'built' : `failed: ${event.error.message}`
        logger.info(`[${done}/${total}] ${event.edition} ${what} in ${(event.ms / 1000).toFixed(1)} s`)
      }
    },
    finish() {},
  }
}

async function liveView(logger: Logger): Promise<ProgressView> {
  const { logUpdateStderr: update } = await import('log-update')
  const started = performance.now()
  let total = 0
  let report = ''
  const finished = new Map<string, boolean>()
  const running = new Map<string, Set<string>>()
  const render = () => {
    const seconds = Math.round((performance.now() - started) / 1000)
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
    const failed = [...finished.values()].filter((ok) => !ok).length
    const head = report
      ? `building ${report}: ${finished.size} of ${total} editions done${failed ? `, ${failed} failed` : ''}`
      : 'loading and checking the report…'
    const lines = [
      `${head} · ${clock}`,
      ...[...running].map(
        ([edition, outputs]) => `  ${edition.padEnd(16)} ${[...outputs].join(', ') || 'rendering the deck…'}`,
      ),
    ]
    update(lines.join('\n'))
  }
  const timer = setInterval(render, 250)
  timer.unref()
  // Warnings must not be drawn over: clear the view, print, draw again. Info lines are what the
  // view already shows.
  const quietLogger: Logger = {
    info: () => undefined,
    warn: (m) => {
      update.clear()
      logger.warn(m)
      render()
    },
    debug: (m) => {
      update.clear()
      logger.debug(m)
      render()
    },
  }
  return {
    logger: quietLogger,
    event(event) {
      if (event.type === 'start') {
        total = event.editions.length
        report = event.report
      } else if (event.type === 'edition-start') running.set(event.edition, new Set())
      else if (event.type === 'output-start') running.get(event.edition)?.add(event.output)
      else if (event.type === 'output-done') running.get(event.edition)?.delete(event.output)
      else {
        running.delete(event.edition)
        finished.set(event.edition, event.type === 'edition-done')
      }
      render()
    },
    finish() {
      clearInterval(timer)
      update.clear()
      update.done()
    },
  }
}

function jsonView(logger: Logger): ProgressView {
  const started = performance.now()
  const write = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`)
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(3))
  return {
    // stdout holds JSON only; warnings still go to stderr
    logger: { info: () => undefined, warn: logger.warn, debug: logger.debug },
    event(event) {
      write({ ...event, seconds: seconds() })
    },
    finish(result, error) {
      const editions = result?.editions ?? []
      const outputs = editions.flatMap((e) =>
        e.files.map((f) => ({
          edition: e.id,
          output: f.kind,
          path: relative(process.cwd(), f.path),
          pages: f.pages,
        })),
      )
      const errors: (ErrorSummary & { edition?: string })[] = editions.flatMap((e) =>
        e.error ? [{ edition: e.id, ...errorSummary(e.error) }] : [],
      )
      if (error !== undefined) errors.push(errorSummary(error))
      write({
        type: 'summary',
        report: result?.reportId,
        editions: {
          total: editions.length,
          built: editions.filter((e) => !e.error).map((e) => e.id),
          failed: editions.filter((e) => e.error).map((e) => e.id),
        },
        outputs,
        pages: outputs.reduce((n, o) => n + (o.pages ?? 0), 0),
        seconds: seconds(),
        errors,
      })
    },
  }
}
