// The command line: argv -> options -> library call. This is the ONLY place that prints errors and
// chooses exit codes; everything below throws ReportError.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import pc from 'picocolors'
import { allExamples, commandExamples } from './cli/help.js'
import { printError } from './cli/print-error.js'
import { ExitCode } from './errors.js'
import { createConsoleLogger } from './log/logger.js'
import { PACKAGE_ROOT } from './utils/paths.js'
import { installSignalHandlers } from './utils/shutdown.js'

/** Uncaught errors and unhandled rejections are bugs: say so and exit 70, never hang or exit 0. */
function installCrashHandlers(debug: () => boolean): void {
  const crash = (error: unknown) => {
    printError(error, debug())
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
    .option(
      '--keep',
      'also write what each stage made (deck Markdown, HTML, chart SVGs) to <edition>/intermediate/',
    )
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
    .argument('<id>', 'report id, an ASCII slug such as province-2030')
    .option('--year <year>', "the report's year (default: this year)", (v) => Number.parseInt(v, 10))
    .action((id: string, opts: { year?: number }) =>
      run(async () => (await import('./commands/init.js')).initCommand(id, { ...opts, logger: logger() }))(),
    )

  program
    .command('new-edition')
    .addHelpText('after', commandExamples('new-edition'))
    .description("write data/<report>/editions/<id>.yaml: an edition overlay over the report's data")
    .argument('<report>', 'report folder or id, e.g. data/province-2030')
    .argument('<id>', 'edition id, an ASCII slug such as east-district')
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
    .argument('<edition>', 'edition id, e.g. east-district')
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

function huibaoVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
}
