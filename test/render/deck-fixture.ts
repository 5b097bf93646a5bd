// Deck test fixtures: test/fixtures/deck/<case>/changes.yaml lists fields of the example report to
// set (a value, or a text repeated to a length), so each case is one small, readable file.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { Edition } from '../../src/context.js'
import type { Report } from '../../src/data/types.js'
import { projectRoot } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

interface Change {
  path: (string | number)[]
  value?: unknown
  repeat?: string
  length?: number
}

export const fixtureDir = join(projectRoot, 'test', 'fixtures', 'deck')

export async function fixtureEdition(
  name: string,
  options: { replace?: Record<string, string>; overrides?: Partial<Edition> } = {},
): Promise<Edition> {
  let text = await readFile(join(fixtureDir, name, 'changes.yaml'), 'utf8')
  for (const [from, to] of Object.entries(options.replace ?? {})) text = text.replaceAll(from, to)
  const { set } = parse(text) as { set: Change[] }
  return exampleEdition(
    { outDir: join(projectRoot, 'output', 'test', 'deck', name), ...options.overrides },
    (report: Report) => {
      for (const change of set) {
        let target = report as unknown as Record<string | number, unknown>
        for (const key of change.path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
        const last = change.path[change.path.length - 1] as string | number
        let value = change.value
        if (change.repeat !== undefined) {
          value = change.repeat
            .repeat(Math.ceil((change.length ?? 0) / change.repeat.length))
            .slice(0, change.length)
        }
        target[last] = value
      }
    },
  )
}
