// The command line: argv -> options -> library call. This is the ONLY place that prints errors and
// chooses exit codes; everything below throws ReportError.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import pc from 'picocolors'
import {
  BuildFailedError,
  EnvironmentError,
  ExitCode,
  formatLocation,
  fromSystemError,
  InternalError,
  InterruptedError,
  isReportError,
  ReportError,
  UsageError,
} from './errors.js'
import { allExamples, commandExamples } from './help.js'
import { createConsoleLogger } from './log/logger.js'
import { PACKAGE_ROOT } from './utils/paths.js'
import { installSignalHandlers, signalExitCode } from './utils/shutdown.js'

/**
 * The one table from error class to exit code: the first row the error is an instance of wins.
 * Anything that is not a ReportError (nor a file-system error, see fromSystemError) is a bug: 70.
 */
const EXIT_CODES: readonly (readonly [abstract new (...args: never[]) => Error, ExitCode])[] = [
  [InternalError, ExitCode.internal],
  [UsageError, ExitCode.usage],
  [EnvironmentError, ExitCode.environment],
  [ReportError, ExitCode.invalidInput],
]

/** How serious each exit code is, for a build where editions failed in different ways. */
const SEVERITY: readonly number[] = [
  ExitCode.invalidInput,
  ExitCode.usage,
  ExitCode.environment,
  ExitCode.internal,
]

