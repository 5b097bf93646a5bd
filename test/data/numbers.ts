// Numbers in the report's text, and the proof that each one is accounted for: either a metric
// states it (its figure found inside its sentence, its sentence inside its paragraph) or a
// nonMetricNumbers entry says why it is not a metric. Pure functions over the parsed data and its
// printed lines (dataLines with the report's layout).
import type { Metric, Report } from '../../src/data/types.js'
import type { DataLine } from './body.js'

/** A figure cited again in another sentence: `{ ref: <metric id>, sentence }` where metrics go. */
interface MetricRef {
  ref: string
  sentence: string
}
/** What a metrics list may hold: a metric, or a reference to one defined elsewhere. */
type MetricItem = Metric | MetricRef
const isRef = (item: MetricItem): item is MetricRef => 'ref' in item

export interface NumberToken {
  /** Index into the lines from dataLines(). */
  line: number
  start: number
  end: number
  text: string
}

/** Chinese numeral characters. 半 and 双 are not numerals here. */
const ZH = '〇零一二两三四五六七八九十百千万亿'
const ARABIC = /\d+(?:\.\d+)?(?:[至~]\d+(?:\.\d+)?)?%?/g
const ZH_RUN = new RegExp(`[${ZH}]+`, 'g')

/**
 * Number tokens of one text. The rule:
 *  1. Arabic: every maximal run of ASCII digits with an optional decimal part, an optional range
 *     ("3至5", "0~14") and an optional trailing %: 7.5%, 63.8, 3至5, 2021, the 1 of K1.
 *  2. Chinese numerals (〇零一二两三四五六七八九十百千万亿), as maximal runs, only where they name a
 *     number: after 第 (ordinals: 第五届, 第四跑道, 第一方阵), before 期 (phases: 二期) or 年
 *     (durations: 三年), and anywhere inside “…” quotes (names: “十四五”, “十万码农”, “四上企业”).
 *     Other Chinese numerals (八项重点工作, 三个开发区, 二七广场, 一批) are ordinary words.
 */
export function tokenise(text: string, line = 0): NumberToken[] {
  const tokens: NumberToken[] = []
  for (const m of text.matchAll(ARABIC)) {
    tokens.push({ line, start: m.index, end: m.index + m[0].length, text: m[0] })
  }
  const quoted: [number, number][] = []
  for (const m of text.matchAll(/“[^“”]*”/g)) quoted.push([m.index, m.index + m[0].length])
  for (const m of text.matchAll(ZH_RUN)) {
    const start = m.index
    const end = start + m[0].length
    const before = text[start - 1]
    const after = text[end]
    const inQuotes = quoted.some(([a, b]) => a < start && end < b)
    if (before === '第' || after === '期' || after === '年' || inQuotes) {
      tokens.push({ line, start, end, text: m[0] })
    }
  }
  return tokens.sort((a, b) => a.start - b.start)
}

/** The figure exactly as the Chinese text writes it: "7.5%以上", "240亿元以上", "3至5个", "不少于2个". */
export function figureOf(m: Metric): string {
  const prefix = m.comparator === 'not-less-than' ? '不少于' : ''
  const range = m.comparator === 'range' ? `至${m.upper}` : ''
  const suffix = { 'at-least': '以上', about: '左右', within: '以内' }[m.comparator as string] ?? ''
  return `${prefix}${m.value}${range}${m.scale ?? ''}${m.unit}${suffix}`
}

/** All places where `needle` occurs in `text` without cutting a number in two (10 inside 110). */
export function occurrences(text: string, needle: string): number[] {
  const out: number[] = []
  if (needle === '') return out
  const digit = /[\d.]/
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const cutsBefore = digit.test(needle[0] ?? '') && digit.test(text[at - 1] ?? '')
    const cutsAfter = /\d/.test(needle.at(-1) ?? '') && /[\d.%]/.test(text[at + needle.length] ?? '')
    if (!cutsBefore && !cutsAfter) out.push(at)
  }
  return out
}

