// Where editions live on disk: only a report without an editions/ folder has no editions. Anything
// else that stops the listing (a file where the folder must be, a folder where a YAML file must be)
// is an error naming the path, never an empty list that makes the editions silently disappear.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MergeError, ReportError } from '../../src/errors.js'
import { listEditions, loadEdition, validateEditions } from '../../src/merge/index.js'
import { projectRoot } from '../support/browser.js'

const fixture = join(projectRoot, 'test', 'fixtures', 'merge', 'scalar-replace')
let scratch: string

/** A copy of the fixture report whose editions/ is made by `make` (nothing: no editions/ at all). */
async function report(name: string, make?: (editions: string) => Promise<unknown>): Promise<string> {
  const dir = join(scratch, name)
  await cp(fixture, dir, { recursive: true })
  await rm(join(dir, 'editions'), { recursive: true })
  await make?.(join(dir, 'editions'))
  return dir
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to fail')
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'huibao-edition-files-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('listEditions', () => {
  it('finds no editions in a report without an editions/ folder', async () => {
    expect(await listEditions(await report('no-folder'))).toEqual([])
  })

  it('fails naming the path when editions is a file, not a folder', async () => {
    const dir = await report('file', (editions) => writeFile(editions, 'district: not a folder\n'))
    const error = await failure(listEditions(dir))
    expect(error).toBeInstanceOf(ReportError)
    expect(error.message).toContain(join(dir, 'editions'))
    expect(error.message).toContain('cannot list the editions')
    expect(error.message).toContain('ENOTDIR')
  })

  it('fails naming the path when an edition file is a folder', async () => {
    const dir = await report('folder', (editions) =>
      mkdir(join(editions, 'district.yaml'), { recursive: true }),
    )
    const error = await failure(listEditions(dir))
    expect(error).toBeInstanceOf(MergeError)
    expect(error.message).toMatch(/editions\/district\.yaml is a folder; an edition is a YAML file$/)
  })
})

describe('loadEdition and validateEditions', () => {
  it('says the editions folder is a file, not that the edition does not exist', async () => {
    const dir = await report('load-file', (editions) => writeFile(editions, ''))
    const error = await failure(loadEdition(dir, 'district', { projectRoot }))
    expect(error).toBeInstanceOf(ReportError)
    expect(error.message).not.toContain('no edition')
    expect(error.message).toContain(join(dir, 'editions', 'district.yaml'))
    expect(error.message).toContain('ENOTDIR')
  })

  it('reports an editions path that is a file as a problem naming it, not as a report without editions', async () => {
    const dir = await report('validate-file', (editions) => writeFile(editions, ''))
    const result = await validateEditions(dir, { projectRoot })
    expect(result.summary).toBeUndefined()
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]?.message).toContain(join(dir, 'editions'))
  })

  it('still names the editions there are when an edition id is unknown', async () => {
    const dir = await report('unknown', async (editions) => {
      await mkdir(editions)
      await cp(join(fixture, 'editions', 'district.yaml'), join(editions, 'district.yaml'))
    })
    const error = await failure(loadEdition(dir, 'elsewhere', { projectRoot }))
    expect(error).toBeInstanceOf(MergeError)
    expect(error.message).toMatch(/^no edition "elsewhere": .*editions\/elsewhere\.yaml does not exist$/)
    expect((error as MergeError).hint).toMatch(/, district$/)
  })
})
