// ajv's errors as problems at file:line:column, in the words of someone editing the YAML: a missing
// or unknown field (with a "did you mean"), the wrong kind of value and what was found instead, a
// value outside its list. Used for the report, the editions and huibao.config.yaml alike.
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { Problem } from '../errors.js'
import type { DataPath, Locate } from './locate.js'
import { reportSchemaValidator } from './schema-validator.js'
import { closest, describeValue, formatDataPath } from './wording.js'

/** What schema problems need: where each data path is in the file. */
export interface SchemaProblemOptions {
  locate: Locate
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value pairs)',
  null: 'nothing',
}

function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (!pointer) return []
  const out: (string | number)[] = []
  let current: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(current)) {
      const index = Number(part)
      out.push(index)
      current = current[index]
    } else {
      out.push(part)
      current = (current as Record<string, unknown> | undefined)?.[part]
    }
  }
  return out
}

/** ajv's errors for `value` as problems at file:line (other schemas pass their own validator). */
export function schemaProblems(
  value: unknown,
  options: SchemaProblemOptions,
  validate: ValidateFunction = reportSchemaValidator(),
): Problem[] {
  if (validate(value)) return []
  const errors = pickUnionBranches(validate.errors ?? [])
  // Errors inside an anyOf of constants (locale, comparator, kind, scale) are summed up by the anyOf.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`)
  const problems: Problem[] = []
  for (const error of errors) {
    if (unions.some((prefix) => error.schemaPath.startsWith(prefix))) continue
    problems.push(schemaProblem(error, value, options))
  }
  return problems
}

/**
 * A union of shapes (a metric or a { ref, sentence } reference) fails with the errors of every
 * branch. Keep only the branch the value comes closest to (fewest errors), as its own errors, so
 * that a metric with a wrong kind is told about its kind, not that it is no reference.
 */
function pickUnionBranches(errors: ErrorObject[]): ErrorObject[] {
  let out = errors
  for (const union of errors) {
    if (union.keyword !== 'anyOf') continue
    const branches = union.schema as { const?: unknown }[]
    if (!Array.isArray(branches) || branches.every((b) => 'const' in b)) continue
    const prefix = `${union.schemaPath}/`
    const counts = branches.map((_, i) => out.filter((e) => e.schemaPath.startsWith(`${prefix}${i}/`)).length)
    const best = counts.indexOf(Math.min(...counts))
    out = out.filter(
      (e) =>
        e !== union && (!e.schemaPath.startsWith(prefix) || e.schemaPath.startsWith(`${prefix}${best}/`)),
    )
  }
  return out
}

function schemaProblem(error: ErrorObject, root: unknown, { locate }: SchemaProblemOptions): Problem {
  const at = pointerToPath(error.instancePath, root)
  const found = describeValue(error.data)
  const parent = error.parentSchema as
    | { description?: string; pattern?: string; properties?: object }
    | undefined
  const p = error.params as Record<string, unknown>
  const problem = (message: string, dataPath: DataPath = at, key = false): Problem => ({
    location: locate(dataPath, { key }),
    path: formatDataPath(dataPath) || '(top level)',
    message,
  })
  switch (error.keyword) {
    case 'required': {
      const field = String(p.missingProperty)
      return { ...problem(`missing required field "${field}"`), path: formatDataPath([...at, field]) }
    }
    case 'additionalProperties': {
      const field = String(p.additionalProperty)
      const allowed = Object.keys(parent?.properties ?? {})
      const guess = closest(field, allowed)
      return problem(
        `unknown field "${field}"${guess ? ` (did you mean "${guess}"?)` : ''} (allowed: ${allowed.join(', ')})`,
        [...at, field],
        true,
      )
    }
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => typeWords[t] ?? t)
      return problem(`expected ${types.join(' or ')}, found ${found}`)
    }
    case 'anyOf': {
      const options = (error.schema as { const?: unknown }[]) ?? []
      if (options.every((o) => 'const' in o)) {
        const allowed = options.map((o) => JSON.stringify(o.const)).join(', ')
        const guess =
          typeof error.data === 'string'
            ? closest(
                error.data,
                options.map((o) => String(o.const)),
              )
            : undefined
        return problem(
          `expected one of ${allowed}, found ${found}${guess ? ` (did you mean "${guess}"?)` : ''}`,
        )
      }
      return problem(`${error.message ?? 'does not match any allowed form'}, found ${found}`)
    }
    case 'const':
      return problem(`expected ${JSON.stringify(p.allowedValue)}, found ${found}`)
    case 'minLength':
      return problem(
        p.limit === 1
          ? `expected text, found ${found}`
          : `expected at least ${p.limit} characters, found ${found}`,
      )
    case 'minItems':
      return problem(`expected a list of at least ${p.limit} item${p.limit === 1 ? '' : 's'}, found ${found}`)
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return problem(`expected a number ${p.comparison} ${p.limit}, found ${found}`)
    case 'pattern':
      return problem(`expected ${parent?.description ?? `text matching ${p.pattern}`}, found ${found}`)
    case 'format':
      return problem(`expected ${parent?.description ?? `a ${p.format}`}, found ${found}`)
    default:
      return problem(`${error.message ?? 'is not valid'} (found ${found})`)
  }
}
