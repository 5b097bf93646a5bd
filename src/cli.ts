// The command line: argv -> options -> library call. This is the ONLY place that prints errors and
// chooses exit codes; everything below throws ReportError.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import pc from 'picocolors'
import { ExitCode, formatLocation, isReportError } from './errors.js'
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
    .description('check report data and edition overlays; report every problem with file and line')
    .argument('[paths...]', 'report folders or YAML files', ['data/zhengzhou-2021'])
    .action((paths: string[]) =>
      run(async () =>
        (await import('./commands/validate.js')).validateCommand(paths, {
          logger: logger(),
        }),
      )(),
    )

  program
    .command('doctor')
    .description('show the Node version, browser and fonts huibao will use, and what to do if one is missing')
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .action((opts: { browser?: string }) =>
      run(async () =>
        (await import('./commands/doctor.js')).doctorCommand({
          ...opts,
          logger: logger(),
        }),
      )(),
    )

  program
    .command('build')
    .description('build the deck and handouts of a report into output/')
    .argument('[report]', 'report folder', 'data/zhengzhou-2021')
    .option('-e, --edition <id...>', 'build these editions (default: the base report)')
    .option('-a, --all', 'build every edition of the report')
    .option('-f, --formats <list>', 'comma-separated outputs to build (default: all)')
    .option('-t, --theme <name>', 'theme from themes/ (overrides the data)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--bleed', 'add 3 mm bleed and crop marks to the print handout')
    .option('--mono', 'print the handout in black and white')
    .option('--pad4', 'pad the handout with blank pages to a multiple of 4 (saddle stitching)')
    .option('--paragraph-numbers', 'number the paragraphs of the reading copy')
    .option('--browser <path>', 'use this Chromium or Chrome executable')
    .option('--no-cache', 'render every chart again')
    .action((report: string, opts: Record<string, unknown>) =>
      run(async () =>
        (await import('./commands/build.js')).buildCommand(report, {
          ...opts,
          logger: logger(),
        }),
      )(),
    )

  program
    .command('diff')
    .description('show what an edition changes against its base, with file and line')
    .argument('<edition>', 'edition id, e.g. xinzheng')
    .argument('[report]', 'report folder', 'data/zhengzhou-2021')
    .action((edition: string, report: string) =>
      run(async () =>
        (await import('./commands/diff.js')).diffCommand(report, edition, {
          // The diff is the command's output: stdout, so that it can be piped or saved.
          logger: createConsoleLogger({ stream: process.stdout, debug: program.opts().debug }),
        }),
      )(),
    )

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
