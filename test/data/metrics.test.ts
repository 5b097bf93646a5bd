import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadReport } from '../../src/data/load.js'
import { allMetrics, indexMetrics } from '../../src/data/metrics.js'

const valid = path.resolve(import.meta.dirname, '../fixtures/validate/valid')

describe('metric index', () => {
  it('lists every metric in document order with its data path', async () => {
    const { report } = await loadReport(valid)
    const entries = allMetrics(report)
    expect(entries.map((e) => e.metric.id)).toEqual([
      'gdp-growth',
      'revenue-growth',
      'new-labs',
      'new-institutes',
      'platform-investment',
    ])
    expect(entries[0]?.path).toEqual(['targets', 'metrics', 0])
    expect(entries[2]?.path).toEqual(['sections', 0, 'keywords', 0, 'metrics', 0])
  })

  it('indexes metrics by id with the block, section and keyword that hold them', async () => {
    const { report } = await loadReport(valid)
    const index = indexMetrics(report)
    expect(index.size).toBe(5)
    expect(index.get('gdp-growth')?.block).toBe('targets')
    expect(index.get('gdp-growth')?.section).toBeUndefined()
    const labs = index.get('new-labs')
    expect(labs?.section?.id).toBe('innovation')
    expect(labs?.keyword?.id).toBe('zhongyuan-science-city')
    expect(labs?.block).toBeUndefined()
  })

  it('includes project metrics with their project', async () => {
    const { report } = await loadReport(valid)
    const keyword = report.sections[0]?.keywords[0]
    if (!keyword) throw new Error('fixture has no keyword')
    keyword.projects = [
      {
        id: 'jobs',
        title: '就业',
        text: '新增城镇就业10万人。',
        metrics: [
          {
            id: 'new-jobs',
            label: '新增城镇就业',
            value: 10,
            scale: '万',
            unit: '人',
            comparator: 'exact',
            kind: 'count',
            sentence: '新增城镇就业10万人',
          },
        ],
      },
    ]
    const entries = allMetrics(report)
    expect(entries.at(-1)?.metric.id).toBe('new-jobs')
    expect(entries.at(-1)?.project?.id).toBe('jobs')
    expect(entries.at(-1)?.path).toEqual(['sections', 0, 'keywords', 0, 'projects', 0, 'metrics', 0])
  })
})
