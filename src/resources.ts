// Where a report's resources come from. A report folder may hold its own `templates/` (same paths as
// huibao's templates/), `locales/<locale>.yaml`, `themes/<name>/` and `charts/`; each is looked up in
// the report first, then in the project (the folder huibao runs in), then in huibao's built-ins.
// `huibao build --debug` and `huibao doctor <report>` print which file was used for each.
import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { PACKAGE_ROOT } from './utils/paths.js'

export type ResourceKind = 'template' | 'locale' | 'theme' | 'chart'
export type ResourceOrigin = 'report' | 'project' | 'built-in'

export interface ResolvedResource {
  /** Absolute path of the file (or folder, for a theme). */
  path: string
  origin: ResourceOrigin
}

/** The folder of a kind inside a report, a project, and huibao itself. */
const LAYOUT: Record<ResourceKind, { report: string; shared: string; ext: string }> = {
  template: { report: 'templates', shared: 'templates', ext: '' },
  locale: { report: 'locales', shared: path.join('templates', 'locales'), ext: '.yaml' },
  theme: { report: 'themes', shared: 'themes', ext: '' },
  chart: { report: 'charts', shared: path.join('templates', 'charts'), ext: '.vl.json' },
}

export interface ResourceRoot {
  dir: string
  origin: ResourceOrigin
}

/** The folders searched for a kind, first match wins: report, project, built-in (each once). */
export function resourceRoots(kind: ResourceKind, reportDir?: string, projectRoot?: string): ResourceRoot[] {
  const layout = LAYOUT[kind]
  const roots: ResourceRoot[] = []
  if (reportDir) roots.push({ dir: path.resolve(reportDir, layout.report), origin: 'report' })
  const project = path.resolve(projectRoot ?? process.cwd())
  if (project !== PACKAGE_ROOT) roots.push({ dir: path.join(project, layout.shared), origin: 'project' })
  roots.push({ dir: path.join(PACKAGE_ROOT, layout.shared), origin: 'built-in' })
  return roots
}

async function exists(file: string, kind: ResourceKind): Promise<boolean> {
  try {
    const s = await stat(file)
    return kind === 'theme' ? s.isDirectory() : s.isFile()
  } catch {
    return false
  }
}

/** Every layer that has `name`, highest precedence first (locales merge all of them). */
export async function resolveLayers(
  kind: ResourceKind,
  name: string,
  reportDir?: string,
  projectRoot?: string,
): Promise<ResolvedResource[]> {
  const out: ResolvedResource[] = []
  for (const root of resourceRoots(kind, reportDir, projectRoot)) {
    const file = path.join(root.dir, `${name}${LAYOUT[kind].ext}`)
    if (await exists(file, kind)) out.push({ path: file, origin: root.origin })
  }
  return out
}

/**
 * The file that serves `name`: "deck/partials/title.hbs" (template), "zh-CN" (locale), "formal"
 * (theme), "headline-targets" (chart). Undefined when no layer has it.
 */
export async function resolveResource(
  kind: ResourceKind,
  name: string,
  reportDir?: string,
  projectRoot?: string,
): Promise<ResolvedResource | undefined> {
  return (await resolveLayers(kind, name, reportDir, projectRoot))[0]
}

/**
 * Every name of a kind under `sub` ("deck/partials" for templates; "" for the others) with the file
 * that serves it, report names overriding project and built-in ones.
 */
export async function listResources(
  kind: ResourceKind,
  sub: string,
  reportDir?: string,
  projectRoot?: string,
): Promise<Map<string, ResolvedResource>> {
  const found = new Map<string, ResolvedResource>()
  const ext = LAYOUT[kind].ext
  for (const root of resourceRoots(kind, reportDir, projectRoot)) {
    const dir = path.join(root.dir, sub)
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (kind === 'theme' ? !e.isDirectory() : !e.isFile() || (ext && !e.name.endsWith(ext))) continue
      const name = ext ? e.name.slice(0, -ext.length) : e.name
      if (!found.has(name)) found.set(name, { path: path.join(dir, e.name), origin: root.origin })
    }
  }
  return found
}

/**
 * The folder of a template family (deck, handout): the project's templates/<family> when the project
 * has one, else huibao's own. A report's templates/<family> overrides single files on top of it.
 */
export function templateFamilyDir(family: string, projectRoot: string): string {
  const own = path.join(path.resolve(projectRoot), 'templates', family)
  return existsSync(own) ? own : path.join(PACKAGE_ROOT, 'templates', family)
}
