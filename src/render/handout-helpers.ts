// Helpers of the handout templates (templates/handout/**): paragraphs with their key figures set off,
// contents page numbers of fixed width, dates, and CSS strings for the running headers. Every helper
// that puts report text into the page escapes it; data text is always shown literally.

import Handlebars from 'handlebars'
import type { Metric } from '../data/types.js'
import { escapeHtml } from '../html/escape.js'
import { formatDate } from '../i18n/dates.js'
import { formatMetric, type Locale, zhAlternativeFigures } from '../i18n/figures.js'
import type { HelperDelegate } from './handlebars.js'

/** A figure found in a paragraph: [start, end) in UTF-16 code units, and the metric it shows. */
export interface FigureSpan {
  start: number
  end: number
  metric: Metric
}

const DIGITISH = /[\d.,%０-９]/u

/** Index of `needle` in `text` at or after `from` that is not glued to a longer number. */
function findFigure(text: string, needle: string, from: number, to: number): number {
  let at = text.indexOf(needle, from)
  while (at >= 0 && at + needle.length <= to) {
    const before = text[at - 1]
    const startsWithDigit = /^\d/.test(needle)
    if (!(startsWithDigit && before !== undefined && DIGITISH.test(before))) return at
    at = text.indexOf(needle, at + 1)
  }
  return -1
}

/**
 * Where each metric's figure stands in a paragraph: the metric's sentence is found in the paragraph,
 * then the formatted figure inside that sentence (after the label when the sentence holds several
 * figures). Metrics whose sentence or figure is not in this paragraph are skipped; overlapping spans
 * keep the first.
 */
export function locateFigures(paragraph: string, metrics: readonly Metric[], locale: Locale): FigureSpan[] {
  const spans: FigureSpan[] = []
  for (const metric of metrics) {
    const sentenceAt = paragraph.indexOf(metric.sentence)
    if (sentenceAt < 0) continue
    const sentenceEnd = sentenceAt + metric.sentence.length
    const forms = [
      ...new Set([
        formatMetric(metric, locale),
        formatMetric(metric, 'zh-CN'),
        ...zhAlternativeFigures(metric),
      ]),
    ]
    const labelAt = paragraph.indexOf(metric.label, sentenceAt)
    const anchors =
      labelAt >= 0 && labelAt < sentenceEnd ? [labelAt + metric.label.length, sentenceAt] : [sentenceAt]
    let found: FigureSpan | undefined
    for (const anchor of anchors) {
      for (const form of forms) {
        const at = findFigure(paragraph, form, anchor, sentenceEnd)
        if (at >= 0) {
          found = { start: at, end: at + form.length, metric }
          break
        }
      }
      if (found) break
    }
    if (!found) continue
    const candidate = found
    if (spans.some((s) => candidate.start < s.end && s.start < candidate.end)) continue
    spans.push(candidate)
  }
  return spans.sort((a, b) => a.start - b.start)
}

/** The paragraph as escaped HTML with each figure in <strong class="figure">. */
export function paragraphHtml(paragraph: string, metrics: readonly Metric[], locale: Locale): string {
  let out = ''
  let at = 0
  for (const span of locateFigures(paragraph, metrics, locale)) {
    out += escapeHtml(paragraph.slice(at, span.start))
    out += `<strong class="figure" data-metric="${escapeHtml(span.metric.id)}">${escapeHtml(
      paragraph.slice(span.start, span.end),
    )}</strong>`
    at = span.end
  }
  return out + escapeHtml(paragraph.slice(at))
}

/**
 * A CSS string literal for `content:` in @page margin boxes. Everything outside printable ASCII,
 * and the characters that could end the string or the <style> element, become CSS escapes.
 */
export function cssString(text: string): string {
  let out = '"'
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (cp >= 0x20 && cp < 0x7f && !'"\\<>&\''.includes(ch)) out += ch
    else out += `\\${cp.toString(16)} `
  }
  return `${out}"`
}

/**
 * A locale template with {page} and {pages} as a CSS content value: "第 {page} 页 共 {pages} 页"
 * becomes "第 " counter(page) " 页 共 " counter(pages) " 页".
 */
export function pageCounterContent(template: string): string {
  const parts = template.split(/(\{page\}|\{pages\})/)
  return parts
    .filter((p) => p !== '')
    .map((p) => (p === '{page}' ? 'counter(page)' : p === '{pages}' ? 'counter(pages)' : cssString(p)))
    .join(' ')
}

export interface HandoutHelperOptions {
  locale: Locale
  /** page number of each heading id, from the measured first pass (empty in that pass) */
  pages: ReadonlyMap<string, number>
}

/** Helpers registered for the handout templates, next to the shared ones of handlebars.ts. */
export function handoutHelpers(options: HandoutHelperOptions): Record<string, HelperDelegate> {
  return {
    /** {{figures paragraph metrics}}: the escaped paragraph with its key figures set off */
    figures: (paragraph: unknown, metrics: unknown) =>
      new Handlebars.SafeString(
        paragraphHtml(
          String(paragraph ?? ''),
          Array.isArray(metrics) ? (metrics as Metric[]) : [],
          options.locale,
        ),
      ),
    /**
     * {{pageOf "sec-economy"}}: the page a heading lands on. In the first pass the number is not
     * known yet; a figure space keeps the place, and the box around it has a fixed width either way.
     */
    pageOf: (id: unknown) => {
      const page = options.pages.get(String(id))
      return page === undefined ? '\u2007' : String(page)
    },
    /** {{figure metric}}: the metric's figure as the report writes it */
    figure: (metric: unknown) => formatMetric(metric as Metric, options.locale),
    first: (list: unknown) => (Array.isArray(list) ? list[0] : undefined),
    rest: (list: unknown) => (Array.isArray(list) ? list.slice(1) : []),
    /** {{date meta.delivered}}: 2030年1月30日 / 30 January 2030 */
    date: (iso: unknown) => formatDate(String(iso ?? ''), options.locale),
  }
}
