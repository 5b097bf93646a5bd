// Number coverage: every number in the report's text is either a metric (its figure inside its
// sentence, its sentence inside the text) or a nonMetricNumbers entry with a reason. A figure typed
// into a paragraph without a metric would be shown in the handout but checked nowhere, so this is a
// validation rule: on by default for zh-CN reports, off with `checkNumbers: false`.
import type { Locate } from '../data/locate.js'
import { allMetrics } from '../data/metrics.js'
import { resolveMetricRefs } from '../data/refs.js'
import type { Metric, Report } from '../data/types.js'
import { formatDataPath } from '../data/wording.js'
import type { Problem } from '../errors.js'
import { formatMetric, zhAlternativeFigures } from '../i18n/figures.js'

const ZH = '〇零一二两三四五六七八九十百千万亿'
const ARABIC = /\d+(?:\.\d+)?(?:[至~]\d+(?:\.\d+)?)?%?/g
const ZH_RUN = new RegExp(`[${ZH}]+`, 'g')

interface Span {
  start: number
  end: number
}

/**
 * The numbers of a text: runs of digits (with decimals, a 至 range and %), and Chinese numerals
 * where they name a number: after 第 (第五届), before 期 or 年 (二期, 三年), inside “…” (“十四五”).
 * Other Chinese numerals (八项重点工作, 一批) are words.
 */
export function numberTokens(text: string): (Span & { text: string })[] {
  const out: (Span & { text: string })[] = []
  for (const m of text.matchAll(ARABIC)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] })
  const quoted = [...text.matchAll(/“[^“”]*”/g)].map((m) => [m.index, m.index + m[0].length] as const)
  for (const m of text.matchAll(ZH_RUN)) {
    const start = m.index
    const end = start + m[0].length
    const named =
      text[start - 1] === '第' ||
      text[end] === '期' ||
      text[end] === '年' ||
      quoted.some(([a, b]) => a < start && end < b)
    if (named) out.push({ start, end, text: m[0] })
  }
  return out.sort((a, b) => a.start - b.start)
}

/** Where `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = []
  if (!needle) return out
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at)
  return out
}

interface Text {
  path: (string | number)[]
  text: string
}

/** The texts whose numbers are checked: every paragraph, lead and project text. */
function texts(report: Report): Text[] {
  const out: Text[] = []
  for (const block of ['intro', 'targets'] as const)
    report[block].paragraphs.forEach((text, i) => {
      out.push({ path: [block, 'paragraphs', i], text })
    })
  report.sections.forEach((s, si) => {
    out.push({ path: ['sections', si, 'lead'], text: s.lead })
    s.keywords.forEach((k, ki) => {
      k.paragraphs.forEach((text, i) => {
        out.push({ path: ['sections', si, 'keywords', ki, 'paragraphs', i], text })
      })
      k.projects?.forEach((p, pi) => {
        out.push({ path: ['sections', si, 'keywords', ki, 'projects', pi, 'text'], text: p.text })
      })
    })
  })
  return out
}

/** Where a metric's figure is inside its own sentence: worked out once per metric, not per text. */
interface FigureSpans {
  sentence: string
  /** Spans relative to the start of the sentence. */
  spans: Span[]
}

function figureSpans(metric: Metric): FigureSpans {
  const figures = [formatMetric(metric, 'zh-CN'), ...zhAlternativeFigures(metric)]
  const spans = figures.flatMap((figure) =>
    occurrences(metric.sentence, figure).map((start) => ({ start, end: start + figure.length })),
  )
  return { sentence: metric.sentence, spans }
}

/** The spans of `text` a metric covers: its figure, inside each place its sentence occurs. */
function metricSpans(text: string, { sentence, spans }: FigureSpans): Span[] {
  return occurrences(text, sentence).flatMap((at) =>
    spans.map((s) => ({ start: at + s.start, end: at + s.end })),
  )
}

/** Every number of the report's text that no metric and no nonMetricNumbers entry accounts for. */
export function numberCoverageProblems(report: Report, locate: Locate): Problem[] {
  if (report.checkNumbers === false || (report.checkNumbers === undefined && report.locale !== 'zh-CN'))
    return []
  const metrics = allMetrics(resolveMetricRefs(report)).map((e) => figureSpans(e.metric))
  const entries = (report.nonMetricNumbers ?? []).map((n) => n.text)
  const problems: Problem[] = []
  for (const { path, text } of texts(report)) {
    const covered: Span[] = [
      ...metrics.flatMap((m) => metricSpans(text, m)),
      ...entries.flatMap((e) => occurrences(text, e).map((at) => ({ start: at, end: at + e.length }))),
    ]
    for (const token of numberTokens(text)) {
      if (covered.some((s) => s.start <= token.start && token.end <= s.end)) continue
      const context = `${text.slice(Math.max(0, token.start - 10), token.start)}[${token.text}]${text.slice(token.end, token.end + 10)}`
      problems.push({
        location: locate(path),
        path: formatDataPath(path),
        message: `the number "${token.text}" is no metric and not listed in nonMetricNumbers: "${context}" (add a metric whose sentence holds it, or a nonMetricNumbers entry with its reason; checkNumbers: false turns this check off)`,
      })
    }
  }
  return problems
}
