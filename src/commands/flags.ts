// The flags of `huibao build` and `huibao dev` merged with huibao.config.yaml (src/config/settings.ts)
// into the options each command takes. In commands/ rather than config/ because checking a wrong
// --formats or --theme needs the build's output names and the themes, which config/ must not import.
import { requireReport, resolveSettings, type SettingFlags, SettingUsageError } from '../config/settings.js'

/** `huibao build`'s flags merged with the config: the report and the options buildCommand takes. */
export async function buildFlags(flags: SettingFlags): Promise<{
  report: string
  options: {
    edition?: string[]
    all: boolean
    formats?: string
    theme?: string
    out: string
    browser?: string
    concurrency: number
    timeoutMs: number
  }
}> {
  const s = await resolveSettings(flags)
  if (!s.report.value) await checkBuildFlags(flags)
  const editions = s.editions.value
  return {
    report: requireReport(s),
    options: {
      edition: Array.isArray(editions) ? editions : undefined,
      all: editions === 'all',
      formats: s.outputs.value?.join(','),
      theme: s.theme.value,
      out: s.out.value,
      browser: s.browser.value,
      concurrency: s.concurrency.value,
      timeoutMs: s.timeout.value * 1000,
    },
  }
}

/** `huibao dev`'s flags merged with the config. */
export async function devFlags(
  flags: Omit<SettingFlags, 'edition'> & { edition?: string; port?: string; open?: boolean },
): Promise<{
  report: string
  options: { edition?: string; port?: number; open: boolean; browser?: string; timeoutMs: number }
}> {
  if (flags.port !== undefined && !/^\d{1,5}$/.test(flags.port))
    throw new SettingUsageError(`--port takes a port number, not "${flags.port}"`)
  const s = await resolveSettings({ report: flags.report, browser: flags.browser })
  const editions = s.editions.value
  return {
    report: requireReport(s),
    options: {
      edition: flags.edition ?? (Array.isArray(editions) ? editions[0] : undefined),
      port: flags.port === undefined ? undefined : Number(flags.port),
      open: flags.open !== false,
      browser: s.browser.value,
      timeoutMs: s.timeout.value * 1000,
    },
  }
}

/** A wrong --formats or --theme is reported as such, even when no report could be chosen either. */
async function checkBuildFlags(flags: SettingFlags): Promise<void> {
  const { parseFormats, UsageError } = await import('./build.js')
  parseFormats(flags.formats)
  if (flags.theme) {
    const { availableThemes } = await import('../themes/find.js')
    const themes = await availableThemes(process.cwd())
    if (!themes.includes(flags.theme))
      throw new UsageError(`unknown theme "${flags.theme}" in --theme`, {
        hint: `themes are: ${themes.join(', ')}`,
      })
  }
}
