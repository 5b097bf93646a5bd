// `huibao build --json`: one JSON object per line on stdout, and a summary that agrees with the files
// on disk; the final line of the human summary counts only what built.
import { execFile, spawnSync } from 'node:child_process'
import { cp, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../support/browser.js'

let work: string
let out: string
let run: { code: number; stdout: string; stderr: string }

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await filesUnder(path)))
    else found.push(path)
  }
  return found
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'huibao-json-'))
  const reportDir = join(work, 'report')
  out = join(work, 'out')
  await cp(join(projectRoot, 'data', 'zhengzhou-2021'), reportDir, { recursive: true })
  await writeFile(join(reportDir, 'editions', 'broken.yaml'), 'base: zhengzhou-2021\nlocale: fr\n')
  const args = [
    'build',
    reportDir,
    '-e',
    'gongyi',
    '-e',
    'broken',
    '-f',
    'deck-html,handout-pdf',
    '-o',
    out,
    '--json',
  ]
  run = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/bin/huibao.js', ...args],
      { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' }, timeout: 170_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}, 180_000)

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('huibao build --json', () => {
  it('prints only JSON lines on stdout: the events, then a summary', () => {
    const lines = run.stdout.trim().split('\n')
    const events = lines.map((line) => JSON.parse(line) as { type: string })
    expect(events[0]?.type).toBe('start')
    expect(events.at(-1)?.type).toBe('summary')
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'edition-start',
        'output-start',
        'output-done',
        'edition-done',
        'edition-failed',
      ]),
    )
  })

  it('has a summary that agrees with the files written, and names the failure at file:line', async () => {
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')
    expect(summary.editions).toEqual({ total: 2, built: ['gongyi'], failed: ['broken'] })
    // index.html and each edition's edition.json (which names the folder for the index) are not outputs
    const written = (await filesUnder(out)).filter(
      (f) => !f.endsWith('index.html') && !f.endsWith('edition.json'),
    )
    const listed = summary.outputs.map((o: { path: string }) => join(projectRoot, o.path))
    expect(listed.sort()).toEqual(written.sort())
    expect(summary.outputs.map((o: { output: string }) => o.output).sort()).toEqual([
      'deck-html',
      'handout-pdf',
    ])
    for (const file of listed) expect((await stat(file)).size).toBeGreaterThan(0)

    // pages: what pdfinfo reads from the PDF written
    const handout = summary.outputs.find((o: { output: string }) => o.output === 'handout-pdf')
    const info = spawnSync('pdfinfo', [join(projectRoot, handout.path)], { encoding: 'utf8' })
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1])
    expect(handout.pages).toBe(pages)
    expect(summary.pages).toBe(pages)
    expect(summary.seconds).toBeGreaterThan(0)

    const [error] = summary.errors
    expect(error.edition).toBe('broken')
    const places = [error.location, ...error.problems.map((p: { location?: unknown }) => p.location)]
    expect(places).toContainEqual(
      expect.objectContaining({ file: expect.stringMatching(/broken\.yaml$/), line: 2 }),
    )
  })

  it('exits 1 and ends its human summary counting only what built', () => {
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/built 1 of 2 editions; 1 failed in \d+\.\d s/)
  })
})
