// No figure shown three times on one page of the booklet (in the text, a table and a chart): the
// targets are in the text and in one table, or in one chart, never both. Both example reports'
// booklets printed by the real browser and read back page by page.
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import { allMetrics } from '../../src/data/metrics.js'
import { writeHandoutPdf } from '../../src/export/handout-pdf.js'
import { formatMetric } from '../../src/i18n/figures.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { loadEdition } from '../../src/merge/edition.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { pdftext, squeeze } from './handout-support.js'

function occurrences(text: string, needle: string): number {
  let n = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++
  return n
}

describe.each(['zhengzhou-2021', 'henan-2023'])('the booklet of %s', (report) => {
  test('shows no figure more than twice on one page', async () => {
    const ctx: BuildContext = {
      projectRoot,
      logger: createMemoryLogger(),
      session: await sharedSession(),
      cache: true,
    }
    const edition = await loadEdition(join(projectRoot, 'data', report), report, { projectRoot })
    edition.outDir = join(projectRoot, 'output', 'test', 'handout-repeats', report)
    const booklet = await writeHandoutPdf(edition, ctx, { kind: 'handout' })
    // figures as written that belong to one metric only ("10%" may be the figure of two targets)
    const owners = new Map<string, Set<string>>()
    for (const { metric } of allMetrics(edition.report)) {
      const figure = formatMetric(metric, 'zh-CN')
      owners.set(figure, new Set([...(owners.get(figure) ?? []), metric.id]))
    }
    const figures = [...owners].filter(([f, ids]) => ids.size === 1 && f.length >= 3).map(([f]) => f)
    const counts: string[] = []
    let twice = 0
    for (let page = 1; page <= booklet.pages; page++) {
      const text = squeeze(pdftext(booklet.path, { first: page, last: page }))
      for (const figure of figures) {
        const n = occurrences(text, figure)
        if (n === 2) twice++
        if (n > 2) counts.push(`p${page}: ${figure} ×${n}`)
      }
    }
    expect(twice, 'the targets stand in the text and in their table').toBeGreaterThan(0)
    expect(counts).toEqual([])
  })
})