interface PlacedMetric {
  metric: Metric
  /** The lines (indices into dataLines) whose text the metric's sentence must come from. */
  lines: number[]
  where: string
  /** For a re-citation ({ ref, sentence }): the id it refers to; metric is then the one it names. */
  ref?: string
}

/**
 * Every metric (and every re-citation of one, by ref) with the lines it belongs to: its block's
 * paragraphs, keyword's paragraphs, or project text. A re-citation carries the metric it names with
 * its own sentence, so the figure is checked there too; a ref to no metric is returned with
 * `metric` undefined-valued fields and reported by checkNumbers.
 */
export function placeMetrics(report: Report, lines: DataLine[]): PlacedMetric[] {
  const index = new Map(lines.map((line, i) => [line.path, i]))
  const pick = (prefix: string, count: number, suffix = ''): number[] =>
    Array.from({ length: count }, (_, i) => index.get(`${prefix}[${i}]${suffix}`) ?? -1)
  const items: { item: MetricItem; lines: number[]; where: string }[] = []
  const add = (list: readonly MetricItem[] | undefined, own: number[], where: string) => {
    for (const item of list ?? []) items.push({ item, lines: own, where })
  }
  for (const block of ['intro', 'targets'] as const) {
    add(report[block].metrics, pick(`${block}.paragraphs`, report[block].paragraphs.length), block)
  }
  report.sections.forEach((section, s) => {
    section.keywords.forEach((keyword, k) => {
      const at = `sections[${s}].keywords[${k}]`
      add(keyword.metrics, pick(`${at}.paragraphs`, keyword.paragraphs.length), at)
      keyword.projects?.forEach((project, p) => {
        add(project.metrics, [index.get(`${at}.projects[${p}].text`) ?? -1], `${at}.projects[${p}]`)
      })
    })
  })
  const defined = new Map<string, Metric>()
  for (const { item } of items) if (!isRef(item) && !defined.has(item.id)) defined.set(item.id, item)
  return items.map(({ item, lines: own, where }) => {
    if (!isRef(item)) return { metric: item, lines: own, where }
    const named = defined.get(item.ref)
    const metric = named
      ? { ...named, sentence: item.sentence }
      : ({ id: item.ref, sentence: item.sentence } as Metric)
    return { metric, lines: own, where, ref: item.ref }
  })
}

export interface NumberCheck {
  /** Problems with the metrics themselves: figure not in sentence, sentence not in paragraph, … */
  metricProblems: string[]
  /** Numbers in the text that nothing accounts for, with context. */
  uncovered: string[]
  /** Numbers counted twice (two metrics, or a metric and a non-metric entry). */
  doubled: string[]
  /** nonMetricNumbers entries that match no text or hold no number. */
  staleEntries: string[]
  tokens: number
}

/**
 * Several metrics may state one written figure only when the text gives it to each of them (各, 均:
 * "开工、续建、竣工项目各200个" is three targets of 200): same span, same sentence.
 */
function sharedFigure(spans: { start: number; end: number; sentence: string }[]): boolean {
  const [first] = spans
  return spans.every((s) => s.start === first?.start && s.end === first.end && s.sentence === first.sentence)
}

function context(text: string, start: number, end: number): string {
  return `${text.slice(Math.max(0, start - 12), start)}[${text.slice(start, end)}]${text.slice(end, end + 12)}`
}

/**
 * Accounts for every number token of the report's text (see tokenise). A metric covers the span of
 * its figure, located as: its sentence found exactly once in its own paragraphs (keyword, project
 * or block), its figure found exactly once in that sentence. A nonMetricNumbers entry covers every
 * occurrence of its text anywhere in the report's text. A token is covered when it lies wholly
 * inside a covered span. Covered twice is an error (a metric and an entry, or two metrics on
 * different spans); entries may overlap each other ("三年" inside “一年突破、两年看齐、三年领先”).
 */
