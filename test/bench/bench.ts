// `npm run bench`: how fast huibao is, as ratios against references measured in the same run on the
// same machine (absolute seconds mean little across machines). Never part of the test suite.
//
//   1. deck -> PDF: huibao's whole pipeline (data to deck.pdf) against Marp CLI converting the very
//      Markdown huibao generated, both as fresh processes with the same Chromium and fonts.
//   2. charts: every example chart cold (no cache) and warm (cached).
//   3. deck.html + deck.pdf + handout.pdf of one edition against Marp CLI's deck PDF alone.
//   4. one edition, default outputs (native deck.pptx, no PNGs), against Marp CLI's deck PDF.
//   5. every edition (--all) against one edition, with the peak memory of the process tree (PSS, and
//      the sum of RSS, which counts Chromium's shared pages once per process).
//   6. slide pictures (slides/NN.png, on request): milliseconds a slide.
//   7. the authoring loop (authoring.ts): --help and validate against node -e 0; huibao dev's edit to update.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { BrowserSession } from '../../src/browser/session.js'
import { listCharts, renderCharts } from '../../src/charts/index.js'
import { writeSlidesPng } from '../../src/export/deck-png.js'
import { fontFaceCss } from '../../src/fonts/faces.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/index.js'
import { renderDeck } from '../../src/render/deck.js'
import { benchAuthoring } from './authoring.js'

const root = resolve(import.meta.dirname, '..', '..')
const report = 'data/zhengzhou-2021'
const work = join(root, 'output', '.bench')
const runs = Number(process.env.BENCH_RUNS ?? 3)
const browserPath = process.env.HUIBAO_BROWSER ?? '/usr/bin/chromium'

interface Timed {
  ms: number
  /** peak memory of the process tree: sum of RSS, and of PSS (see treeMemoryKb) */
  peakRssMb: number
  peakPssMb: number
  /** CPU time (user + system) of the command and every process it waited for; NaN without GNU time */
  cpuMs: number
}

/** GNU time, when installed: the CPU a command used barely changes when other work shares the machine. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

interface TimedOptions {
  env?: Record<string, string>
  allowFailure?: boolean
  /** sample the memory of the process tree (ps every 500 ms; it costs a little CPU, so not for the Marp CLI comparison) */
  memory?: boolean
}

