// Writes schema/report.schema.json from the TypeBox types, so editors can check and explain the
// YAML (`# yaml-language-server: $schema=../../schema/report.schema.json`). Run: `npm run schema`
// (tsx src/data/emit-schema.ts). A test fails when the committed file is stale.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { editionJsonSchema } from './edition-schema.js'
import { ReportInput } from './types.js'

export const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schema', 'report.schema.json')

/** The JSON Schema (draft-07) of a report. TypeBox's symbol keys are dropped by JSON. */
export function reportJsonSchema(): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(ReportInput)) }
}

/** The schema file's exact text: two-space indented JSON with a final newline. */
export function reportSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`
}

export const EDITION_SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schema', 'edition.schema.json')

/** The edition schema file's exact text (src/data/edition-schema.ts). */
export function editionSchemaText(): string {
  return `${JSON.stringify(editionJsonSchema(), null, 2)}\n`
}

export async function emitSchema(file: string = SCHEMA_FILE): Promise<string> {
  await writeFile(file, reportSchemaText())
  await writeFile(EDITION_SCHEMA_FILE, editionSchemaText())
  return file
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = await emitSchema()
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), file)}, ${path.relative(process.cwd(), EDITION_SCHEMA_FILE)}\n`,
  )
}
