// Faults a build must survive or end cleanly: a browser killed or hung mid-build, SIGTERM and SIGINT
// mid-build, a file standing where an output folder must go. Real Chromium, real processes.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BrowserSession } from '../../src/browser/session.js'
import { BrowserCrashError } from '../../src/errors.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { build } from '../../src/pipeline.js'
import { exampleReport, projectRoot, runCli } from './support.js'

let tmp: string
let savedTmpdir: string | undefined
beforeAll(async () => {
  // Short names: Chromium's socket paths inside a profile must stay under 108 bytes.
  tmp = await mkdtemp(path.join(tmpdir(), 'hbf-'))
  // Every browser these tests start keeps its profile here, so that leftovers can be seen.
  savedTmpdir = process.env.TMPDIR
  process.env.TMPDIR = tmp
})
afterAll(async () => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmpdir
  await rm(tmp, { recursive: true, force: true })
})

/** Chromium processes started with a profile under `dir` (none may outlive huibao). */
function browsersUnder(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `${dir}/huibao-chromium-`], { encoding: 'utf8' })
      .trim()
      .split('\n')
  } catch {
    return []
  }
}

async function profilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith('huibao-chromium-') || n.startsWith('org.chromium'))
}

describe('a browser that dies mid-build', () => {
  it('is replaced; the edition in flight is built again and the rest of the batch goes on', async () => {
    const session = await BrowserSession.launch({ projectRoot })
    // killed as the second document starts loading (pages are kept and reused between documents)
    let documents = 0
    session.browser.on('targetchanged', (target) => {
      if (target.type() === 'page' && target.url() !== 'about:blank' && ++documents === 2)
        session.killBrowser('crashed (SIGKILL)')
    })
    const logger = createMemoryLogger()
    const outDir = path.join(tmp, 'killed')
    try {
      const result = await build({
        report: exampleReport,
        projectRoot,
        editions: ['zhengzhou-2021', 'xinzheng', 'hkg'],
        formats: ['deck-html'],
        outDir,
        logger,
        session,
        concurrency: 1,
      })
      expect(result.editions.map((e) => [e.id, e.error?.message])).toEqual([
        ['zhengzhou-2021', undefined],
        ['xinzheng', undefined],
        ['hkg', undefined],
      ])
      expect(session.restarts).toBe(1)
      expect(logger.warnings.join('\n')).toMatch(/crashed \(SIGKILL\); building it again in a new browser/)
    } finally {
      await session.close()
    }
    expect(await profilesIn(tmp)).toEqual([])
  })

  it('says the browser hung when it fails again, and the other editions still get their turn', async () => {
    const session = await BrowserSession.launch({ projectRoot, pageTimeoutMs: 20 })
    try {
      const result = await build({
        report: exampleReport,
        projectRoot,
        editions: ['xinzheng', 'hkg'],
        formats: ['deck-html'],
        outDir: path.join(tmp, 'hung'),
        logger: createMemoryLogger(),
        session,
        concurrency: 1,
      })
      expect(result.editions).toHaveLength(2)
      for (const e of result.editions) {
        expect(e.error).toBeInstanceOf(BrowserCrashError)
        expect(e.error?.message).toMatch(/the browser hung \(a page took longer than 0 s/)
      }
    } finally {
      await session.close()
    }
    expect(await profilesIn(tmp)).toEqual([])
  })
})

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
  ['SIGHUP', 129],
] as const)('%s mid-build', (signal, exitCode) => {
  it(`exits ${exitCode}, leaves no Chromium, profile or temp file, and keeps finished outputs whole`, async () => {
    const own = await mkdtemp(path.join(tmp, 's-'))
    const out = path.join(own, 'out')
    let sentAt = 0
    const run = await runCli(
      [
        'build',
        'data/zhengzhou-2021',
        '-e',
        'zhengzhou-2021',
        '-e',
        'xinzheng',
        '-e',
        'hkg',
        '-e',
        'en',
        '-f',
        'deck-html',
        '-o',
        out,
      ],
      {
        tmp: own,
        onOutput: (text, child) => {
          // Once the first deck is written, the others are still being built.
          if (!sentAt && /: deck-html \d+ ms/.test(text)) {
            sentAt = performance.now()
            child.kill(signal)
          }
        },
      },
    )
    const ms = Math.round(performance.now() - sentAt)
    console.log(`${signal}: exited ${run.code} ${ms} ms after the signal`)
    if (run.code !== exitCode) console.log(run.stderr)
    expect(sentAt).toBeGreaterThan(0)
    expect(run.code).toBe(exitCode)
    expect(run.stderr).toContain(`stopping on ${signal}`)
    expect(browsersUnder(own)).toEqual([])
    expect(await profilesIn(own)).toEqual([])
    const written: string[] = []
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name)
        if (entry.isDirectory()) await walk(p)
        else written.push(p)
      }
    }
    await walk(out)
    expect(written.filter((f) => f.includes('.tmp'))).toEqual([])
    const decks = written.filter((f) => f.endsWith('deck.html'))
    expect(decks.length).toBeGreaterThan(0)
    for (const deck of decks) expect((await readFile(deck, 'utf8')).trimEnd()).toMatch(/<\/html>$/)
  })
})

describe('a file standing where an output folder must go', () => {
  it('fails that edition naming the path, and leaves earlier outputs byte for byte', async () => {
    const out = path.join(tmp, 'blocked')
    const earlier = path.join(out, 'zhengzhou-2021', 'zhengzhou-2021', 'deck.html')
    await mkdir(path.dirname(earlier), { recursive: true })
    await writeFile(earlier, '<!doctype html><title>an earlier build</title></html>\n')
    const before = await readFile(earlier)
    const blocker = path.join(out, 'zhengzhou-2021', 'xinzheng')
    await writeFile(blocker, 'not a folder')
    const run = await runCli(
      ['build', 'data/zhengzhou-2021', '-e', 'xinzheng', '-f', 'deck-html', '-o', out],
      {
        tmp,
      },
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(blocker)
    expect(run.stderr).toMatch(/(EEXIST|ENOTDIR)/)
    expect(run.stderr).toMatch(/built 0 of 1 edition; 1 failed/)
    expect(run.stderr).not.toContain('    at ')
    expect(await readFile(earlier)).toEqual(before)
    expect(await readFile(blocker, 'utf8')).toBe('not a folder')
  })
})
