// The ajv side of validation: one ajv configuration (every error, strict schemas, the date formats
// the report uses) and the compiled validator of the report's schema (types.ts), made once.
import { Ajv, type ValidateFunction } from 'ajv'
import { ReportInput } from './types.js'

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

/** An ajv instance with the options and formats the report schema needs. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true })
  ajv.addFormat('date', { type: 'string', validate: isDate })
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime })
  return ajv
}

let reportValidator: ValidateFunction | undefined

export function reportSchemaValidator(): ValidateFunction {
  reportValidator ??= createAjv().compile(ReportInput)
  return reportValidator
}
