// Reads huibao.config.yaml from the project folder, if there is one: YAML with positions (the data's
// own loader, with its guard rails), then the TypeBox schema through ajv, every problem at
// file:line:column in the same words as the report data.
import { stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { ifMissing } from '../data/if-missing.js'
import { loadYaml } from '../data/load-yaml.js'
import type { Locate } from '../data/locate.js'
import { schemaProblems } from '../data/schema-problems.js'
import { cachedValidator } from '../data/schema-validator.js'
import { ConfigError } from '../errors.js'
import { CONFIG_FILE, ProjectConfig } from './schema.js'

export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string
  /** The folder relative paths in it are read from. */
  dir: string
  displayFile: string
  config: ProjectConfig
  locate: Locate
}

/** The project's config file, or undefined when the project has none. */
export async function loadProjectConfig(projectRoot = process.cwd()): Promise<LoadedConfig | undefined> {
  const file = join(resolve(projectRoot), CONFIG_FILE)
  if (!(await stat(file).catch(ifMissing(undefined)))) return undefined
  const loaded = await loadYaml(file)
  const options = { file: loaded.displayFile, locate: loaded.locate }
  // An empty map is fine (every setting at its default); null is not a map.
  const problems = schemaProblems(loaded.value, options, cachedValidator('config', ProjectConfig))
  if (problems.length > 0) {
    const n = problems.length
    throw new ConfigError(`${loaded.displayFile}: ${n} problem${n === 1 ? '' : 's'}`, {
      problems,
      hint: 'every key of huibao.config.yaml is described in the README (Project config)',
    })
  }
  return {
    file: loaded.file,
    dir: dirname(loaded.file),
    displayFile: loaded.displayFile,
    config: loaded.value as ProjectConfig,
    locate: loaded.locate,
  }
}
