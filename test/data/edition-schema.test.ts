// schema/edition.schema.json: generated from the report types, current, and it accepts every edition
// of every report in data/ while refusing a misspelt field; edition comments name files that exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { EDITION_SCHEMA_FILE, editionSchemaText } from '../../src/data/emit-schema.js'
import { createAjv } from '../../src/data/validate.js'
import { projectRoot } from '../support/browser.js'

const editions = readdirSync(join(projectRoot, 'data')).flatMap((report) => {
  const dir = join(projectRoot, 'data', report, 'editions')
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join('data', report, 'editions', f))
    : []
})

describe('schema/edition.schema.json', () => {
  const validate = createAjv().compile(JSON.parse(readFileSync(EDITION_SCHEMA_FILE, 'utf8')))

  it('is what `npm run schema` generates (run it after changing the types)', () => {
    expect(readFileSync(EDITION_SCHEMA_FILE, 'utf8')).toBe(editionSchemaText())
  })

  it.each(editions)('accepts %s, which starts with the schema line', (file) => {
    const text = readFileSync(join(projectRoot, file), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schema/edition.schema.json')
    expect(validate(parse(text)) ? [] : validate.errors).toEqual([])
  })

  it('refuses a misspelt field and an edition without its base', () => {
    expect(validate({ base: 'x', presentation: { editon: '新郑市' } })).toBe(false)
    expect(validate({ presentation: { edition: '新郑市' } })).toBe(false)
  })

  it.each(editions)('%s: the files its comments name exist', (file) => {
    const comments = readFileSync(join(projectRoot, file), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#') && !l.includes('$schema='))
      .join('\n')
    const named = comments.match(/[\w./-]+\/[\w.-]+\.(?:ts|md|yaml|json|svg)\b|\b[\w-]+\.md\b/g) ?? []
    for (const path of named) expect(existsSync(join(projectRoot, path)), path).toBe(true)
  })
})
