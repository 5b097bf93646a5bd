// Runs the bad-input corpus (corpus.ts): every case through validation in-process (as `huibao
// validate` does, printed as the CLI prints it), and a sample through a real build of deck.html.
// Each case must end with exit 1, 2 or 3 and a located message (or, for hostile but valid text, be
// accepted), with no stack trace, no hang, no byte of a file outside the project in any output,
// and earlier outputs byte-identical. The summary line gives the counts.
import { createHash } from 'node:crypto'
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BrowserSession } from '../../src/browser/session.js'
import { loadReport } from '../../src/data/load.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { build } from '../../src/pipeline.js'
import { type CorpusCase, type CorpusContext, generateCorpus } from './corpus.js'
import { projectRoot, render, type Scratch, SECRET, scratchReport } from './support.js'

/** Longest one case may take before it counts as a hang. */
const CASE_LIMIT_MS = 30_000
/** Longest one build of deck.html may take (charts drawn on a cold cache, two busy cores). */
const BUILD_LIMIT_MS = 240_000

let s: Scratch
let ctx: CorpusContext
let loadedBase: Awaited<ReturnType<typeof loadReport>>
let earlier: string
let earlierHash: string
beforeAll(async () => {
  s = await scratchReport()
  const base = await loadReport(s.report)
  loadedBase = base
  ctx = {
    report: s.report,
    work: path.join(s.dir, 'work'),
    secret: s.secret,
    base: base.report,
    reportText: await readFile(path.join(s.report, 'report.yaml'), 'utf8'),
    overlayText: await readFile(path.join(s.report, 'editions', 'xinzheng.yaml'), 'utf8'),
  }
  await mkdir(ctx.work)
  // An earlier build's output that nothing in the corpus may touch.
  earlier = path.join(s.dir, 'out', base.report.id, base.report.id, 'deck.html')
  await mkdir(path.dirname(earlier), { recursive: true })
  await writeFile(earlier, '<!doctype html><title>earlier</title></html>\n')
  earlierHash = await hashTree(path.join(s.dir, 'out'))
})
afterAll(async () => {
  await rm(s.dir, { recursive: true, force: true })
})

async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256')
  const walk = async (d: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else hash.update(p).update(e.isFile() ? await readFile(p) : Buffer.from('special file'))
    }
  }
  await walk(dir)
  return hash.digest('hex')
}

interface Outcome {
  code: number
  text: string
}

async function validateCase(c: CorpusCase): Promise<Outcome> {
  const written = await c.write(ctx)
  try {
    if (c.target === 'report') await loadReport(written)
    else await loadEdition(ctx.report, written, { base: loadedBase, projectRoot })
    return { code: 0, text: '' }
  } catch (error) {
    return render(error)
  } finally {
    if (c.target === 'overlay')
      await rm(path.join(ctx.report, 'editions', `${written}.yaml`), { recursive: true, force: true })
  }
}

function withLimit<T>(work: Promise<T>, ms = CASE_LIMIT_MS): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    work,
    new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/** What is wrong with an outcome, or undefined. */
function judge(c: CorpusCase, o: Outcome | 'hang'): string | undefined {
  if (o === 'hang') return `no answer within ${CASE_LIMIT_MS / 1000} s`
  if (o.text.includes(SECRET)) return 'the message holds bytes of a file outside the project'
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(o.text)) return 'the message has a stack trace'
  if (o.text.length > 50_000) return `the message is ${o.text.length} characters long`
  if (o.code === 0) return c.expect === 'refuse' ? 'accepted' : undefined
  if (![1, 2, 3].includes(o.code)) return `exit ${o.code}`
  const located = c.located === 'line' ? /\S+\.ya?ml:\d+(:\d+)?: /.test(o.text) : /\/\S+/.test(o.text)
  if (!located) return `no ${c.located === 'line' ? 'file:line' : 'path'} in "${o.text.slice(0, 300)}"`
  return undefined
}

