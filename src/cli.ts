// The command line: argv -> options -> library call. This is the ONLY place that prints errors and
// chooses exit codes; everything below throws ReportError.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import pc from 'picocolors'
import { ExitCode, formatLocation, isReportError } from './errors.js'
import { allExamples, commandExamples } from './help.js'
import { createConsoleLogger } from './log/logger.js'
import { PACKAGE_ROOT } from './utils/paths.js'

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok
  const program = new Command()
    .name('huibao')
    .description('Build slide decks and print handouts from a government work report’s data.')
    .version(huibaoVersion(), '-v, --version')
    .option('--debug', 'print debug output and stack traces')
    .option('-q, --quiet', 'print only warnings and errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', allExamples())

  const logger = () =>
    createConsoleLogger({
      quiet: program.opts().quiet,
      debug: program.opts().debug,
    })
  const run = (fn: () => Promise<number | undefined>) => async () => {
    exitCode = (await fn()) ?? ExitCode.ok
  }

  program
    .command('validate')
    .addHelpText('after', commandExamples('validate'))
    .description('check report data and edition overlays; report every problem with file and line')
    .argument('[paths...]', 'report folders or YAML files (default: the project’s report)')
    .action((paths: string[]) =>
      run(async () => {
        const report = paths.length > 0 ? paths : [await defaultReport()]
        return (await import('./commands/validate.js')).validateCommand(report, { logger: logger() })
      })(),
    )

  program
    .command('doctor')
    .addHelpText('after', commandExamples('doctor'))
    .description('show the Node version, browser and fonts huibao will use, and what to do if one is missing')
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .action((opts: { browser?: string }) =>
      run(async () => {
        const { resolveSettings, describeSettings } = await import('./config/settings.js')
        const settings = await resolveSettings(opts)
        return (await import('./commands/doctor.js')).doctorCommand({
          browser: settings.browser.value,
          settings: describeSettings(settings),
          logger: logger(),
        })
      })(),
    )

  program
    .command('build')
    .addHelpText('after', commandExamples('build'))
    .description('build the deck and handouts of a report into output/')
    .argument('[report]', 'report folder (default: huibao.config.yaml’s, else the only one in data/)')
    .option('-e, --edition <id...>', 'build these editions (default: the base report)')
    .option('-a, --all', 'build every edition of the report')
    .option('-f, --formats <list>', 'comma-separated outputs to build (default: all)')
    .option('-t, --theme <name>', 'theme from themes/ (overrides the data)')
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('--concurrency <n>', 'editions built at once (default: 3)')
    .option('--bleed', 'add 3 mm bleed to the print handout')
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .option('--no-cache', 'render every chart again')
    .option('--json', 'print one JSON object per event on stdout, then a summary')
    .action((report: string | undefined, opts: Record<string, unknown>) =>
      run(async () => {
        // Flags override huibao.config.yaml, which overrides the defaults (src/config/settings.ts).
        const { buildFlags } = await import('./config/settings.js')
        const { report: chosen, options } = await buildFlags({ report, ...opts })
        return (await import('./commands/build.js')).buildCommand(chosen, {
          ...opts,
          ...options,
          logger: logger(),
        })
      })(),
    )

  program
    .command('diff')
    .addHelpText('after', commandExamples('diff'))
    .description('show what an edition changes against its base, with file and line')
    .argument('<edition>', 'edition id, e.g. xinzheng')
    .argument('[report]', 'report folder (default: the project’s report)')
    .action((edition: string, report: string | undefined) =>
      run(async () =>
        (await import('./commands/diff.js')).diffCommand(report ?? (await defaultReport()), edition, {
          // The diff is the command's output: stdout, so that it can be piped or saved.
          logger: createConsoleLogger({ stream: process.stdout, debug: program.opts().debug }),
        }),
      )(),
    )

  program
    .command('dev')
    .description('live preview: serve the deck and handout on 127.0.0.1 and update them on every save')
    .addHelpText('after', commandExamples('dev'))
    .argument('[report]', 'report folder (default: the project’s report)')
    .option('-e, --edition <id>', 'the edition to open first')
    .option('-p, --port <n>', 'port on 127.0.0.1 (default: a free one)')
    .option('--no-open', 'do not open a browser')
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .action(
      (
        report: string | undefined,
        opts: { edition?: string; port?: string; open: boolean; browser?: string },
      ) =>
        run(async () => {
          const { devFlags } = await import('./config/settings.js')
          const flags = await devFlags({ report, ...opts })
          return (await import('./commands/dev.js')).devCommand(flags.report, {
            ...flags.options,
            logger: logger(),
          })
        })(),
    )

  /** The report a command uses when none is named (huibao.config.yaml, else the only one in data/). */
  const defaultReport = async () => {
    const { resolveSettings, requireReport } = await import('./config/settings.js')
    return requireReport(await resolveSettings({}))
  }

  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    }
    return printError(error, Boolean(program.opts().debug))
  }
  return exitCode
}

/** Prints the error chain as numbered lines, then the innermost stack under --debug. */
export function printError(error: unknown, debug: boolean): number {
  const err = process.stderr
  if (!isReportError(error)) {
    err.write(
      `${pc.red('error')} huibao failed unexpectedly: ${String((error as Error)?.message ?? error)}\n`,
    )
    err.write('This is a bug in huibao; run again with --debug and report the output.\n')
    if (debug && error instanceof Error) err.write(`${error.stack}\n`)
    return ExitCode.internal
  }
  const where = error.location ? `${formatLocation(error.location)}: ` : ''
  err.write(`${pc.red('error')} ${where}${error.message}\n`)
  for (const p of error.problems) {
    const at = p.location ? `${formatLocation(p.location)}: ` : ''
    const path = p.path ? `${pc.bold(p.path)}: ` : ''
    err.write(`  ${at}${path}${p.message}\n`)
  }
  if (error.hint) err.write(`${pc.cyan('hint')} ${error.hint}\n`)
  let cause = error.cause
  let n = 1
  let innermost: unknown = error
  while (cause) {
    err.write(
      `  ${n}. (via ${(cause as Error).name ?? 'Error'}) ${(cause as Error).message ?? String(cause)}\n`,
    )
    innermost = cause
    cause = (cause as Error).cause
    n++
  }
  if (debug && innermost instanceof Error) err.write(`${innermost.stack}\n`)
  return error.exitCode
}

function huibaoVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
}
