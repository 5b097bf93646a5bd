// Where one `huibao dev` rebuild spends its time, stage by stage, for profiling (not part of
// `npm run bench`): `npx tsx test/bench/dev-phases.ts`, or under `node --import tsx --cpu-prof`.
// It edits a paragraph of a copy of the example, then does what the dev server does on that save
// (load, merge, deck, deck.html, the patch) and prints the median CPU and wall time of each stage
// over the edits after two warm-up rounds. CPU time says more than wall time on a busy machine.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchForReport } from '../../src/browser/session.js'
import type { BuildContext } from '../../src/context.js'
import { loadReport } from '../../src/data/load.js'
import { type DeckParts, deckParts, deckPatch } from '../../src/dev/deck-patch.js'
import { renderDeckHtml } from '../../src/export/deck-html.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { renderDeck } from '../../src/render/deck.js'

const root = resolve(import.meta.dirname, '..', '..')
const EDITS = 12
const WARM_UP = 2

const work = await mkdtemp(join(tmpdir(), 'huibao-dev-phases-'))
const reportDir = join(work, 'report')
await cp(join(root, 'data/zhengzhou-2021'), reportDir, { recursive: true })
const file = join(reportDir, 'report.yaml')
const original = await readFile(file, 'utf8')
const logger = createMemoryLogger()
const session = await launchForReport(root, reportDir, undefined, 60_000)
const ctx: BuildContext = { projectRoot: root, logger, session, cache: true }
const cpu = () => {
  const used = process.cpuUsage()
  return (used.user + used.system) / 1000
}
const times = new Map<string, { cpu: number[]; wall: number[] }>()
let before: DeckParts | undefined
try {
  for (let i = 0; i < EDITS; i++) {
    await writeFile(file, original.replace('。', `（${i}）。`))
    let c = cpu()
    let w = performance.now()
    const lap = (stage: string) => {
      const [c2, w2] = [cpu(), performance.now()]
      if (i >= WARM_UP) {
        const t = times.get(stage) ?? { cpu: [], wall: [] }
        t.cpu.push(c2 - c)
        t.wall.push(w2 - w)
        times.set(stage, t)
      }
      ;[c, w] = [c2, w2]
    }
    const base = await loadReport(reportDir, { logger })
    lap('load and validate')
    const loaded = await loadEdition(base.dir, base.report.id, { projectRoot: root, base, logger })
    const outDir = join(work, 'out')
    await mkdir(outDir, { recursive: true })
    const edition = { ...loaded, outDir }
    lap('merge')
    const deck = await renderDeck(edition, ctx, { checkOverflow: false })
    lap('deck (templates, charts, Marp)')
    const html = await renderDeckHtml(deck, edition, ctx)
    lap('deck.html')
    const parts = deckParts(html, deck.slides.length)
    if (before && parts) deckPatch(before, parts)
    before = parts
    lap('patch')
  }
} finally {
  await session.close()
  await rm(work, { recursive: true, force: true })
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
for (const [stage, t] of times) {
  process.stdout.write(
    `${stage.padEnd(32)} cpu ${Math.round(median(t.cpu))} ms, wall ${Math.round(median(t.wall))} ms\n`,
  )
}
