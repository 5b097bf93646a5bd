import { readFile, writeFile, cp, mkdtemp, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchForReport } from '../../src/browser/session.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadReport } from '../../src/data/load.js'
import { loadEdition } from '../../src/merge/index.js'
import { renderDeck } from '../../src/render/deck.js'
import { renderDeckHtml } from '../../src/export/deck-html.js'
import { deckParts, deckPatch } from '../../src/dev/deck-patch.js'

const root = resolve(import.meta.dirname, '..', '..')
const work = await mkdtemp(join(tmpdir(), 'devph-'))
const reportDir = join(work, 'report')
await cp(join(root, 'data/zhengzhou-2021'), reportDir, { recursive: true })
const file = join(reportDir, 'report.yaml')
const original = await readFile(file, 'utf8')
const session = await launchForReport(root, reportDir, undefined, 60000)
const logger = createMemoryLogger()
const ctx = { projectRoot: root, logger, session, cache: true }
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const sums: Record<string, number[]> = {}
let prev: ReturnType<typeof deckParts> | undefined
for (let i = 0; i < 12; i++) {
  await writeFile(file, original.replace('。', `（${i}）。`))
  let c = cpu(); let w = performance.now()
  const lap = (k: string) => { const c2 = cpu(), w2 = performance.now(); (sums[k] ??= []).push(c2 - c); (sums[k + ' wall'] ??= []).push(w2 - w); c = c2; w = w2 }
  const base = await loadReport(reportDir, { logger }); lap('loadReport')
  const loaded = await loadEdition(base.dir, base.report.id, { projectRoot: root, base, logger }); lap('loadEdition')
  const outDir = join(work, 'out'); await mkdir(outDir, { recursive: true })
  const edition = { ...loaded, outDir }
  const deck = await renderDeck(edition as never, ctx as never, { checkOverflow: false }); lap('renderDeck')
  const html = await renderDeckHtml(deck, edition as never, ctx as never); lap('renderDeckHtml')
  const parts = deckParts(html, deck.slides.length); if (prev && parts) deckPatch(prev, parts); prev = parts; lap('patch')
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
for (const [k, v] of Object.entries(sums)) console.log(k.padEnd(22), Math.round(med(v.slice(2))!))
await session.close(); process.exit(0)