/** The exit code for an error: the table above, the worst edition of a build, 128 + n for a signal. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InterruptedError) return signalExitCode(error.signal)
  if (error instanceof BuildFailedError) {
    const codes = error.failures.map((f) => exitCodeFor(f.error))
    return codes.reduce(
      (worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst),
      ExitCode.invalidInput,
    )
  }
  const known = isReportError(error) ? error : fromSystemError(error)
  if (!known) return ExitCode.internal
  return EXIT_CODES.find(([kind]) => known instanceof kind)?.[1] ?? ExitCode.internal
}

/** Uncaught errors and unhandled rejections are bugs: say so and exit 70, never hang or exit 0. */
function installCrashHandlers(debug: () => boolean): void {
  const crash = (error: unknown) => {
    process.stderr.write(
      `${pc.red('error')} huibao failed unexpectedly: ${clipLine(String((error as Error)?.message ?? error))}\n`,
    )
    process.stderr.write('This is a bug in huibao; run again with --debug and report the output.\n')
    if (debug() && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exit(ExitCode.internal)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)
}

export async function main(argv: string[]): Promise<number> {
  installCrashHandlers(() => argv.includes('--debug'))
  installSignalHandlers((signal) =>
    process.stderr.write(
      `\n${pc.yellow('stopping')} on ${signal}: closing the browser, removing temporary files\n`,
    ),
  )
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
    .argument(
      '[report]',
      "also list which file serves each of this report's templates, locales, theme and charts",
    )
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .action((report: string | undefined, opts: { browser?: string }) =>
      run(async () => {
        const { resolveSettings, describeSettings } = await import('./config/settings.js')
        const settings = await resolveSettings(opts)
        return (await import('./commands/doctor.js')).doctorCommand({
          browser: settings.browser.value,
          settings: describeSettings(settings),
          report,
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
    .addOption(new Option('-a, --all', 'build every edition of the report').conflicts('edition'))
    .option('-f, --formats <list>', 'comma-separated outputs to build (default: all but slides-png)')
    .option(
      '--pptx <mode>',
      'deck.pptx as native PowerPoint objects or one picture a slide: native | images',
      'native',
    )
    .option('--shard <k/n>', 'build only the k-th of n shares of the editions (CI job matrix)')
    .option('-t, --theme <name>', 'theme from themes/ (overrides the data)')
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('--concurrency <n>', 'editions built at once (default: 3)')
    .option('--bleed', 'add 3 mm bleed and crop marks to the print handout')
    .option('--mono', 'print the handout in black and white')
    .option('--pad4', 'pad the handout with blank pages to a multiple of 4 (saddle stitching)')
    .option('--paragraph-numbers', 'number the paragraphs of the reading copy')
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .option('--no-cache', 'render every chart again')
    .option(
      '--timeout <seconds>',
      'longest one page may take before the browser counts as hung (default 180)',
    )
    .option('--build-timeout <minutes>', 'longest the whole build may take (default 60)')
    .option('--json', 'print one JSON object per event on stdout, then a summary')
    .action((report: string | undefined, opts: Record<string, unknown>) =>
      run(async () => {
        // Flags override huibao.config.yaml, which overrides the defaults (src/config/settings.ts).
        const { buildFlags } = await import('./commands/flags.js')
        const { report: chosen, options } = await buildFlags({ report, ...opts })
        return (await import('./commands/build.js')).buildCommand(chosen, {
          ...opts,
          ...options,
          debug: Boolean(program.opts().debug),
          logger: logger(),
        })
      })(),
    )

  program
    .command('index')
    .addHelpText('after', commandExamples('index'))
    .description('write output/index.html over every report and edition found in the output folder')
    .option('-o, --out <dir>', 'output folder', 'output')
    .action((opts: { out: string }) =>
      run(async () => {
        const { writeOutputIndex } = await import('./export/index-page.js')
        logger().info(`index: ${await writeOutputIndex(opts.out)}`)
        return 0
      })(),
    )

  program
    .command('init')
    .addHelpText('after', commandExamples('init'))
    .description('write data/<id>/report.yaml: a small commented report that validates and builds')
    .argument('<id>', 'report id, an ASCII slug such as henan-2023')
    .option('--year <year>', "the report's year (default: this year)", (v) => Number.parseInt(v, 10))
    .action((id: string, opts: { year?: number }) =>
      run(async () => (await import('./commands/init.js')).initCommand(id, { ...opts, logger: logger() }))(),
    )

  program
    .command('new-edition')
    .addHelpText('after', commandExamples('new-edition'))
    .description("write data/<report>/editions/<id>.yaml: an edition overlay over the report's data")
    .argument('<report>', 'report folder or id, e.g. data/henan-2023')
    .argument('<id>', 'edition id, an ASCII slug such as xinzheng')
    .option('--name <name>', 'the edition name on the cover and in the footer (default: the id)')
    .action((report: string, id: string, opts: { name?: string }) =>
      run(async () =>
        (await import('./commands/init.js')).newEditionCommand(report, id, { ...opts, logger: logger() }),
      )(),
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
          const { devFlags } = await import('./commands/flags.js')
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

/** Most characters of one printed line: a value quoted in a message never floods the terminal. */
const MAX_LINE = 400
/** Most problems printed for one error. */
const MAX_PROBLEMS = 100

function clipLine(text: string): string {
  if (text.length <= MAX_LINE) return text
  return `${text.slice(0, MAX_LINE - 60)}… (${text.length - MAX_LINE + 60} more characters)`
}

/** Prints the error chain as numbered lines, then the innermost stack under --debug. */
export function printError(
  error: unknown,
  debug: boolean,
  err: { write(text: string): unknown } = process.stderr,
): number {
  const code = exitCodeFor(error)
  const known = isReportError(error) ? error : fromSystemError(error)
  if (!known) {
    err.write(
      `${pc.red('error')} huibao failed unexpectedly: ${clipLine(String((error as Error)?.message ?? error))}\n`,
    )
    err.write('This is a bug in huibao; run again with --debug and report the output.\n')
    if (debug && error instanceof Error) err.write(`${error.stack}\n`)
    return code
  }
  const innermost = printOne(known, '', err)
  if (known instanceof BuildFailedError) {
    for (const failure of known.failures) {
      const one = isReportError(failure.error)
        ? failure.error
        : (fromSystemError(failure.error) ?? failure.error)
      err.write(`${pc.red('✗')} edition ${failure.id}:\n`)
      if (isReportError(one)) printOne(one, '  ', err)
      else err.write(`    bug: ${clipLine(String(one.message))}\n`)
    }
  }
  if (debug && innermost instanceof Error) err.write(`${innermost.stack}\n`)
  return code
}

/** One error: message with its place, its problems, hint and causes. Returns the innermost cause. */
function printOne(error: ReportError, indent: string, err: { write(text: string): unknown }): unknown {
  const where = error.location ? `${formatLocation(error.location)}: ` : ''
  err.write(`${indent}${indent ? '' : `${pc.red('error')} `}${clipLine(`${where}${error.message}`)}\n`)
  for (const p of error.problems.slice(0, MAX_PROBLEMS)) {
    const at = p.location ? `${formatLocation(p.location)}: ` : ''
    const path = p.path ? `${pc.bold(p.path)}: ` : ''
    err.write(`${indent}  ${clipLine(`${at}${path}${p.message}`)}\n`)
  }
  if (error.problems.length > MAX_PROBLEMS) {
    err.write(`${indent}  … and ${error.problems.length - MAX_PROBLEMS} more problems\n`)
  }
  if (error.hint) err.write(`${indent}${pc.cyan('hint')} ${clipLine(error.hint)}\n`)
  let cause = error.cause
  let n = 1
  let innermost: unknown = error
  while (cause) {
    err.write(
      `${indent}  ${n}. (via ${(cause as Error).name ?? 'Error'}) ${clipLine(String((cause as Error).message ?? cause))}\n`,
    )
    innermost = cause
    cause = (cause as Error).cause
    n++
  }
  return innermost
}

function huibaoVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
}
