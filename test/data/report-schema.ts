// The Report schema as validation compiles it, for tests that check a report file's parsed YAML.
import { Ajv } from 'ajv'
import { Report } from '../../src/data/types.js'

const ajv = new Ajv({ allErrors: true, strict: true })
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/)
const validate = ajv.compile(Report)

/** ajv's errors for this data against the Report schema; empty when it conforms. */
export function reportSchemaErrors(data: unknown): unknown[] {
  validate(data)
  return [...(validate.errors ?? [])]
}
