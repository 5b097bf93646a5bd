// Structural check of a Vega-Lite spec against Vega-Lite's own JSON schema (Vega-Lite's compiler is
// lenient: a misspelt property is silently ignored). Only the most specific error is reported.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { standaloneCode } from '../utils/ajv-standalone.js'
import { diskCache, hashKey } from '../utils/cache.js'
import { packageDir, packageVersion } from '../utils/packages.js'
import type { JsonPath } from './definition.js'

let validator: Promise<ValidateFunction> | undefined
const require = createRequire(import.meta.url)

/**
 * Compiling Vega-Lite's 2 MB schema takes ajv about 3 s; the compiled validator is kept as standalone
 * code in the disk cache (keyed by the versions), which loads in a quarter of a second.
 */
function schemaValidator(projectRoot?: string): Promise<ValidateFunction> {
  validator ??= (async () => {
    const cache = diskCache('charts', { projectRoot })
    const key = hashKey('vega-lite-schema-validator', packageVersion('vega-lite'), packageVersion('ajv'))
    const code = await cache.through(key, async () => {
      const schema = JSON.parse(
        await readFile(join(packageDir('vega-lite'), 'build', 'vega-lite-schema.json'), 'utf8'),
      )
      const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, code: { source: true } })
      return standaloneCode(ajv, ajv.compile(schema))
    })
    const module = { exports: {} as { default?: ValidateFunction } & ValidateFunction }
    new Function('module', 'exports', 'require', code.toString('utf8'))(module, module.exports, require)
    return module.exports.default ?? module.exports
  })()
  return validator
}

export interface SchemaProblem {
  path: JsonPath
  message: string
}

function toPath(instancePath: string): JsonPath {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

const PREFERRED = ['additionalProperties', 'enum', 'type', 'const', 'minimum', 'maximum']

function describe(error: ErrorObject): SchemaProblem {
  const path = toPath(error.instancePath)
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'additionalProperties') {
    return { path: [...path, String(params.additionalProperty)], message: 'is not a Vega-Lite property here' }
  }
  if (error.keyword === 'enum') {
    return {
      path,
      message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
    }
  }
  return { path, message: error.message ?? 'is not valid Vega-Lite' }
}

/** The most specific schema error of `spec`, or undefined when it is valid Vega-Lite. */
export async function schemaProblem(spec: unknown, projectRoot?: string): Promise<SchemaProblem | undefined> {
  const validate = await schemaValidator(projectRoot)
  if (validate(spec)) return undefined
  const errors = [...(validate.errors ?? [])]
  errors.sort((a, b) => {
    const depth = toPath(b.instancePath).length - toPath(a.instancePath).length
    if (depth !== 0) return depth
    const rank = (e: ErrorObject) => {
      const i = PREFERRED.indexOf(e.keyword)
      return i === -1 ? PREFERRED.length : i
    }
    return rank(a) - rank(b)
  })
  const best = errors[0]
  return best ? describe(best) : { path: [], message: 'is not valid Vega-Lite' }
}
