// The ajv side of validation: one ajv configuration (every error, strict schemas, the date formats
// the report uses) and the compiled validators of the report's schema (types.ts) and the config's.
//
// Compiling the report's schema is most of what `huibao validate` spends before it reads a line of
// YAML (ajv writes and compiles a few hundred kilobytes of JavaScript). So the compiled validator is
// kept as ajv standalone code in the disk cache (src/utils/cache.ts), keyed by a hash of the schema,
// the options and ajv's version: a changed schema gets a new entry, a stale one is never used.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { _, Ajv, type Options, type ValidateFunction } from 'ajv'
import { standaloneCode } from '../utils/ajv-standalone.js'
import { cacheRoot, hashKey } from '../utils/cache.js'
import { ifMissing } from './if-missing.js'
import { ReportInput } from './types.js'

const require = createRequire(import.meta.url)

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const isoDateTime = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/

function isDate(s: string): boolean {
  const m = isoDate.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

function isDateTime(s: string): boolean {
  const m = isoDateTime.exec(s)
  if (!m || !isDate(m[1] as string)) return false
  const [h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4])]
  const [oh, om] = [Number(m[5] ?? 0), Number(m[6] ?? 0)]
  return h < 24 && mi < 60 && sec < 61 && oh < 24 && om < 60
}

const FORMATS = {
  date: { type: 'string', validate: isDate },
  'date-time': { type: 'string', validate: isDateTime },
} as const

/** How the standalone code finds the formats: a name only the loader below answers. */
const FORMATS_MODULE = 'huibao:schema-formats'

const OPTIONS: Options = { allErrors: true, strict: true, verbose: true }

/** An ajv instance with the options and formats the report schema needs. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...OPTIONS, ...options })
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format)
  return ajv
}

/** Runs standalone validator code, giving it the formats and ajv's run-time helpers it requires. */
function loadStandalone(code: string): ValidateFunction {
  const module = { exports: {} as { default?: ValidateFunction } & ValidateFunction }
  const load = (id: string) => (id === FORMATS_MODULE ? FORMATS : require(id))
  new Function('module', 'exports', 'require', code)(module, module.exports, load)
  return module.exports.default ?? module.exports
}

/**
 * The validator of `schema`, from the disk cache when it was compiled before. `name` only makes the
 * cache's file names readable. The cache is an optimisation: when it cannot be written (a read-only
 * project), the validator compiled here is used as it is and the next run compiles again.
 */
export function cachedValidator(name: string, schema: object): ValidateFunction {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version
  const key = hashKey(name, ajvVersion, JSON.stringify(OPTIONS), JSON.stringify(schema))
  const dir = join(cacheRoot(), 'schema-validators')
  const file = join(dir, `${name}-${key}.js`)
  const cached = (() => {
    try {
      return readFileSync(file, 'utf8')
    } catch (error) {
      return ifMissing(undefined)(error)
    }
  })()
  if (cached !== undefined) return loadStandalone(cached)
  const ajv = createAjv({ code: { source: true, formats: _`require(${FORMATS_MODULE})` } })
  const validate = ajv.compile(schema)
  try {
    mkdirSync(dir, { recursive: true })
    // Write then rename, so that a run started meanwhile reads the whole file or none.
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, standaloneCode(ajv, validate))
    renameSync(tmp, file)
  } catch (error) {
    if (!isUnwritable(error)) throw error
  }
  return validate
}

/** The errors of a folder the cache cannot be written to; anything else is a bug to report. */
function isUnwritable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC'
}

let reportValidator: ValidateFunction | undefined

/** The validator of a report as written (ReportInput), made once per process. */
export function reportSchemaValidator(): ValidateFunction {
  reportValidator ??= cachedValidator('report', ReportInput)
  return reportValidator
}
