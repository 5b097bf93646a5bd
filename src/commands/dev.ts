// `huibao dev [report] [-e edition]`: a live preview. Serves the deck (with presenter view) and the
// handout on 127.0.0.1, watches the report, its editions, templates (charts, locales) and themes, and
// on a save rebuilds what the save touches and updates the open pages in place; problems appear in
// the page in the CLI's words. Runs until Ctrl-C; bad input never stops it.
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { launchForReport } from '../browser/session.js'
import { DevBuilder } from '../dev/builder.js'
import { type DevServer, startDevServer } from '../dev/server.js'
import { ExitCode } from '../errors.js'
import type { Logger } from '../log/logger.js'

export interface DevCommandOptions {
  edition?: string
  port?: number
  open?: boolean
  browser?: string
  timeoutMs?: number
  logger: Logger
  /** resolves when the server should stop (default: SIGINT or SIGTERM) */
  until?: Promise<void>
}

/** Saves that arrive within this many ms are one change (editors write a file in several steps). */
const SETTLE_MS = 25

export async function devCommand(report: string, options: DevCommandOptions): Promise<number> {
  const { logger } = options
  const projectRoot = process.cwd()
  const reportDir = resolve(projectRoot, report)
  // Stop on the first Ctrl-C, even one during start-up; the temporary folder goes in any case (the
  // browser library may end the process on SIGINT itself, so it also goes on 'exit').
  const stop = options.until ?? untilSignal()
  const outRoot = await mkdtemp(join(tmpdir(), 'huibao-dev-'))
  const removeOut = () => rmSync(outRoot, { recursive: true, force: true })
  process.once('exit', removeOut)
  const session = await launchForReport(projectRoot, reportDir, options.browser, options.timeoutMs)
  let server: DevServer | undefined
  const publish = (type: string, edition: string, message: Record<string, unknown>) =>
    server?.publish(type, edition, message)
  const builder = new DevBuilder({
    projectRoot,
    reportDir,
    session,
    logger,
    outRoot,
    events: {
      building: (view) => publish('building', view.id, {}),
      deck: (view) => {
        logger.info(`✓ ${view.id}: deck updated (${view.slides} slides)`)
        publish('deck', view.id, { version: view.version, ...view.update })
      },
      problems: (view) => {
        for (const line of view.problems) logger.info(line)
        publish('problems', view.id, { problems: view.problems })
      },
      handout: (view, state) =>
        publish('handout', view.id, {
          state,
          version: view.handout.version,
          problems: view.handout.problems,
          pages: view.handout.pages,
        }),
    },
  })

  const { watch } = await import('chokidar')
  const watcher = watch([reportDir, join(projectRoot, 'templates'), join(projectRoot, 'themes')], {
    ignoreInitial: true,
    ignored: (path) => /(^|[/\\])(\.git|node_modules|output)([/\\]|$)/.test(path),
  })
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    const files = [...pending]
    pending = new Set()
    const touched = new Set(files.flatMap((f) => builder.changed(f)))
    logger.info(`changed ${files.map((f) => relative(projectRoot, f)).join(', ')}`)
    const decks = server?.watched('deck') ?? new Set()
    const handouts = server?.watched('handout') ?? new Set()
    for (const id of touched) {
      if (decks.has(id)) void builder.rebuild(id)
      if (handouts.has(id)) void builder.handout(id)
    }
  }
  watcher.on('all', (_event, path) => {
    pending.add(path)
    clearTimeout(timer)
    timer = setTimeout(flush, SETTLE_MS)
  })
  watcher.on('error', (error) => logger.warn(`watching files: ${String(error)}`))

  try {
    server = await startDevServer(builder, options.port ?? 0)
    const first = options.edition ?? (await builder.editionIds())[0]
    const url = first ? `${server.url}${encodeURIComponent(first)}/` : server.url
    process.stdout.write(`huibao dev: ${url}\n`)
    logger.info(`watching ${relative(projectRoot, reportDir) || '.'}, templates/, themes/; Ctrl-C stops`)
    if (first) void builder.rebuild(first)
    if (options.open !== false) {
      const { default: open } = await import('open')
      await open(url).catch((error: unknown) => logger.warn(`could not open a browser: ${String(error)}`))
    }
    await stop
  } finally {
    clearTimeout(timer)
    builder.stop()
    await watcher.close()
    await server?.close()
    await session.close()
    await rm(outRoot, { recursive: true, force: true })
    process.off('exit', removeOut)
  }
  return ExitCode.ok
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
