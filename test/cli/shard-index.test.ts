// --shard k/n (a stable share of the editions for a CI job matrix) and `huibao index` (output/index.html
// over every report and edition found in output/, such as the folders several shards produced).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../src/log/logger.js'
import { listEditions } from '../../src/merge/index.js'
import { build } from '../../src/pipeline.js'
import { parseShard, shareOf } from '../../src/utils/shard.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { huibao } from '../support/cli.js'

const reportDir = join(projectRoot, 'data', 'zhengzhou-2021')

describe('--shard k/n', () => {
  it('deals every id to exactly one of n shares, which differ by at most one', () => {
    const ids = ['zz', 'b', 'a', 'k', 'c', 'x', 'm']
    for (const n of [1, 2, 3, 7, 9]) {
      const shares = Array.from({ length: n }, (_, k) => shareOf(ids, { index: k + 1, count: n }))
      expect(shares.flat().sort()).toEqual([...ids].sort())
      const sizes = shares.map((s) => s.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it('gives the same share whatever order the ids come in', () => {
    expect(shareOf(['c', 'a', 'b', 'd'], { index: 2, count: 2 })).toEqual(
      shareOf(['d', 'b', 'a', 'c'], { index: 2, count: 2 }),
    )
  })

  it('refuses what is not k/n with 1 <= k <= n', () => {
    expect(parseShard('2/4').shard).toEqual({ index: 2, count: 4 })
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0', '-1/2'])
      expect(parseShard(bad).problem, bad).toBeDefined()
  })

  it('exits 2 with the reason on a bad --shard', async () => {
    const run = await huibao('build', 'data/zhengzhou-2021', '--all', '--shard', '3/2', '-f', 'deck-html')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--shard')
    expect(run.stderr).toContain('k must be between 1 and 2')
  })
})

describe('--pptx', () => {
  it('exits 2 with the modes on an unknown mode', async () => {
    const run = await huibao('build', 'data/zhengzhou-2021', '--pptx', 'pictures', '-f', 'deck-pptx')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown mode "pictures" in --pptx')
    expect(run.stderr).toContain('native, images')
  })
})

describe('shards built apart, indexed together', async () => {
  const session = await sharedSession()
  const out = await mkdtemp(join(tmpdir(), 'huibao-shard-'))
  afterAll(() => rm(out, { recursive: true, force: true }))
  const all = ['zhengzhou-2021', ...(await listEditions(reportDir))]
  const count = Math.ceil(all.length / 2)

  it('builds the k-th share of --all, then lists it with another report’s folder in index.html', async () => {
    const result = await build({
      report: reportDir,
      projectRoot,
      all: true,
      shard: { index: count, count },
      formats: ['deck-html'],
      outDir: out,
      logger: createMemoryLogger(),
      session,
    })
    const ids = result.editions.map((e) => e.id)
    expect(ids).toEqual(shareOf(all, { index: count, count }))
    expect(result.editions.map((e) => e.error?.message)).toEqual(ids.map(() => undefined))
    const manifest = JSON.parse(
      await readFile(join(out, 'zhengzhou-2021', ids[0] ?? '', 'edition.json'), 'utf8'),
    )
    expect(manifest).toMatchObject({ id: ids[0], report: 'zhengzhou-2021' })

    // what another shard (of another report) left in output/, and a folder with no output at all
    await mkdir(join(out, 'other-report', 'north'), { recursive: true })
    await writeFile(join(out, 'other-report', 'north', 'deck.pdf'), '%PDF-1.7\n')
    await writeFile(
      join(out, 'other-report', 'north', 'edition.json'),
      JSON.stringify({ id: 'north', name: '北区', report: 'other-report', title: '另一份报告' }),
    )
    await mkdir(join(out, 'other-report', 'empty'), { recursive: true })

    const run = await huibao('index', '-o', out)
    expect(run.code, run.stderr).toBe(0)
    const html = await readFile(join(out, 'index.html'), 'utf8')
    for (const id of ids) expect(html).toContain(`zhengzhou-2021/${id}/deck.html`)
    expect(html).toContain('北区')
    expect(html).toContain('other-report/north/deck.pdf')
    expect(html).toContain('另一份报告')
    expect(html).not.toContain('other-report/empty')
    expect(html).toContain(`2 report(s), ${ids.length + 1} edition(s)`)
  })
})
