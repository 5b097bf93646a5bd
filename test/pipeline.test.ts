import { execFileSync, spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../src/log/logger.js'
import { build } from '../src/pipeline.js'
import { projectRoot, sharedSession } from './support/browser.js'

/** A copy of the example report to change, outside the project (as a user's own data would be). */
async function copyExample(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huibao-pipeline-'))
  await cp(join(projectRoot, 'data', 'zhengzhou-2021'), join(dir, 'zhengzhou-2021'), { recursive: true })
  return join(dir, 'zhengzhou-2021')
}

/** Text of a PDF as one string without white space (pdftotext breaks lines anywhere). */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

/** Visible text of deck.html: tags and white space removed. */
async function deckText(file: string): Promise<string> {
  const html = await readFile(file, 'utf8')
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, '')
}

describe('build', async () => {
  const session = await sharedSession()
  const temp: string[] = []
  afterAll(async () => {
    for (const dir of temp) await rm(dir, { recursive: true, force: true })
  })

  describe('a correction in the city’s data', () => {
    let reportDir: string
    let outDir: string
    beforeAll(async () => {
      reportDir = await copyExample()
      outDir = join(reportDir, '..', 'out')
      temp.push(join(reportDir, '..'))
      // The city corrects a figure: 新增高新技术企业 1000家 becomes 1234家, in the text and the metric.
      const file = join(reportDir, 'report.yaml')
      const yaml = await readFile(file, 'utf8')
      const corrected = yaml
        .replaceAll('高新技术企业1000家', '高新技术企业1234家')
        .replace(/(id: new-high-tech-enterprises\n(?:.*\n)*?\s+value: )1000/, '$11234')
      expect(corrected).not.toBe(yaml)
      await writeFile(file, corrected)
    })

    it('reaches the deck and the handout of every edition on the next build', async () => {
      const result = await build({
        report: reportDir,
        projectRoot,
        editions: ['xinzheng', 'hkg'],
        formats: ['deck-html', 'handout-pdf'],
        outDir,
        logger: createMemoryLogger(),
        session,
      })
      expect(result.editions.map((e) => e.error?.message)).toEqual([undefined, undefined])
      for (const id of ['xinzheng', 'hkg']) {
        const dir = join(outDir, 'zhengzhou-2021', id)
        const handout = pdfText(join(dir, 'handout.pdf'))
        expect(handout).toContain('高新技术企业1234家')
        expect(handout).not.toContain('高新技术企业1000家')
        const deck = await deckText(join(dir, 'deck.html'))
        expect(deck).toContain('1234')
        expect(deck).not.toMatch(/(?<!\d)1000家新增高新技术企业/)
      }
    })
  })

  it('reports a failed edition and still builds the others', async () => {
    const reportDir = await copyExample()
    temp.push(join(reportDir, '..'))
    await writeFile(
      join(reportDir, 'editions', 'broken.yaml'),
      'base: zhengzhou-2021\nsections:\n  - id: no-such-section\n    title: 错\n',
    )
    const result = await build({
      report: reportDir,
      projectRoot,
      editions: ['broken', 'xinmi'],
      formats: ['deck-html'],
      outDir: join(reportDir, '..', 'out'),
      logger: createMemoryLogger(),
      session,
    })
    const [broken, xinmi] = result.editions
    expect(broken?.error?.problems.map((p) => p.message).join('\n')).toContain('no-such-section')
    expect(
      broken?.error?.problems.some((p) => p.location?.file.endsWith('broken.yaml') && p.location.line === 3),
    ).toBe(true)
    expect(xinmi?.error).toBeUndefined()
    expect(xinmi?.files.map((f) => f.kind)).toEqual(['deck-html'])
  })

  it('adds the outputs a requested output needs, and runs them first', async () => {
    const { planOutputs } = await import('../src/export/outputs.js')
    expect(planOutputs(['slides-handout-pdf']).map((o) => o.kind)).toEqual(['deck-pdf', 'slides-handout-pdf'])
    expect(planOutputs(['deck-pptx']).map((o) => o.kind)).toEqual(['deck-pptx'])
  })

  it('builds slide pictures only when asked for', async () => {
    const { planOutputs } = await import('../src/export/outputs.js')
    expect(planOutputs(undefined).map((o) => o.kind)).not.toContain('slides-png')
    expect(planOutputs(undefined)).toHaveLength(7)
    expect(planOutputs(['slides-png']).map((o) => o.kind)).toEqual(['slides-png'])
  })
})

describe('huibao build on the command line', () => {
  it('rejects an unknown format with the list of formats and exit status 2', () => {
    const run = spawnSync(
      process.execPath,
      ['src/bin/huibao.js', 'build', '--formats', 'deck-pdf,slides-gif'],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    )
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('"slides-gif"')
    expect(run.stderr).toContain('deck-html, deck-pdf')
  })

  it('rejects an unknown --theme with the list of themes and exit status 2, before starting anything', () => {
    const run = spawnSync(process.execPath, ['src/bin/huibao.js', 'build', '--theme', 'gala'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('unknown theme "gala" in --theme')
    expect(run.stderr).toContain('formal, plain')
  })

  it('exits 1 naming the edition when one fails, after building the rest and the index page', async () => {
    const reportDir = await copyExample()
    const out = join(reportDir, '..', 'out')
    try {
      await writeFile(join(reportDir, 'editions', 'broken.yaml'), 'base: zhengzhou-2021\nlocale: fr\n')
      const run = spawnSync(
        process.execPath,
        [
          'src/bin/huibao.js',
          'build',
          reportDir,
          '-e',
          'broken',
          '-e',
          'gongyi',
          '-f',
          'deck-html',
          '-o',
          out,
        ],
        { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 },
      )
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('1 of 2 editions failed')
      expect(run.stderr).toContain('built 1 of 2 editions; 1 failed')
      expect(run.stderr).toContain('broken.yaml:2')
      expect(run.stderr).not.toMatch(/\n\s+at /)
      const index = await readFile(join(out, 'index.html'), 'utf8')
      expect(index).toContain('zhengzhou-2021/gongyi/deck.html')
      expect(index).toContain('巩义市')
    } finally {
      await rm(join(reportDir, '..'), { recursive: true, force: true })
    }
  })
})
