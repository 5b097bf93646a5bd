// A district's edition of the city's report: its cover and its PDFs' metadata name the city
// government (meta.issuer) as the issuer and say it is the district's edition; the district
// government (presentation.office) never appears as the issuer.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../src/log/logger.js'
import { build } from '../../src/pipeline.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { pdfinfo, pdftext } from './handout-support.js'

describe("a district's edition", async () => {
  const session = await sharedSession()
  let outDir: string
  let dir: string
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'huibao-issuer-'))
    const result = await build({
      report: join(projectRoot, 'data', 'zhengzhou-2021'),
      projectRoot,
      editions: ['xinzheng'],
      formats: ['deck-pdf', 'handout-pdf'],
      outDir,
      logger: createMemoryLogger(),
      session,
    })
    expect(result.editions.map((e) => e.error?.message)).toEqual([undefined])
    dir = join(outDir, 'zhengzhou-2021', 'xinzheng')
  }, 240_000)
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  it.each(['deck.pdf', 'handout.pdf'])(
    '%s: the cover names the city government as issuer and says 新郑市版',
    (file) => {
      const cover = pdftext(join(dir, file), { first: 1, last: 1 }).replace(/\s+/g, '')
      expect(cover).toContain('郑州市人民政府')
      expect(cover).toContain('新郑市版')
      expect(cover).not.toContain('新郑市人民政府')
    },
  )

  it.each(['deck.pdf', 'handout.pdf'])('%s: Author is the issuer, Subject says whose edition', (file) => {
    const info = pdfinfo(join(dir, file))
    expect(info.Author).toBe('郑州市人民政府')
    expect(info.Subject).toMatch(/^郑州市第十五届人民代表大会第四次会议 .*新郑市版$/)
  })
})