describe('the bad-input corpus', () => {
  it('refuses every broken input cleanly, at its place, and touches no earlier output', async () => {
    const started = performance.now()
    const cases = generateCorpus(ctx.base)
    expect(cases.length).toBeGreaterThanOrEqual(500)
    const problems: string[] = []
    const codes = new Map<number, number>()
    for (const c of cases) {
      const outcome = await withLimit(validateCase(c))
      if (outcome !== 'hang') codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1)
      const wrong = judge(c, outcome)
      if (wrong) problems.push(`${c.name}: ${wrong}`)
    }
    expect(await hashTree(path.join(s.dir, 'out'))).toBe(earlierHash)
    const counts = [...codes.entries()].sort(([a], [b]) => a - b).map(([code, n]) => `exit ${code}: ${n}`)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      `corpus: ${cases.length} cases validated in ${seconds} s (${counts.join(', ')}); ${problems.length} wrong`,
    )
    expect(problems).toEqual([])
  }, 600_000)

  describe('a sample through a real build of deck.html', () => {
    let project: string
    let session: BrowserSession
    beforeAll(async () => {
      // A project of its own, so that its templates and charts can be broken.
      project = path.join(s.dir, 'project')
      for (const d of ['templates', 'themes'])
        await cp(path.join(projectRoot, d), path.join(project, d), { recursive: true })
      session = await BrowserSession.launch({ projectRoot: project, extraRoots: [s.report] })
    })
    afterAll(async () => {
      await session?.close()
    })

    const sample: [string, 'refuse' | 'either', () => Promise<() => Promise<void>>, string][] = [
      [
        'hostile text in a section title',
        'either',
        async () => {
          const file = path.join(s.report, 'editions', 'hostile.yaml')
          const id = ctx.base.sections[0]?.id
          await writeFile(
            file,
            `base: ${ctx.base.id}\nsections:\n  - id: ${id}\n    title: "<script>alert(1)</script><img src=${s.secret}>"\n`,
          )
          return () => rm(file)
        },
        'hostile',
      ],
      [
        'a template with an unclosed block',
        'refuse',
        async () => {
          const file = path.join(project, 'templates', 'deck', 'partials', 'closing.hbs')
          const before = await readFile(file)
          await writeFile(file, `${before}\n{{#if x}}\n`)
          return () => writeFile(file, before)
        },
        'xinzheng',
      ],
      [
        'a chart whose data file is outside the project',
        'refuse',
        async () => {
          // the example's own chart, in its report folder
          const file = path.join(s.report, 'charts', 'innovation.vl.json')
          const before = await readFile(file)
          const spec = JSON.parse(String(before))
          spec.data = { url: path.relative(project, s.secret) }
          await writeFile(file, JSON.stringify(spec))
          return () => writeFile(file, before)
        },
        'xinzheng',
      ],
    ]

    it.each(sample)(
      '%s: %s, no outside byte in any output, earlier outputs whole',
      async (_, expected, breakIt, edition) => {
        const restore = await breakIt()
        const outDir = path.join(s.dir, 'out')
        try {
          const result = await withLimit(
            build({
              report: s.report,
              projectRoot: project,
              editions: [edition],
              formats: ['deck-html'],
              outDir,
              logger: createMemoryLogger(),
              session,
            }),
            BUILD_LIMIT_MS,
          )
          expect(result).not.toBe('hang')
          if (result === 'hang') return
          const error = result.editions[0]?.error
          const outcome: Outcome = error ? render(error) : { code: 0, text: '' }
          const fake: CorpusCase = {
            name: _,
            target: 'overlay',
            expect: expected,
            located: 'path',
            write: async () => '',
          }
          expect(judge(fake, outcome)).toBeUndefined()
          const built = path.join(outDir, ctx.base.id, edition, 'deck.html')
          if (!error) {
            const html = await readFile(built, 'utf8')
            expect(html).not.toContain(SECRET)
            expect(html).not.toContain('<script>alert(1)')
            await rm(path.dirname(built), { recursive: true })
          }
          expect(await hashTree(outDir)).toBe(earlierHash)
        } finally {
          await restore()
        }
      },
    )
  })
})
