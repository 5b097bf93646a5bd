// What `huibao validate` keeps in its disk cache to answer quickly (the compiled report schema, the
// values and places of YAML files that read cleanly, what each template names, chart specs found
// valid) must never change an answer: a
// run from a warm cache says exactly what a run from an empty one says, problems and places alike.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cachedValidator, createAjv } from '../../src/data/schema-validator.js'
import { ReportInput } from '../../src/data/types.js'

const root = path.resolve(import.meta.dirname, '../..')
let cacheDir: string
let work: string

function validate(cache: string, target: string): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [path.join(root, 'src/bin/huibao.js'), 'validate', target],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', HUIBAO_CACHE_DIR: cache }, timeout: 90_000 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code) : 0, out: stdout + stderr }),
    )
  })
}

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'huibao-cache-'))
  work = await mkdtemp(path.join(tmpdir(), 'huibao-cached-report-'))
  await cp(path.join(root, 'test/fixtures/validate/valid'), work, { recursive: true })
})
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

describe('a warm cache gives the same answers as an empty one', () => {
  it.each([
    'test/fixtures/validate/everything-broken',
    'test/fixtures/validate/value-disagrees-with-sentence',
    'test/fixtures/validate/edition-numbers',
    'data/zhengzhou-2021',
  ])('%s', async (report) => {
    const cold = await validate(path.join(cacheDir, 'cold'), report)
    const warm = await validate(path.join(cacheDir, 'cold'), report)
    expect(await readdir(path.join(cacheDir, 'cold'))).toContain('schema-validators')
    expect(warm).toEqual(cold)
    if (cold.code !== 0) expect(warm.out).toMatch(/report\.yaml:\d+:\d+: /)
  })

  it('reads a file again once it changed, and finds the problem at its line', async () => {
    const dir = path.join(cacheDir, 'edit')
    expect((await validate(dir, work)).code).toBe(0)
    expect(await readdir(path.join(dir, 'yaml'))).not.toHaveLength(0)
    const file = path.join(work, 'report.yaml')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace(/^(\s+delivered: ).*$/m, '$12021-02-30'))
    const after = await validate(dir, work)
    expect(after.code).toBe(1)
    expect(after.out).toMatch(/report\.yaml:\d+:\d+: meta\.delivered: expected .*"2021-02-30"/)
  })
})

describe('a template with a syntax error', () => {
  it('is reported at its line from a warm cache as from an empty one', async () => {
    const dir = path.join(work, '..', `${path.basename(work)}-template`)
    await cp(path.join(root, 'test/fixtures/validate/everything-broken'), dir, { recursive: true })
    try {
      const partial = path.join(dir, 'templates/deck/partials/closing.hbs')
      await writeFile(partial, `${await readFile(partial, 'utf8')}{{#if x}}\nunclosed\n`)
      const cold = await validate(path.join(cacheDir, 'template'), dir)
      const warm = await validate(path.join(cacheDir, 'template'), dir)
      expect(await readdir(path.join(cacheDir, 'template', 'templates'))).not.toHaveLength(0)
      expect(warm).toEqual(cold)
      expect(warm.out).toMatch(/closing\.hbs:\d+: template syntax error: Parse error/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('the report schema validator from the cache', () => {
  const broken = {
    id: 'Not A Slug',
    locale: 'fr',
    meta: { title: '', year: 1800, delivered: '2021-02-30', published: 'yesterday', extra: 1 },
    intro: { title: 't', paragraphs: [] },
    targets: { title: 't', paragraphs: ['p'], metrics: [{ ref: 'x', sentence: 's', kind: 'level' }] },
    sections: [],
  }

  it('reports what a freshly compiled one reports, error for error', () => {
    process.env.HUIBAO_CACHE_DIR = path.join(cacheDir, 'in-process')
    try {
      const first = cachedValidator('report-test', ReportInput)
      const fromDisk = cachedValidator('report-test', ReportInput)
      const compiled = createAjv().compile(ReportInput)
      expect(fromDisk).not.toBe(first)
      compiled(broken)
      fromDisk(broken)
      const strip = (errors: typeof compiled.errors) => JSON.parse(JSON.stringify(errors)) as unknown[]
      expect(strip(fromDisk.errors)).toEqual(strip(compiled.errors))
      expect(fromDisk.errors?.length).toBeGreaterThan(5)
    } finally {
      delete process.env.HUIBAO_CACHE_DIR
    }
  })
})
