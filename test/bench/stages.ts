// `npx tsx test/bench/stages.ts [report] [edition]`: where one edition's build spends its time, stage
// by stage and output by output, as wall time, this process's CPU and the browser's CPU (every
// Chromium process added up, from /proc). CPU time barely changes when other work shares the
// machine, so it is what to compare between two runs on a busy machine. Never part of the tests.
import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { BrowserSession } from '../../src/browser/session.js'
import { renderCharts } from '../../src/charts/index.js'
import type { BuildContext, Edition } from '../../src/context.js'
import { loadReport } from '../../src/data/load.js'
import { OUTPUTS } from '../../src/export/outputs.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { draftDeck } from '../../src/render/deck.js'
import { checkOverflow } from '../../src/render/overflow.js'

const root = resolve(import.meta.dirname, '..', '..')
const report = process.argv[2] ?? 'data/zhengzhou-2021'
const editionId = process.argv[3]
const ticks = 100 // USER_HZ on Linux

/** CPU seconds of a process and all its descendants, from /proc. */
function treeCpuMs(pid: number): number {
  const children = new Map<number, number[]>()
  const cpu = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ppid = Number(fields[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
      // own time and that of children already ended (a closed page's renderer)
      const [u, s, cu, cs] = [11, 12, 13, 14].map((i) => Number(fields[i]))
      cpu.set(Number(entry), (((u ?? 0) + (s ?? 0) + (cu ?? 0) + (cs ?? 0)) * 1000) / ticks)
    } catch {
      // gone meanwhile
    }
  }
  let total = 0
  const stack = [pid]
  while (stack.length > 0) {
    const p = stack.pop() as number
    total += cpu.get(p) ?? 0
    stack.push(...(children.get(p) ?? []))
  }
  return total
}

async function main() {
  const session = await BrowserSession.launch({ projectRoot: root, maxPages: 3 })
  const browserPid = session.browser.process()?.pid ?? 0
  const ctx: BuildContext = { projectRoot: root, logger: createMemoryLogger(), session, cache: true }
  const rows: string[] = []
  const stage = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now()
    const cpu = process.cpuUsage()
    const b = treeCpuMs(browserPid)
    const result = await fn()
    const used = process.cpuUsage(cpu)
    rows.push(
      `${name.padEnd(28)} wall ${String(Math.round(performance.now() - t)).padStart(6)} ms   node cpu ${String(Math.round((used.user + used.system) / 1000)).padStart(6)} ms   chromium cpu ${String(Math.round(treeCpuMs(browserPid) - b)).padStart(6)} ms`,
    )
    return result
  }
  const reportPath = resolve(root, report)
  const base = await stage('load + validate', () => loadReport(reportPath, { logger: ctx.logger }))
  const id = editionId ?? base.report.id
  const outDir = join(root, 'output', '.stages', id)
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  const loaded = await stage('merge', () =>
    loadEdition(base.dir, id, { projectRoot: root, base, logger: ctx.logger }),
  )
  const edition: Edition = { ...loaded, outDir }
  const draft = await stage('deck templates (draft)', () => draftDeck(edition, ctx))
  const charts = await stage('deck charts', () => renderCharts(draft.chartUses, edition, ctx))
  const deck = await stage('deck finish (Marp)', async () => draft.finish(charts))
  await stage('overflow check (own page)', () => checkOverflow(deck, ctx))
  const input = { edition, ctx, deck, bleed: false, pptx: 'native' as const, print: {} }
  const only = process.env.STAGES_OUTPUTS?.split(',')
  for (const spec of OUTPUTS) {
    if (only && !only.includes(spec.kind)) continue
    if (spec.kind === 'slides-png') await stage(spec.kind, () => spec.run({ ...input, deck: { ...deck } }))
    else await stage(spec.kind, () => spec.run(input))
  }
  await session.close()
  process.stdout.write(`${report} ${id}, outputs one after another\n${rows.join('\n')}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
