// `--keep`: what each stage made, next to the outputs, for a person to look at; nothing without it.
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { huibaoWithin } from '../support/cli.js'

it('writes the deck Markdown, Marp HTML and every chart SVG with --keep, and nothing without it', async () => {
  const kept = await mkdtemp(join(tmpdir(), 'huibao-keep-'))
  const run = await huibaoWithin(180_000, 'build', 'data/henan-2023', '-f', 'deck-html', '--keep', '-o', kept)
  expect(run.code, run.stderr).toBe(0)
  const dir = join(kept, 'henan-2023', 'henan-2023', 'intermediate')
  const markdown = await readFile(join(dir, 'deck.md'), 'utf8')
  const report = await readFile('data/henan-2023/report.yaml', 'utf8')
  const title = /^\s+title: (.+)$/m.exec(report)?.[1]?.trim() ?? ''
  expect(title).not.toBe('')
  expect(markdown).toContain(title)
  expect(await readFile(join(dir, 'deck.marp.html'), 'utf8')).toMatch(/<section\b/)
  const charts = await readdir(join(dir, 'charts'))
  expect(charts.length).toBeGreaterThan(0)
  for (const chart of charts) expect(await readFile(join(dir, 'charts', chart), 'utf8')).toMatch(/^<svg\b/)

  const plain = await mkdtemp(join(tmpdir(), 'huibao-keep-'))
  const again = await huibaoWithin(180_000, 'build', 'data/henan-2023', '-f', 'deck-html', '-o', plain)
  expect(again.code, again.stderr).toBe(0)
  expect(existsSync(join(plain, 'henan-2023', 'henan-2023', 'deck.html'))).toBe(true)
  expect(existsSync(join(plain, 'henan-2023', 'henan-2023', 'intermediate'))).toBe(false)
})
