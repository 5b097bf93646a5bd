// Where a theme lives and which themes there are. A theme is a folder of themes/ (the report's own,
// the project's, or huibao's built-in ones, first match wins: src/resources.ts) holding deck.css
// (a Marp theme), handout.css and theme.json (colours and fonts for charts and PowerPoint).
import type { Dirent } from 'node:fs'
import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path, { join } from 'node:path'
import { fromSystemError } from '../errors.js'
import { resourceRoots } from '../resources.js'

/** The folder of a theme: the report's own themes/<name>/ when it has one, else the shared one. */
export function themeDir(name: string, reportDir: string | undefined, projectRoot: string): string {
  for (const root of resourceRoots('theme', reportDir, projectRoot)) {
    const dir = path.join(root.dir, name)
    if (existsSync(path.join(dir, 'theme.json')) || existsSync(path.join(dir, 'deck.css'))) return dir
  }
  return path.join(projectRoot, 'themes', name)
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'

/** Any other failure, as the error that names the path and says whether it is input or machine. */
const failure = (what: string, error: unknown) => fromSystemError(new Error(what, { cause: error })) ?? error

/** The entries of a themes/ folder; a folder that is not there has none (any other failure throws). */
async function themeFolders(root: string): Promise<Dirent[]> {
  try {
    return await readdir(root, { withFileTypes: true })
  } catch (error) {
    if (isMissing(error)) return []
    throw failure(`cannot list the themes in ${root}`, error)
  }
}

/** Whether a theme folder has a deck.css file (a folder without one is not a deck theme). */
async function hasDeckCss(folder: string): Promise<boolean> {
  const file = join(folder, 'deck.css')
  try {
    return (await stat(file)).isFile()
  } catch (error) {
    if (isMissing(error)) return false
    throw failure(`cannot read the theme file ${file}`, error)
  }
}

/** Theme folders that have a deck.css: the report's own, the project's and huibao's built-in ones. */
export async function availableThemes(projectRoot: string, reportDir?: string): Promise<string[]> {
  const out = new Set<string>()
  for (const root of themeRoots(reportDir, projectRoot)) {
    for (const d of await themeFolders(root)) {
      if (d.isDirectory() && (await hasDeckCss(join(root, d.name)))) out.add(d.name)
    }
  }
  return [...out].sort()
}

/**
 * The folders a theme's files may be read from: the report's themes/, the project's and huibao's
 * own. A project outside huibao's folder (what `huibao init` makes) uses the built-in themes.
 */
export function themeRoots(reportDir: string | undefined, projectRoot: string): string[] {
  return resourceRoots('theme', reportDir, projectRoot).map((root) => root.dir)
}
