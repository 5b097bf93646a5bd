// District editions keep the city's key tasks 一 to 八 in the report's order unless the overlay says
// otherwise (order: naming a task); its own sections are unnumbered. Every edition of both reports.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadEdition } from '../../src/merge/index.js'
import { projectRoot } from '../support/browser.js'

describe("the city's key tasks in a district's edition", async () => {
  const cases: { report: string; id: string; moves: string[] }[] = []
  for (const report of ['zhengzhou-2021', 'henan-2023']) {
    const dir = join(projectRoot, 'data', report, 'editions')
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml'))) {
      const overlay = parse(await readFile(join(dir, file), 'utf8')) as { order?: { sections?: string[] } }
      cases.push({ report, id: file.replace(/\.yaml$/, ''), moves: overlay.order?.sections ?? [] })
    }
  }

  it.each(cases)(
    '$report/$id: keeps the tasks in the report’s order but for those its order: names',
    async (c) => {
      const edition = await loadEdition(join(projectRoot, 'data', c.report), c.id, { projectRoot })
      const tasks = edition.report.sections.filter((s) => !s.local)
      for (const s of edition.report.sections.filter((x) => x.local)) expect(s.number).toBeUndefined()
      const unmoved = tasks.filter((s) => !c.moves.includes(s.id)).map((s) => s.number ?? 0)
      expect(unmoved).toEqual([...unmoved].sort((a, b) => a - b))
      // the tasks an overlay does not move come after the ones it does, and no task is lost
      expect(tasks.map((s) => s.id).slice(0, tasks.length - unmoved.length)).toEqual(
        c.moves.filter((id) => tasks.some((s) => s.id === id)),
      )
    },
  )
})
