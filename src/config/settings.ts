// The settings a command runs with, each with where it came from: a flag, huibao.config.yaml at
// file:line:column, or huibao's default. Flags override the file; the file overrides the defaults.
// `huibao doctor` prints them; build, validate, diff and dev take their values from here.
import { stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { ifMissing } from '../data/if-missing.js'
import { ConfigError, formatLocation, isReportError, type ReportError, UsageError } from '../errors.js'
import { onlyReport } from './default-report.js'
import { type LoadedConfig, loadProjectConfig } from './load.js'
import type { ProjectConfig } from './schema.js'

export interface Setting<T> {
  value: T
  /** "flag --theme", "huibao.config.yaml:4:8", "default", "the only report in data/" */
  from: string
}

/** What the command line gave; undefined means "not given". */
export interface SettingFlags {
  report?: string
  edition?: string[]
  all?: boolean
  formats?: string
  theme?: string
  out?: string
  browser?: string
  concurrency?: string | number
  /** --timeout, in seconds */
  timeout?: string | number
}

export interface Settings {
  config?: LoadedConfig
  /** The report folder, relative to the project when inside it; undefined when none can be chosen. */
  report: Setting<string | undefined>
  /** Why no report could be chosen (exit 2), when report.value is undefined. */
  reportError?: ReportError
  editions: Setting<string[] | 'all' | undefined>
  theme: Setting<string | undefined>
  outputs: Setting<string[] | undefined>
  out: Setting<string>
  browser: Setting<string | undefined>
  /** Seconds one page may take before the browser counts as hung (and is replaced). */
  timeout: Setting<number>
  concurrency: Setting<number>
}

export class SettingUsageError extends UsageError {}

export const DEFAULT_TIMEOUT_S = 180
export const DEFAULT_CONCURRENCY = 3

export async function resolveSettings(flags: SettingFlags, projectRoot = process.cwd()): Promise<Settings> {
  const root = resolve(projectRoot)
  if (flags.concurrency !== undefined && !/^[1-9]\d?$/.test(String(flags.concurrency)))
    throw new SettingUsageError(`--concurrency takes a whole number from 1 to 99, not "${flags.concurrency}"`)
  if (flags.timeout !== undefined && !/^[1-9]\d{0,3}$/.test(String(flags.timeout)))
    throw new SettingUsageError(
      `--timeout takes a whole number of seconds from 1 to 9999, not "${flags.timeout}"`,
    )
  const loaded = await loadProjectConfig(root)
  const config: ProjectConfig = loaded?.config ?? {}
  const at = (key: keyof ProjectConfig) =>
    loaded ? formatLocation(loaded.locate([key])) : 'huibao.config.yaml'
  const fromFile = <K extends keyof ProjectConfig>(key: K) =>
    config[key] === undefined ? undefined : { value: config[key], from: at(key) }
  // Paths in the file are relative to the file; shown relative to the project.
  const filePath = (p: string) => {
    const abs = resolve(loaded?.dir ?? root, p)
    const rel = relative(root, abs)
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs
  }

  const settings: Settings = {
    config: loaded,
    report: { value: undefined, from: 'default' },
    editions: flags.all
      ? { value: 'all', from: 'flag --all' }
      : flags.edition?.length
        ? { value: flags.edition, from: 'flag --edition' }
        : (fromFile('editions') ?? { value: undefined, from: 'default' }),
    theme: flags.theme
      ? { value: flags.theme, from: 'flag --theme' }
      : (fromFile('theme') ?? { value: undefined, from: 'default' }),
    outputs:
      flags.formats !== undefined
        ? { value: flags.formats.split(','), from: 'flag --formats' }
        : (fromFile('outputs') ?? { value: undefined, from: 'default' }),
    out: flags.out
      ? { value: flags.out, from: 'flag --out' }
      : config.out
        ? { value: filePath(config.out), from: at('out') }
        : { value: 'output', from: 'default' },
    browser: flags.browser
      ? { value: flags.browser, from: 'flag --browser' }
      : config.browser
        ? { value: filePath(config.browser), from: at('browser') }
        : { value: undefined, from: 'default' },
    timeout:
      flags.timeout !== undefined
        ? { value: Number(flags.timeout), from: 'flag --timeout' }
        : (fromFile('timeout') ?? { value: DEFAULT_TIMEOUT_S, from: 'default' }),
    concurrency:
      flags.concurrency !== undefined
        ? { value: Number(flags.concurrency), from: 'flag --concurrency' }
        : (fromFile('concurrency') ?? { value: DEFAULT_CONCURRENCY, from: 'default' }),
  }

  if (flags.report) settings.report = { value: flags.report, from: 'argument' }
  else if (config.report) settings.report = { value: filePath(config.report), from: at('report') }
  else {
    try {
      settings.report = { value: await onlyReport(root), from: 'the only report in data/' }
    } catch (error) {
      if (!isReportError(error)) throw error
      settings.reportError = error
      settings.report = { value: undefined, from: error.message }
    }
  }
  await checkConfigPaths(settings, root)
  return settings
}

/** The report to work on, or the usage error that says why there is none. */
export function requireReport(settings: Settings): string {
  if (settings.report.value) return settings.report.value
  throw settings.reportError ?? new ConfigError('no report given')
}

/** A report, theme or browser named in the config file must exist: an error at its line otherwise. */
async function checkConfigPaths(settings: Settings, root: string): Promise<void> {
  const { config } = settings
  if (!config) return
  const problems = []
  const exists = (p: string) => stat(resolve(root, p)).then(() => true, ifMissing(false))
  const fromFile = (s: Setting<unknown>) => s.from.startsWith(config.displayFile)
  if (fromFile(settings.report) && settings.report.value && !(await exists(settings.report.value)))
    problems.push({
      location: config.locate(['report']),
      path: 'report',
      message: `the report folder ${settings.report.value} does not exist`,
    })
  if (fromFile(settings.theme) && !(await exists(`themes/${settings.theme.value}/deck.css`)))
    problems.push({
      location: config.locate(['theme']),
      path: 'theme',
      message: `no theme "${settings.theme.value}": themes/${settings.theme.value}/deck.css does not exist`,
    })
  if (fromFile(settings.browser) && settings.browser.value && !(await exists(settings.browser.value)))
    problems.push({
      location: config.locate(['browser']),
      path: 'browser',
      message: `the browser ${settings.browser.value} does not exist`,
    })
  if (problems.length > 0) {
    const n = problems.length
    throw new ConfigError(`${config.displayFile}: ${n} problem${n === 1 ? '' : 's'}`, { problems })
  }
}

/** The settings as lines for `huibao doctor`: name, value, and where it came from. */
export function describeSettings(settings: Settings): string[] {
  const unset: Record<string, string> = {
    report: '(none)',
    editions: 'the report’s own edition',
    theme: 'the data’s presentation.theme',
    outputs: 'every output',
    browser: 'found as shown below',
  }
  const show = (name: string, v: unknown) =>
    v === undefined ? (unset[name] ?? '(none)') : Array.isArray(v) ? v.join(', ') : String(v)
  const rows: [string, Setting<unknown>][] = [
    ['report', settings.report],
    ['editions', settings.editions],
    ['theme', settings.theme],
    ['outputs', settings.outputs],
    ['out', settings.out],
    ['browser', settings.browser],
    ['timeout', { ...settings.timeout, value: `${settings.timeout.value} s` }],
    ['concurrency', settings.concurrency],
  ]
  const head = settings.config
    ? `Settings (flags, then ${settings.config.displayFile}, then defaults):`
    : 'Settings (flags, then defaults; no huibao.config.yaml):'
  return [head, ...rows.map(([name, s]) => `  ${name.padEnd(12)} ${show(name, s.value)}  (${s.from})`)]
}
