// The example report's data says exactly what the published report says: every sentence verbatim
// and in order, and every number either a metric (located in its sentence) or explained.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Report } from '../../src/data/types.js'
import {
  bodyLines,
  checkLines,
  checkSentences,
  type Layout,
  dataLines as printedLines,
  readSource,
  splitSentences,
} from './body.js'
import { checkNumbers as checkPrintedNumbers, figureOf, tokenise } from './numbers.js'
import { reportSchemaErrors } from './report-schema.js'

/**
 * The newspaper's page: the body runs from the first heading to the last 住房保障 sentence (the page
 * footer starts with 打印此文); headings are "1打造科技创新中心"; keywords are "关键词：X" lines.
 */
const layout: Layout = {
  bodyStart: '2021年抓好八项重点工作',
  bodyEnd: '打印此文',
  cleanLine: (line) => line.replace(/^关键词：\s*/, ''),
  heading: (section) => `${section.number}${section.title}`,
  keywordTitles: 'line',
}

const dir = new URL('../../data/zhengzhou-2021/', import.meta.url)
const source = readSource(dir)
const seed = new URL('../../../shared/seed/zhengzhou-2021-government-work-report.txt', dir)
const report = parse(readFileSync(new URL('report.yaml', dir), 'utf8')) as Report

const body = bodyLines(source, layout)
const sentences = body.flatMap(splitSentences)
const copy = (): Report => structuredClone(report)
const dataLines = (r: Report) => printedLines(r, layout)
const checkNumbers = (r: Report) => checkPrintedNumbers(r, dataLines(r))

function keyword(r: Report, id: string) {
  const found = r.sections.flatMap((s) => s.keywords).find((k) => k.id === id)
  if (!found) throw new Error(`keyword ${id} not found`)
  return found
}

describe('source.txt', () => {
  // The seed lives outside the repository (beside it, where the report was first transcribed): where
  // it is absent there is nothing to compare against, and the test says so as skipped.
  it.skipIf(!existsSync(seed))(`is the seed, byte for byte (skipped where ${seed} is absent)`, () => {
    expect(source).toBe(readFileSync(seed, 'utf8'))
  })

  it('yields a body from the first heading to the last 住房保障 sentence, without the page chrome', () => {
    expect(body[0]).toBe('2021年抓好八项重点工作')
    expect(body.at(-1)).toBe(
      '落实城市主体责任，规范市场秩序，积极化解问题楼盘、安置房及过渡费等信访攻坚任务，促进房地产市场平稳健康发展。加强青年人才公寓建设，确保年底前完工3098套青年人才公寓建设。',
    )
    const text = body.join('\n')
    for (const chrome of ['来源', '发布时间', '打印此文', '主办单位', '关键词', ',', ':', ';', '(', ')']) {
      expect(text).not.toContain(chrome)
    }
    expect(sentences.length).toBeGreaterThan(200)
  })
})

