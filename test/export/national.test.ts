// A national report (region 全国, level national) with a 万亿 figure cited twice builds: its words
// fit the level ("2022年两项重点工作", never "全国2022年…"), and the figure reads 1.3万亿斤.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../src/log/logger.js'
import { build } from '../../src/pipeline.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { pdfinfo, pdftext, squeeze } from './handout-support.js'

describe('a national report with a 万亿 figure', async () => {
  const session = await sharedSession()
  let outDir: string
  let dir: string
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'huibao-national-'))
    const result = await build({
      report: join(projectRoot, 'test', 'fixtures', 'levels', 'national-2022'),
      projectRoot,
      formats: ['deck-pdf', 'handout-pdf'],
      outDir,
      logger: createMemoryLogger(),
      session,
    })
    expect(result.editions.map((e) => e.error?.message)).toEqual([undefined])
    dir = join(outDir, 'national-2022', 'national-2022')
  }, 300_000)
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  it('shows the figure as written, twice where the report states it twice', () => {
    const deck = squeeze(pdftext(join(dir, 'deck.pdf')))
    const handout = squeeze(pdftext(join(dir, 'handout.pdf')))
    expect(deck).toContain('1.3万亿斤')
    expect(handout.match(/1\.3万亿斤/g)?.length).toBeGreaterThanOrEqual(2)
  })

  it('words headings and sources for any level: no "全国2022年"', () => {
    const deck = squeeze(pdftext(join(dir, 'deck.pdf')))
    expect(deck).not.toContain('全国2022年')
    expect(deck).toContain('资料来源：2022年政府工作报告')
    expect(pdfinfo(join(dir, 'deck.pdf')).Author).toBe('国务院')
  })
})
