// `huibao init` and `huibao new-edition` write a report and an edition that validate and build every
// output as written: one build of both, on the suite's browser.

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initCommand, newEditionCommand } from '../../src/commands/init.js'
import { validateReportPath } from '../../src/commands/validate.js'
import { UsageError } from '../../src/errors.js'
import { OUTPUT_KINDS } from '../../src/export/outputs.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { type BuildResult, build } from '../../src/pipeline.js'
import { pdfinfo } from '../export/handout-support.js'
import { projectRoot, sharedSession } from '../support/browser.js'

describe('a report written by huibao init, with an edition by huibao new-edition', async () => {
  const session = await sharedSession()
  let root: string
  let result: BuildResult
  const logger = createMemoryLogger()
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'huibao-init-'))
    await initCommand('demo-2030', { logger, projectRoot: root, year: 2030 })
    await newEditionCommand(join(root, 'data', 'demo-2030'), 'north', {
      logger,
      projectRoot: root,
      name: '北区',
    })
    result = await build({
      report: join(root, 'data', 'demo-2030'),
      projectRoot,
      all: true,
      formats: [...OUTPUT_KINDS],
      outDir: join(root, 'output'),
      logger,
      session,
    })
  }, 600_000)
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('validates, edition included, with the schema line and a source.txt for the published text', async () => {
    const { summary } = await validateReportPath(join(root, 'data', 'demo-2030'), { logger })
    expect(summary).toBe('2 sections, 2 keywords, 4 metrics, 1 of 1 edition')
    const yaml = await readFile(join(root, 'data', 'demo-2030', 'report.yaml'), 'utf8')
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/report.schema.json')
    expect(await readFile(join(root, 'data', 'demo-2030', 'source.txt'), 'utf8')).toMatch(
      /^# Paste the published text/,
    )
  })

  it('builds every output of the report and of the edition', () => {
    expect(result.editions.map((e) => [e.id, e.error?.message])).toEqual([
      ['demo-2030', undefined],
      ['north', undefined],
    ])
    for (const e of result.editions) expect(e.files.map((f) => f.kind)).toEqual([...OUTPUT_KINDS])
    const deck = pdfinfo(join(root, 'output', 'demo-2030', 'north', 'deck.pdf'))
    expect(Number(deck.Pages)).toBeGreaterThan(5)
    expect(deck.Author).toBe('示例市人民政府')
    expect(deck.Subject).toContain('北区版')
  })

  it('refuses to overwrite a report or an edition that exists, and a bad id (usage, exit 2)', async () => {
    await expect(initCommand('demo-2030', { logger, projectRoot: root })).rejects.toBeInstanceOf(UsageError)
    await expect(
      newEditionCommand(join(root, 'data', 'demo-2030'), 'north', { logger, projectRoot: root }),
    ).rejects.toBeInstanceOf(UsageError)
    await expect(initCommand('Demo 2030', { logger, projectRoot: root })).rejects.toBeInstanceOf(UsageError)
  })
})
