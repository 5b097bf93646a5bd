// The authoring loop's figures for `npm run bench` (section 5), also runnable alone:
// `npx tsx test/bench/authoring.ts`. Ratios against `node -e 0` measured in the same run.
//   a. `huibao --help` and `huibao validate <example>` against `node -e 0`, median of 10 each.
//   b. `huibao dev` on a copy of the example: 20 edits of a paragraph, from the file write to the
//      open page's update event (the new text in place), median and 95th percentile.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import puppeteer from 'puppeteer-core'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '..', '..')
const example = 'data/zhengzhou-2021'
const browserPath = process.env.HUIBAO_BROWSER ?? '/usr/bin/chromium'

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}
const ms = (x: number) => `${Math.round(x)} ms`

function runMs(args: string[]): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' })
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`)
  return performance.now() - started
}

/** a. start-up: the three commands interleaved, so that the machine's load falls on all alike */
function startup(runs = 10): string[] {
  const times = { node: [] as number[], help: [] as number[], validate: [] as number[] }
  for (let i = 0; i < runs; i++) {
    times.node.push(runMs(['-e', '0']))
    times.help.push(runMs(['src/bin/huibao.js', '--help']))
    times.validate.push(runMs(['src/bin/huibao.js', '--quiet', 'validate', example]))
  }
  const node = percentile(times.node, 50)
  const help = percentile(times.help, 50)
  const validate = percentile(times.validate, 50)
  return [
    `start-up (median of ${runs}): node -e 0 ${ms(node)}; huibao --help ${ms(help)} (${(help / node).toFixed(1)}x node, ` +
      `${ms(help - node)} over it; goal under 300 ms); huibao validate ${example} ${ms(validate)} ` +
      `(${(validate / node).toFixed(1)}x node; goal under 1 s)`,
  ]
}

/** b. edit to update in `huibao dev` (alone: `npx tsx test/bench/authoring.ts dev`) */
export async function editToUpdate(edits = 20): Promise<string[]> {
  const work = await mkdtemp(join(tmpdir(), 'huibao-bench-dev-'))
  const reportDir = join(work, 'report')
  await cp(join(root, example), reportDir, { recursive: true })
  const file = join(reportDir, 'report.yaml')
  const original = await readFile(file, 'utf8')
  const lead = (parse(original) as { sections: { lead: string }[] }).sections[0]?.lead ?? ''
  const server: ChildProcess = spawn(process.execPath, ['src/bin/huibao.js', 'dev', reportDir, '--no-open'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const browser = await puppeteer.launch({
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox'],
  })
  try {
    const url = await new Promise<string>((done, fail) => {
      server.stdout?.on('data', (d: Buffer) => {
        const found = /huibao dev: (\S+)/.exec(d.toString())
        if (found?.[1]) done(found[1])
      })
      server.on('exit', (code) => fail(new Error(`huibao dev exited ${code}`)))
    })
    const page = await browser.newPage()
    await page.goto(`${url}#4`, { waitUntil: 'load' })
    await page.waitForFunction(() => document.documentElement.dataset.hbDevBusy !== '1', { timeout: 120_000 })
    const times: number[] = []
    for (let i = 0; i < edits; i++) {
      const marker = `（第${i + 1}次修改）`
      const updated = page.waitForFunction(
        (text) => document.querySelector('div.marpit')?.textContent?.includes(text),
        { polling: 'mutation', timeout: 120_000 },
        marker,
      )
      const started = performance.now()
      await writeFile(file, original.replace(lead, lead.replace(/。$/, `${marker}。`)))
      await updated
      times.push(performance.now() - started)
      // the next edit after this one's checks (overflow) are done, as a person saving again would
      await page.waitForFunction(() => document.documentElement.dataset.hbDevBusy === '0', {
        timeout: 120_000,
      })
    }
    return [
      `huibao dev, edit to update (${edits} paragraph edits, file write to new text in the open page): ` +
        `median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))} (goal: median under 300 ms)`,
    ]
  } finally {
    await browser.close()
    const exited = new Promise((done) => server.once('exit', done))
    server.kill('SIGTERM')
    await exited
    await rm(work, { recursive: true, force: true })
  }
}

export async function benchAuthoring(): Promise<string[]> {
  spawnSync(process.execPath, ['src/bin/build-dist.js'], { cwd: root, stdio: 'inherit' })
  return [...startup(), ...(await editToUpdate())]
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const lines = process.argv[2] === 'dev' ? await editToUpdate() : await benchAuthoring()
  for (const line of lines) process.stdout.write(`${line}\n`)
}
