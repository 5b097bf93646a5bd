// Where editions live on disk: the project root above a report (the folder with templates/locales),
// the overlay files of data/<report>/editions/, and the file of one edition. Only a folder that is
// not there means "nothing here"; any other failure (permission, a file where a folder must be) is
// an error that names the path, never an empty list.
import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { fromSystemError, MergeError } from '../errors.js'
import { displayPath } from '../utils/paths.js'

/** Folder of the overlays inside a report folder. */
export const EDITIONS_DIR = 'editions'
/** Edition ids and theme names: lower-case ASCII words joined by single hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code

/** A file-system failure as the error that names the path and says whether it is input or machine. */
export function fileSystemFailure(what: string, error: unknown): unknown {
  return fromSystemError(new Error(what, { cause: error })) ?? error
}

/** The folder above `from` holding templates/locales, or the working directory. */
export async function findProjectRoot(from: string): Promise<string> {
  let dir = path.resolve(from)
  for (;;) {
    const locales = path.join(dir, 'templates', 'locales')
    try {
      if ((await stat(locales)).isDirectory()) return dir
    } catch (error) {
      // not here: look one folder up
      const code = errorCode(error)
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw fileSystemFailure(`cannot look for ${locales}`, error)
    }
    const up = path.dirname(dir)
    if (up === dir) return process.cwd()
    dir = up
  }
}

/** The entries of a report's editions/ folder; none when the folder is not there. */
async function editionEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return []
    throw fileSystemFailure(`cannot list the editions in ${displayPath(dir)}`, error)
  }
}

/** The overlay ids of a report (file names in editions/, sorted); the base edition is not listed. */
export async function listEditions(reportDir: string): Promise<string[]> {
  const dir = path.join(path.resolve(reportDir), EDITIONS_DIR)
  const entries = await editionEntries(dir)
  const ids: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = entry.name
    if (!name.endsWith('.yaml') && !name.endsWith('.yml')) continue
    const location = { file: displayPath(path.join(dir, name)) }
    if (entry.isDirectory()) {
      throw new MergeError(`${location.file} is a folder; an edition is a YAML file`, { location })
    }
    const id = name.replace(/\.ya?ml$/, '')
    if (!SLUG.test(id)) {
      throw new MergeError(
        `edition file name "${name}" is not an ASCII slug (lower-case letters, digits, single hyphens)`,
        { location, hint: 'rename it, e.g. north-district.yaml' },
      )
    }
    ids.push(id)
  }
  return ids
}

/** The overlay file of an edition; an edition that does not exist is a MergeError listing those that do. */
export async function editionFile(reportDir: string, reportId: string, editionId: string): Promise<string> {
  if (!SLUG.test(editionId)) {
    throw new MergeError(`"${editionId}" is not an edition id (an ASCII slug such as north-district)`)
  }
  const file = path.join(reportDir, EDITIONS_DIR, `${editionId}.yaml`)
  try {
    await stat(file)
  } catch (error) {
    if (errorCode(error) !== 'ENOENT')
      throw fileSystemFailure(`cannot read edition ${displayPath(file)}`, error)
    const known = await listEditions(reportDir)
    throw new MergeError(`no edition "${editionId}": ${displayPath(file)} does not exist`, {
      hint: `editions of ${reportId}: ${[reportId, ...known].join(', ')}`,
    })
  }
  return file
}
