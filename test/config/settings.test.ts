// huibao.config.yaml: errors at file:line:column, flags over the file over the defaults, and the
// default report (the config's, else the only one in data/, else a usage error listing them).
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeSettings, resolveSettings } from '../../src/config/settings.js'
import { isReportError } from '../../src/errors.js'

const root = path.resolve(import.meta.dirname, '../..')
const valid = path.join(root, 'test/fixtures/validate/valid')
let project: string

/** The real CLI, run in the temporary project. */
function huibaoIn(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [path.join(root, 'src/bin/huibao.js'), ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    )
  })
}

async function addReport(id: string): Promise<void> {
  await cp(valid, path.join(project, 'data', id), { recursive: true })
}

beforeEach(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'huibao-config-'))
  await mkdir(path.join(project, 'themes', 'plain'), { recursive: true })
  await writeFile(path.join(project, 'themes', 'plain', 'deck.css'), '/* @theme huibao-plain */\n')
})
afterEach(async () => {
  await rm(project, { recursive: true, force: true })
})

describe('huibao.config.yaml', () => {
  it('reports every problem at file:line:column, through the CLI, exit 1', async () => {
    await addReport('alpha')
    await writeFile(
      path.join(project, 'huibao.config.yaml'),
      'theme: 3\nconcurrency: many\noutputs: [deck-html, deck-gif]\nfoo: 1\n',
    )
    const { code, stderr } = await huibaoIn(project, 'validate')
    expect(stderr).toContain('huibao.config.yaml: 4 problems')
    expect(stderr).toContain('huibao.config.yaml:1:8: theme: expected text, found the number 3')
    expect(stderr).toContain('huibao.config.yaml:2:14: concurrency: expected a whole number')
    expect(stderr).toMatch(/huibao\.config\.yaml:3:22: outputs\[1\]: expected one of .*"deck-html"/)
    expect(stderr).toMatch(/huibao\.config\.yaml:4:1: foo: unknown field "foo"/)
    expect(stderr).not.toContain('    at ')
    expect(code).toBe(1)
  })

  it('names a theme or report the file points at that does not exist, at its line', async () => {
    await writeFile(path.join(project, 'huibao.config.yaml'), 'report: data/nowhere\ntheme: gala\n')
    const error = await resolveSettings({}, project).catch((e: unknown) => e)
    expect(isReportError(error)).toBe(true)
    const lines = (error as { problems: { location?: { line?: number }; message: string }[] }).problems
    expect(lines.map((p) => [p.location?.line, p.message])).toEqual([
      [1, 'the report folder data/nowhere does not exist'],
      [2, 'no theme "gala": themes/gala/deck.css does not exist'],
    ])
  })

  it('is overridden by flags, and each setting says where it came from', async () => {
    await addReport('alpha')
    await addReport('beta')
    await writeFile(
      path.join(project, 'huibao.config.yaml'),
      'report: data/beta\ntheme: plain\nout: built\nconcurrency: 2\neditions: all\n',
    )
    // Messages name the file as the data's do: relative to the working directory, here outside it.
    const cfg = path.join(project, 'huibao.config.yaml')
    const fromFile = await resolveSettings({}, project)
    expect(fromFile.report).toEqual({ value: 'data/beta', from: `${cfg}:1:9` })
    expect(fromFile.out).toEqual({ value: 'built', from: `${cfg}:3:6` })
    expect(fromFile.concurrency).toEqual({ value: 2, from: `${cfg}:4:14` })
    expect(fromFile.editions).toEqual({ value: 'all', from: `${cfg}:5:11` })
    expect(fromFile.timeout).toEqual({ value: 180, from: 'default' })

    const flags = await resolveSettings(
      { report: 'data/alpha', out: 'elsewhere', concurrency: '1', edition: ['en'] },
      project,
    )
    expect(flags.report).toEqual({ value: 'data/alpha', from: 'argument' })
    expect(flags.out).toEqual({ value: 'elsewhere', from: 'flag --out' })
    expect(flags.concurrency).toEqual({ value: 1, from: 'flag --concurrency' })
    expect(flags.editions).toEqual({ value: ['en'], from: 'flag --edition' })
    expect(flags.theme).toEqual({ value: 'plain', from: `${cfg}:2:8` })
    expect(describeSettings(flags)).toContain('  out          elsewhere  (flag --out)')

    // The CLI uses the file's report when none is named, and the named one over it.
    const byConfig = await huibaoIn(project, 'validate')
    expect(byConfig.stderr).toMatch(/✓ data\/beta\/report\.yaml/)
    const byArgument = await huibaoIn(project, 'validate', 'data/alpha')
    expect(byArgument.stderr).toMatch(/✓ data\/alpha\/report\.yaml/)
  })
})

describe('the default report without a config', () => {
  it('is the only report folder in data/', async () => {
    await addReport('alpha')
    const settings = await resolveSettings({}, project)
    expect(settings.report).toEqual({ value: 'data/alpha', from: 'the only report in data/' })
  })

  it('is a usage error listing the reports when there are several (exit 2)', async () => {
    await addReport('alpha')
    await addReport('beta')
    const { code, stderr } = await huibaoIn(project, 'build')
    expect(stderr).toContain('no report given, and data/ holds 2 reports')
    expect(stderr).toContain('  data/alpha\n  data/beta\n')
    expect(code).toBe(2)
  })
})
