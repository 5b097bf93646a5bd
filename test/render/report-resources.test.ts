// A report's own templates/, locales/ and themes/ come before the project's and huibao's, by name;
// `huibao doctor <report>` (and build --debug) list which file serves each.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEdition } from '../../src/merge/edition.js'
import { loadTemplateSet } from '../../src/render/handlebars.js'
import { resourceLines } from '../../src/resource-list.js'
import { resolveResource } from '../../src/resources.js'
import { themeDir } from '../../src/themes/find.js'
import { projectRoot } from '../support/browser.js'

describe("a report's own resources", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'huibao-resources-'))
    await cp(
      join(projectRoot, 'test', 'fixtures', 'validate', 'valid', 'report.yaml'),
      join(dir, 'report.yaml'),
    )
    await mkdir(join(dir, 'templates', 'deck', 'partials'), { recursive: true })
    await writeFile(join(dir, 'templates', 'deck', 'partials', 'closing.hbs'), '{{slide "closing"}}\n# 完\n')
    await mkdir(join(dir, 'locales'))
    await writeFile(join(dir, 'locales', 'zh-CN.yaml'), 'deck:\n  thanks: 再见\n')
    await cp(join(projectRoot, 'themes', 'plain'), join(dir, 'themes', 'mine'), { recursive: true })
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('override a partial by name and keep the others', async () => {
    const set = await loadTemplateSet(join(projectRoot, 'templates', 'deck'), 'deck.md.hbs', dir)
    expect(set.partials.get('closing')?.file).toBe(join(dir, 'templates', 'deck', 'partials', 'closing.hbs'))
    expect(set.partials.get('title')?.file).toBe(
      join(projectRoot, 'templates', 'deck', 'partials', 'title.hbs'),
    )
  })

  it('override single locale strings', async () => {
    const edition = await loadEdition(dir, 'mini-2021', { projectRoot })
    expect(edition.strings['deck.thanks']).toBe('再见')
    expect(edition.strings['common.contents']).toBe('目录')
  })

  it('find a theme in the report first, then the shared one', async () => {
    expect(themeDir('mine', dir, projectRoot)).toBe(join(dir, 'themes', 'mine'))
    expect(themeDir('formal', dir, projectRoot)).toBe(join(projectRoot, 'themes', 'formal'))
    expect(await resolveResource('theme', 'mine', dir, projectRoot)).toEqual({
      path: join(dir, 'themes', 'mine'),
      origin: 'report',
    })
  })

  it('are listed with the file that serves each and where it comes from', async () => {
    const lines = (await resourceLines(dir, projectRoot)).map((l) => l.replace(/\s+/g, ' ').trim())
    expect(lines).toContain(
      `deck/partials/closing.hbs ${join(dir, 'templates/deck/partials/closing.hbs')} (report)`,
    )
    expect(lines).toContain('deck/partials/title.hbs templates/deck/partials/title.hbs (built-in)')
    expect(lines).toContain(`zh-CN (overrides) ${join(dir, 'locales/zh-CN.yaml')} (report)`)
  })
})
