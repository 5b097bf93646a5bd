// Which deck themes exist: a project or report without a themes/ folder has none of its own, but a
// themes/ that cannot be listed (here: a file where the folder must be) is an error naming the path,
// not a theme that silently disappears from the list.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReportError } from '../../src/errors.js'
import { availableThemes } from '../../src/themes/find.js'
import { projectRoot } from '../support/browser.js'

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'huibao-deck-themes-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('availableThemes', () => {
  it("lists the project's themes with a deck.css, and a report's own, when the report has themes/", async () => {
    const report = join(scratch, 'report')
    await mkdir(join(report, 'themes', 'mine'), { recursive: true })
    await cp(join(projectRoot, 'themes', 'plain', 'deck.css'), join(report, 'themes', 'mine', 'deck.css'))
    await mkdir(join(report, 'themes', 'no-deck-css'), { recursive: true })
    expect(await availableThemes(projectRoot, report)).toEqual(['formal', 'mine', 'plain'])
    expect(await availableThemes(projectRoot, join(scratch, 'report-without-themes'))).toEqual([
      'formal',
      'plain',
    ])
  })

  it('fails naming the path when themes is a file', async () => {
    const report = join(scratch, 'themes-file')
    await mkdir(report, { recursive: true })
    await writeFile(join(report, 'themes'), '')
    const run = availableThemes(projectRoot, report)
    await expect(run).rejects.toThrow(ReportError)
    await expect(run).rejects.toThrow(`cannot list the themes in ${join(report, 'themes')}`)
    await expect(run).rejects.toThrow(/ENOTDIR/)
  })
})
