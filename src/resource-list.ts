// Which file serves each template, locale, theme and chart of a report (report → project →
// built-in, src/resources.ts): printed by `huibao build --debug` and `huibao doctor <report>`, so
// that a report's own override can be seen to take effect.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { loadYaml, resolveReportFile } from './data/load.js'
import { listResources, type ResolvedResource, resolveLayers, resolveResource } from './resources.js'
import { themeDir } from './themes/find.js'
import { displayPath, PACKAGE_ROOT } from './utils/paths.js'

const MAINS: Record<string, string[]> = {
  deck: ['deck.md.hbs'],
  handout: ['handout.html.hbs', 'reading-copy.html.hbs'],
}

function line(name: string, r: ResolvedResource | undefined): string {
  return r ? `  ${name.padEnd(34)} ${displayPath(r.path)} (${r.origin})` : `  ${name.padEnd(34)} (none)`
}

/** The locales a report uses: its own, its editions', and any it has strings for. */
async function localesOf(reportDir: string, own: string): Promise<string[]> {
  const found = new Set([own])
  for (const f of await readdir(path.join(reportDir, 'editions')).catch(() => [] as string[])) {
    if (!/\.ya?ml$/.test(f)) continue
    const value = (await loadYaml(path.join(reportDir, 'editions', f)).catch(() => undefined))?.value
    const locale = (value as { locale?: unknown } | undefined)?.locale
    if (typeof locale === 'string') found.add(locale)
  }
  for (const f of await readdir(path.join(reportDir, 'locales')).catch(() => [] as string[]))
    if (f.endsWith('.yaml')) found.add(f.slice(0, -5))
  return [...found].sort()
}

/** One line per resource of the report: its name, the file used, and where that file comes from. */
export async function resourceLines(reportPath: string, projectRoot = process.cwd()): Promise<string[]> {
  const file = await resolveReportFile(path.resolve(projectRoot, reportPath))
  const reportDir = path.dirname(file)
  const value = (await loadYaml(file)).value as { locale?: string; presentation?: { theme?: string } }
  const out = [`resources of ${displayPath(reportDir)} (report → project → built-in):`]
  out.push('templates:')
  for (const [family, mains] of Object.entries(MAINS)) {
    for (const main of mains) {
      const name = `${family}/${main}`
      out.push(line(name, await resolveResource('template', name, reportDir, projectRoot)))
    }
    const partials = await listResources('template', `${family}/partials`, reportDir, projectRoot)
    for (const [name, r] of partials) out.push(line(`${family}/partials/${name}`, r))
  }
  out.push('locales:')
  for (const locale of await localesOf(reportDir, value.locale ?? 'zh-CN')) {
    const layers = await resolveLayers('locale', locale, reportDir, projectRoot)
    const own = layers.find((l) => l.origin === 'report')
    const shared = layers.find((l) => l.origin !== 'report')
    out.push(line(locale, shared))
    if (own) out.push(line(`${locale} (overrides)`, own))
  }
  const theme = value.presentation?.theme ?? 'formal'
  const dir = themeDir(theme, reportDir, projectRoot)
  const origin = dir.startsWith(reportDir + path.sep)
    ? 'report'
    : dir.startsWith(PACKAGE_ROOT + path.sep)
      ? 'built-in'
      : 'project'
  out.push('theme:', line(theme, { path: dir, origin }))
  out.push('charts:')
  for (const [name, r] of await listResources('chart', '', reportDir, projectRoot)) out.push(line(name, r))
  return out
}
