// The data model for every level: region + level (national … development zone), `city` still valid,
// the scales 千 万 亿 万亿, and a metric cited again by { ref, sentence }.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadReport } from '../../src/data/load.js'
import { allMetrics } from '../../src/data/metrics.js'
import { resolveMetricRefs } from '../../src/data/refs.js'
import type { Metric } from '../../src/data/types.js'
import type { ReportError } from '../../src/errors.js'
import { formatMetric } from '../../src/i18n/figures.js'
import { regionOf } from '../../src/i18n/report-vars.js'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

/** A national report; `meta` and `extra` replace parts of it. */
function report(meta: string, keywordExtra = ''): string {
  return `id: national-2022
locale: zh-CN
meta:
  title: 政府工作报告
${meta}
  year: 2022
  meeting: 第十三届全国人民代表大会第五次会议
  delivered: '2022-03-05'
  speaker: 某某
  role: 国务院总理
  source: 新华社
  published: '2022-03-05T09:00:00+08:00'
intro:
  title: 政府工作报告
  paragraphs:
    - 各位代表：
targets:
  title: 主要预期目标
  paragraphs:
    - 粮食产量保持在1.3万亿斤以上。
  metrics:
    - id: grain-output
      label: 粮食产量
      value: 1.3
      scale: 万亿
      unit: 斤
      comparator: at-least
      kind: level
      sentence: 粮食产量保持在1.3万亿斤以上
sections:
  - id: agriculture
    number: 1
    title: 保障粮食安全
    lead: 稳定粮食生产。
    keywords:
      - id: grain
        title: 粮食
        paragraphs:
          - 确保粮食产量在1.3万亿斤以上，新建高标准农田1亿亩。
${keywordExtra}`
}

async function load(yaml: string) {
  const dir = await mkdtemp(join(tmpdir(), 'huibao-levels-'))
  dirs.push(dir)
  await writeFile(join(dir, 'report.yaml'), yaml)
  return loadReport(dir)
}

async function problems(yaml: string): Promise<string[]> {
  try {
    await load(yaml)
  } catch (error) {
    return (error as ReportError).problems.map((p) => `${p.location?.line}:${p.path} ${p.message}`)
  }
  throw new Error('expected the report to be refused')
}

const national = '  region: 全国\n  level: national\n  issuer: 国务院'

describe('a report at any level', () => {
  it('accepts a national report with a 万亿 figure, and writes it 1.3万亿斤 / 1.3 trillion jin', async () => {
    const { report: r } = await load(report(national))
    expect(regionOf(r.meta)).toEqual({ region: '全国', level: 'national', issuer: '国务院' })
    const grain = allMetrics(r)[0]?.metric as Metric
    expect(formatMetric(grain, 'zh-CN')).toBe('1.3万亿斤以上')
    expect(formatMetric(grain, 'en')).toBe('1.3 trillion jin or more')
    expect(formatMetric({ ...grain, scale: '千', value: 5, unit: '个', comparator: 'exact' }, 'en')).toBe(
      '5,000',
    )
  })

  it('still accepts the older meta.city, read as region at level city', async () => {
    const { report: r } = await load(report('  city: 郑州市'))
    expect(regionOf(r.meta)).toEqual({ region: '郑州市', level: 'city' })
  })

  it('says exactly what to change when region, level and city disagree', async () => {
    expect(await problems(report('  issuer: 国务院'))).toEqual([
      '4:meta missing required field "region": the place the report governs (全国, 某某省, 某某市), with "level" (national | province | city | county | district | development-zone)',
    ])
    expect(await problems(report('  region: 全国'))).toEqual([
      '5:meta.region missing "level" beside "region": one of national | province | city | county | district | development-zone',
    ])
    expect(await problems(report(`${national}\n  city: 全国`))).toEqual([
      '8:meta.city "city" is the older spelling of "region": keep only region: "全国" (and level)',
    ])
    expect(await problems(report('  city: 河南省\n  level: province'))).toEqual([
      '5:meta.city "city" means a city\'s report, but level is "province": write region: "河南省" instead of city',
    ])
    expect((await problems(report('  region: 全国\n  level: provnice'))).join('\n')).toMatch(
      /6:meta\.level expected one of .*"national".* found the string "provnice" \(did you mean "province"\?\)/,
    )
  })
})

describe('a metric cited again by reference', () => {
  const cite = (sentence: string, ref = 'grain-output') =>
    `        metrics:\n          - ref: ${ref}\n            sentence: ${sentence}\n`

  it('is checked against its own sentence and resolved to the metric with that sentence', async () => {
    const { report: r } = await load(report(national, cite('确保粮食产量在1.3万亿斤以上')))
    expect(allMetrics(r).map((e) => e.metric.id)).toEqual(['grain-output'])
    const resolved = resolveMetricRefs(r)
    const cited = resolved.sections[0]?.keywords[0]?.metrics?.[0]
    expect(cited).toMatchObject({
      id: 'grain-output',
      value: 1.3,
      scale: '万亿',
      sentence: '确保粮食产量在1.3万亿斤以上',
    })
    expect(r.sections[0]?.keywords[0]?.metrics?.[0]).toEqual({
      ref: 'grain-output',
      sentence: '确保粮食产量在1.3万亿斤以上',
    })
  })

  it('reports a sentence without the figure, a sentence from elsewhere and an unknown id, each at its line', async () => {
    expect(await problems(report(national, cite('新建高标准农田1亿亩')))).toEqual([
      '44:sections[0].keywords[0].metrics[0].sentence the figure "1.3万亿斤以上" of metric "grain-output" does not appear in this sentence "新建高标准农田1亿亩"',
    ])
    expect(await problems(report(national, cite('粮食产量保持在1.3万亿斤以上')))).toEqual([
      '44:sections[0].keywords[0].metrics[0].sentence the sentence is not part of the paragraphs of keyword "粮食": copy it verbatim from there',
    ])
    expect(await problems(report(national, cite('确保粮食产量在1.3万亿斤以上', 'grain-outptu')))).toEqual([
      '43:sections[0].keywords[0].metrics[0].ref dangling reference: no metric has the id "grain-outptu" (did you mean "grain-output"?); define the metric once, then cite it with ref',
    ])
  })
})