export function checkNumbers(report: Report, lines: DataLine[]): NumberCheck {
  const result: NumberCheck = { metricProblems: [], uncovered: [], doubled: [], staleEntries: [], tokens: 0 }
  // A section heading line is number + title; the number is structure (Section.number), not text.
  const tokens = lines.flatMap((line, i) => {
    const skip = line.path.endsWith('.number+title') ? (/^\d+/.exec(line.text)?.[0].length ?? 0) : 0
    return tokenise(line.text, i).filter((t) => t.start >= skip)
  })
  result.tokens = tokens.length
  const metricSpans: { line: number; start: number; end: number; id: string; sentence: string }[] = []

  const seen = new Set<string>()
  for (const { metric, lines: own, where, ref } of placeMetrics(report, lines)) {
    const label = ref === undefined ? `metric ${metric.id} (${where})` : `ref ${ref} (${where})`
    if (ref !== undefined && metric.value === undefined) {
      result.metricProblems.push(`${label}: no metric has this id`)
      continue
    }
    if (ref === undefined && seen.has(metric.id)) result.metricProblems.push(`${label}: id is used twice`)
    seen.add(metric.id)
    if ((metric.comparator === 'range') !== (metric.upper !== undefined)) {
      result.metricProblems.push(`${label}: upper must be given exactly when comparator is range`)
    }
    const figure = figureOf(metric)
    const inSentence = occurrences(metric.sentence, figure)
    if (inSentence.length !== 1) {
      result.metricProblems.push(
        inSentence.length === 0
          ? `${label}: figure "${figure}" is not in its sentence "${metric.sentence}"`
          : `${label}: figure "${figure}" occurs ${inSentence.length} times in its sentence "${metric.sentence}"`,
      )
      continue
    }
    const places = own.flatMap((line) =>
      line < 0 ? [] : occurrences(lines[line]?.text ?? '', metric.sentence).map((at) => ({ line, at })),
    )
    if (places.length !== 1) {
      result.metricProblems.push(
        places.length === 0
          ? `${label}: sentence "${metric.sentence}" is not in its paragraphs`
          : `${label}: sentence "${metric.sentence}" occurs ${places.length} times in its paragraphs`,
      )
      continue
    }
    const [place] = places
    const [offset] = inSentence
    if (place === undefined || offset === undefined) continue
    const start = place.at + offset
    metricSpans.push({
      line: place.line,
      start,
      end: start + figure.length,
      id: metric.id,
      sentence: metric.sentence,
    })
  }

  const entrySpans: { line: number; start: number; end: number; text: string }[] = []
  for (const entry of report.nonMetricNumbers ?? []) {
    const spans = lines.flatMap((line, i) =>
      occurrences(line.text, entry.text).map((at) => ({ line: i, start: at, end: at + entry.text.length })),
    )
    const holdsNumber = spans.some((span) =>
      tokens.some((t) => t.line === span.line && span.start <= t.start && t.end <= span.end),
    )
    if (!holdsNumber) {
      result.staleEntries.push(
        spans.length === 0
          ? `nonMetricNumbers "${entry.text}" does not occur in the text`
          : `nonMetricNumbers "${entry.text}" holds no number`,
      )
    }
    for (const span of spans) entrySpans.push({ ...span, text: entry.text })
  }

  for (const token of tokens) {
    const inside = (s: { line: number; start: number; end: number }) =>
      s.line === token.line && s.start <= token.start && token.end <= s.end
    const byMetric = metricSpans.filter(inside)
    const byEntry = entrySpans.filter(inside)
    const line = lines[token.line]
    const where = `${line?.path}: ${context(line?.text ?? '', token.start, token.end)}`
    if (byMetric.length === 0 && byEntry.length === 0) result.uncovered.push(`"${token.text}" at ${where}`)
    else if (byEntry.length > 0 ? byMetric.length > 0 : !sharedFigure(byMetric)) {
      const who = [...byMetric.map((s) => `metric ${s.id}`), ...byEntry.map((s) => `entry "${s.text}"`)]
      result.doubled.push(`"${token.text}" at ${where} is counted by ${who.join(' and ')}`)
    }
  }
  return result
}