/** Runs a command to completion; with `memory`, samples the resident memory of it and its descendants. */
function timed(cmd: string, args: string[], options: TimedOptions = {}): Promise<Timed> {
  const { env = {}, allowFailure = false, memory = false } = options
  const cpuFile = join(work, `cpu-${process.pid}-${Math.random().toString(36).slice(2)}.txt`)
  const [program, argv] = gnuTime ? [gnuTime, ['-f', '%U %S', '-o', cpuFile, cmd, ...args]] : [cmd, args]
  return new Promise((done, fail) => {
    const started = performance.now()
    const child = spawn(program, argv, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    const peak = { rss: 0, pss: 0 }
    const sample = memory
      ? setInterval(() => {
          const now = treeMemoryKb(child.pid ?? 0)
          peak.rss = Math.max(peak.rss, now.rss)
          peak.pss = Math.max(peak.pss, now.pss)
        }, 500)
      : undefined
    child.on('exit', (code) => {
      clearInterval(sample)
      if (code !== 0 && !allowFailure) fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr}`))
      else
        done({
          ms: performance.now() - started,
          peakRssMb: peak.rss / 1024,
          peakPssMb: peak.pss / 1024,
          cpuMs: readCpu(cpuFile),
        })
    })
  })
}

function readCpu(file: string): number {
  try {
    const [user, sys] = readFileSync(file, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? []
    return ((user ?? Number.NaN) + (sys ?? Number.NaN)) * 1000
  } catch {
    return Number.NaN
  }
}

/**
 * Memory of a process and its descendants, in kB: the sum of their RSS, and of their PSS (Linux's
 * proportional set size: a page shared by n processes counts 1/n in each). Chromium's processes
 * share its code and fonts, so the sum of RSS counts those once per process, several times over;
 * PSS adds up to what the machine holds. PSS is 0 where /proc/<pid>/smaps_rollup is missing.
 */
function treeMemoryKb(pid: number): { rss: number; pss: number } {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number])
    const children = new Map<number, number[]>()
    for (const [p, pp] of rows) children.set(pp, [...(children.get(pp) ?? []), p])
    const rss = new Map(rows.map(([p, , r]) => [p, r]))
    const total = { rss: 0, pss: 0 }
    const stack = [pid]
    while (stack.length > 0) {
      const p = stack.pop() as number
      total.rss += rss.get(p) ?? 0
      total.pss += pssKb(p)
      stack.push(...(children.get(p) ?? []))
    }
    return total
  } catch {
    return { rss: 0, pss: 0 }
  }
}

function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

async function main() {
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })
  const huibao = (args: string[], options: TimedOptions = {}) =>
    timed(process.execPath, ['src/bin/huibao.js', '--quiet', ...args], options)
  const lines: string[] = []
  const say = (line: string) => {
    lines.push(line)
    process.stdout.write(`${line}\n`)
  }
  say(`huibao benchmark, ${new Date().toISOString()}, ${runs} runs each, median; Chromium ${browserPath}`)

  // Warm the chart and font caches once, so that every timed run below sees the same state.
  await huibao(['build', report, '--formats', 'deck-pdf', '--out', join(work, 'warmup')])

  // 1. Deck -> PDF against Marp CLI on the Markdown we generate.
  const session = await BrowserSession.launch({ projectRoot: root, executablePath: browserPath })
  const ctx = { projectRoot: root, logger: createMemoryLogger(), session, cache: true }
  const edition = await loadEdition(join(root, report), 'zhengzhou-2021', { projectRoot: root })
  const deck = await renderDeck({ ...edition, outDir: join(work, 'render') }, ctx)
  const marpDir = join(work, 'marp')
  await mkdir(marpDir, { recursive: true })
  // Marp CLI reads fonts from file:// URLs (--allow-local-files); we give it the same font files.
  const fontCss = (await fontFaceCss()).replace(
    /https:\/\/huibao\.invalid\/__modules\/([^)]+)/g,
    (_m, p: string) => `file://${join(root, 'node_modules', p)}`,
  )
  // The same deck Marp CLI's way: the charts and logo that huibao puts in after Marp go into the
  // Markdown as raw HTML (Marp CLI runs with --html), so both render exactly the same slides.
  const markdown = deck.markdown.replace(
    /<div class="huibao-embed-(\d+)"\s*><\/div>/g,
    (whole, n: string) => deck.embeds[Number(n)] ?? whole,
  )
  await writeFile(join(marpDir, 'deck.md'), markdown)
  const themeFile = join(marpDir, 'theme.css')
  const themeName = /^theme:\s*(\S+)/m.exec(deck.markdown)?.[1] ?? 'huibao-formal'
  const themeSource = await readFile(join(root, 'themes', edition.theme.name, 'deck.css'), 'utf8')
  await writeFile(themeFile, `${themeSource}\n${fontCss}`)
  const marpTimes: number[] = []
  const oursTimes: number[] = []
  const marpCpu: number[] = []
  const oursCpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const marp = await timed(
      process.execPath,
      [
        'node_modules/@marp-team/marp-cli/marp-cli.js',
        join(marpDir, 'deck.md'),
        '--pdf',
        '--html',
        '--allow-local-files',
        '--theme-set',
        themeFile,
        '--browser-path',
        browserPath,
        '-o',
        join(marpDir, `deck-${i}.pdf`),
      ],
      { env: { CHROME_NO_SANDBOX: '1' } },
    )
    marpTimes.push(marp.ms)
    marpCpu.push(marp.cpuMs)
    const ours = await huibao(['build', report, '--formats', 'deck-pdf', '--out', join(work, `ours-${i}`)])
    oursTimes.push(ours.ms)
    oursCpu.push(ours.cpuMs)
  }
  const marpMs = median(marpTimes)
  const marpCpuMs = median(marpCpu)
  const vsMarp = (ms: number) => `${(ms / marpMs).toFixed(2)}x Marp CLI's deck PDF`
  // the same comparison in CPU time (all processes), steadier than wall time on a shared machine
  const cpuVsMarp = (cpu: number[]) =>
    Number.isNaN(median(cpu))
      ? ''
      : `; CPU ${s(median(cpu))}, ${(median(cpu) / marpCpuMs).toFixed(2)}x Marp CLI's ${s(marpCpuMs)}`
  say(
    `deck -> PDF (${deck.slides.length} slides, theme ${themeName}): huibao ${s(median(oursTimes))} (data to PDF, charts cached), ` +
      `Marp CLI ${s(marpMs)} (Markdown to PDF): huibao takes ${vsMarp(median(oursTimes))} (goal: at most 0.5x)${cpuVsMarp(oursCpu)}`,
  )

  // 6. Slide pictures, in this process on the session already running (the deck rendered above).
  const pngTimes: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    // a copy of the deck each run: pictures are kept per deck object within a build (slides-png and
    // deck.pptx share them), and a kept set would be measured instead of taking the pictures
    await writeSlidesPng({ ...deck }, { ...edition, outDir: join(work, `png-${i}`) }, ctx)
    pngTimes.push(performance.now() - t)
  }
  say(
    `slide pictures: ${deck.slides.length} PNGs of 1920x1080 in ${s(median(pngTimes))}, ${(median(pngTimes) / deck.slides.length).toFixed(0)} ms a slide (goal: at most 40 ms)`,
  )

  // 2. Charts cold and warm.
  const names = await listCharts(root, edition.reportDir)
  const first = edition.report.sections[0]?.id
  const uses = names.map((name) => ({ name, options: name === 'key-figures' ? { section: first } : {} }))
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < runs; i++) {
    let t = performance.now()
    await renderCharts(uses, edition, { ...ctx, cache: false })
    cold.push(performance.now() - t)
    t = performance.now()
    await renderCharts(uses, edition, ctx)
    warm.push(performance.now() - t)
  }
  say(
    `charts: ${names.length} charts cold ${s(median(cold))} (${s(median(cold) / names.length)} per chart), ` +
      `warm ${s(median(warm))}: warm is ${(median(cold) / Math.max(1, median(warm))).toFixed(0)}x faster`,
  )
  await session.close()

  // 3. deck.html + deck.pdf + handout.pdf of one edition, together.
  const three: number[] = []
  const threeCpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const r = await huibao([
      'build',
      report,
      '--formats',
      'deck-html,deck-pdf,handout-pdf',
      '--out',
      join(work, `three-${i}`),
    ])
    three.push(r.ms)
    threeCpu.push(r.cpuMs)
  }
  say(
    `deck.html + deck.pdf + handout.pdf of one edition: ${s(median(three))}, ${vsMarp(median(three))} (goal: under 1.0x)${cpuVsMarp(threeCpu)}`,
  )

  // 4. One edition, the default outputs.
  const one: number[] = []
  const oneCpu: number[] = []
  let oneRss = 0
  let onePss = 0
  for (let i = 0; i < runs; i++) {
    const r = await huibao(['build', report, '--out', join(work, `one-${i}`)], { memory: true })
    one.push(r.ms)
    oneCpu.push(r.cpuMs)
    oneRss = Math.max(oneRss, r.peakRssMb)
    onePss = Math.max(onePss, r.peakPssMb)
  }
  const outDir = join(work, 'one-0', 'zhengzhou-2021', 'zhengzhou-2021')
  const files = (await readdir(outDir)).filter((f) => /\.(pdf|html|pptx)$/.test(f)).sort()
  const pages = files
    .filter((f) => f.endsWith('.pdf'))
    .map(
      (f) =>
        `${f} ${/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(outDir, f)], { encoding: 'utf8' }))?.[1]} pages`,
    )
  say(
    `one edition, default outputs (native deck.pptx, no PNGs): ${s(median(one))}, ${vsMarp(median(one))} (goal: at most 1.5x)${cpuVsMarp(oneCpu)}, peak memory ${onePss.toFixed(0)} MB PSS (sum of RSS ${oneRss.toFixed(0)} MB); ${pages.join(', ')}`,
  )

  // 5. Every edition in one run against one edition.
  const all = await timed(
    process.execPath,
    ['src/bin/huibao.js', '--quiet', 'build', report, '--all', '--out', join(work, 'all')],
    { allowFailure: true, memory: true },
  )
  const editions = (await readdir(join(work, 'all', 'zhengzhou-2021'))).length
  const complete = (
    await Promise.all(
      (
        await readdir(join(work, 'all', 'zhengzhou-2021'))
      ).map((id) =>
        readdir(join(work, 'all', 'zhengzhou-2021', id)).then((f) => f.includes('slides-handout.pdf')),
      ),
    )
  ).filter(Boolean).length
  if (complete < editions) say(`warning: only ${complete} of ${editions} editions built every output`)
  const serial = median(one) * editions
  say(
    `all ${editions} editions: ${s(all.ms)}, peak memory ${all.peakPssMb.toFixed(0)} MB PSS (goal: under 1500 MB; sum of RSS ${all.peakRssMb.toFixed(0)} MB); ${editions} x one edition would be ${s(serial)}: ` +
      `--all takes ${(all.ms / median(one)).toFixed(2)}x one edition's time (goal: at most 5x)` +
      (Number.isNaN(all.cpuMs)
        ? ''
        : `; CPU ${s(all.cpuMs)}, ${(all.cpuMs / median(oneCpu)).toFixed(2)}x one edition's`),
  )
  // 5. The authoring loop: start-up against node -e 0, and huibao dev's edit to update (authoring.ts).
  for (const line of await benchAuthoring()) say(line)
  await writeFile(join(work, 'results.txt'), `${lines.join('\n')}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