describe('report.yaml text', () => {
  it('conforms to the Report schema', () => {
    expect(reportSchemaErrors(report)).toEqual([])
  })

  it('holds every sentence of the body verbatim, in order, and nothing else', () => {
    expect(checkSentences(sentences, dataLines(report))).toEqual([])
  })

  it('breaks paragraphs where the body breaks lines', () => {
    expect(checkLines(body, dataLines(report))).toEqual([])
  })

  it('has eight sections numbered 1 to 8 and ten livelihood projects', () => {
    expect(report.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(report.sections.map((s) => s.id)).toEqual([
      'innovation',
      'industry',
      'opening-up',
      'yellow-river',
      'urban',
      'rural',
      'ecology',
      'wellbeing',
    ])
    const livelihood = keyword(report, 'livelihood-projects')
    expect(livelihood.paragraphs).toEqual([])
    expect(livelihood.projects?.map((p) => p.id)).toEqual([
      'employment',
      'housing',
      'parking',
      'schools',
      'health-screening',
      'roads',
      'fitness-culture',
      'e-government',
      'clinics',
      'greening',
    ])
  })

  it('reports a sentence that was removed from the data', () => {
    const mutated = copy()
    const hub = keyword(mutated, 'transport-hub')
    hub.paragraphs[0] = (hub.paragraphs[0] ?? '').replace('高标准建好中欧班列集结中心。', '')
    const problems = checkSentences(sentences, dataLines(mutated))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('missing')
    expect(problems[0]).toContain('高标准建好中欧班列集结中心。')
  })

  it('reports sentences swapped out of order and words added to the data', () => {
    const swapped = copy()
    const first = swapped.intro.paragraphs[0] ?? ''
    swapped.intro.paragraphs[0] = swapped.intro.paragraphs[1] ?? ''
    swapped.intro.paragraphs[1] = first
    expect(checkSentences(sentences, dataLines(swapped)).join('\n')).toContain('out of order')

    const added = copy()
    added.targets.paragraphs.push('另增一句。')
    expect(checkSentences(sentences, dataLines(added))).toEqual([
      'extra text in the data at targets.paragraphs[1]: "另增一句。"',
    ])
  })
})

describe('report.yaml numbers', () => {
  const check = checkNumbers(report)

  it('states every figure in its sentence and every sentence in its paragraph', () => {
    expect(check.metricProblems).toEqual([])
  })

  it('accounts for every number of the body by a metric or a nonMetricNumbers entry', () => {
    expect(check.uncovered).toEqual([])
    expect(check.doubled).toEqual([])
    expect(check.staleEntries).toEqual([])
  })

  it('finds the same numbers in the data as in the body', () => {
    const inBody = body.flatMap((line) => tokenise(line).map((t) => t.text))
    const inData = dataLines(report).flatMap((line) => tokenise(line.text).map((t) => t.text))
    expect(inData).toEqual(inBody)
    // checkNumbers leaves out the section numbers of the headings ("1打造科技创新中心"): structure, not text
    expect(check.tokens).toBe(inBody.length - report.sections.length)
  })

  it('has at least 100 metrics with unique ids', () => {
    const ids = [
      ...(report.intro.metrics ?? []),
      ...(report.targets.metrics ?? []),
      ...report.sections.flatMap((s) =>
        s.keywords.flatMap((k) => [
          ...(k.metrics ?? []),
          ...(k.projects ?? []).flatMap((p) => p.metrics ?? []),
        ]),
      ),
    ].map((m) => m.id)
    expect(ids.length).toBeGreaterThanOrEqual(100)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('highlights only metrics of the same section or block', () => {
    expect(report.targets.highlights).toEqual(report.targets.metrics?.map((m) => m.id))
    for (const section of report.sections) {
      const own = new Set(
        section.keywords.flatMap((k) => [
          ...(k.metrics ?? []),
          ...(k.projects ?? []).flatMap((p) => p.metrics ?? []),
        ]),
      )
      const ids = new Set([...own].map((m) => m.id))
      for (const id of section.highlights ?? []) expect(ids, `${section.id} highlights ${id}`).toContain(id)
    }
  })

  it('writes figures the way the report does', () => {
    const targets = report.targets.metrics ?? []
    expect(targets.map(figureOf)).toEqual(['7.5%以上', '5%', '6%', '9%'])
    const all = report.sections.flatMap((s) => s.keywords.flatMap((k) => k.metrics ?? []))
    const byId = new Map(all.map((m) => [m.id, figureOf(m)]))
    expect(byId.get('technology-contract-value')).toBe('240亿元以上')
    expect(byId.get('rural-tourism-routes')).toBe('3至5个')
    expect(byId.get('high-quality-projects-per-zone')).toBe('不少于2个')
    expect(byId.get('road-repair-area')).toBe('63.8万平方米')
  })

  it('reports the number of a metric that was removed', () => {
    const mutated = copy()
    const research = keyword(mutated, 'industry-academia-research')
    research.metrics = research.metrics?.filter((m) => m.id !== 'technology-contract-value')
    const { uncovered, metricProblems } = checkNumbers(mutated)
    expect(metricProblems).toEqual([])
    expect(uncovered).toHaveLength(1)
    expect(uncovered[0]).toContain('"240"')
    expect(uncovered[0]).toContain('[240]亿元以上')
  })

  it('reports a metric whose value no longer matches its sentence', () => {
    const mutated = copy()
    const gdp = mutated.targets.metrics?.[0]
    if (!gdp) throw new Error('no targets metric')
    gdp.value = 7.6
    const { uncovered, metricProblems } = checkNumbers(mutated)
    expect(metricProblems).toEqual([
      'metric gdp-growth (targets): figure "7.6%以上" is not in its sentence "地区生产总值增长7.5%以上"',
    ])
    expect(uncovered.join('\n')).toContain('"7.5%"')
  })

  it('reports a sentence that is not in its paragraph and a stale non-metric entry', () => {
    const mutated = copy()
    const gdp = mutated.targets.metrics?.[0]
    if (!gdp) throw new Error('no targets metric')
    gdp.sentence = '地区生产总值 增长7.5%以上'
    mutated.nonMetricNumbers?.push({ text: '第六届', reason: 'ordinal' })
    const { metricProblems, staleEntries } = checkNumbers(mutated)
    expect(metricProblems).toEqual([
      'metric gdp-growth (targets): sentence "地区生产总值 增长7.5%以上" is not in its paragraphs',
    ])
    expect(staleEntries).toEqual(['nonMetricNumbers "第六届" does not occur in the text'])
  })
})

describe('number tokens', () => {
  it('are Arabic numbers with decimals, ranges and %, and Chinese numerals in ordinals, phases, durations and quotes', () => {
    const text = (s: string) => tokenise(s).map((t) => t.text)
    expect(text('增长7.5%以上，3至5个，0~14岁')).toEqual(['7.5%', '3至5', '0~14'])
    expect(text('第十二届运动会，三期建设，国企改革三年行动，“十万码农”')).toEqual([
      '十二',
      '三',
      '三',
      '十万',
    ])
    expect(text('八项重点工作，三个开发区，二七广场')).toEqual([])
  })
})
