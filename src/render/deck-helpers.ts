// Handlebars helpers of the deck templates (templates/deck/**). The shared ones (md, t, eq …) come
// from handlebars.ts; these add what slides need: metric figures by id, slide boundaries with their
// metadata, speaker notes, short forms of long paragraphs and chunking for continuation slides.
//
// Every helper that puts report text into the Markdown escapes it (escapeMarkdown), so data text is
// always shown literally, whatever HTML, Markdown, math or emoji syntax it holds.

import Handlebars from 'handlebars'
import type { MetricEntry } from '../data/metrics.js'
import type { Metric, Section } from '../data/types.js'
import { TemplateRenderError } from '../errors.js'
import { formatDate } from '../i18n/dates.js'
import { formatMetric, type Locale } from '../i18n/figures.js'
import {
  chineseNumber,
  escapeMarkdown,
  type HelperDelegate,
  type HelperOptions,
  helperLocation,
} from './handlebars.js'
import { chunk, essence, figureParts, points } from './slide-text.js'
import { addNote, flatText } from './speaker-notes.js'

/** What a slide is about; collected by {{slide}} in document order (see RenderedDeck.slides). */
export interface SlideMeta {
  /** 1-based slide number, as printed in the corner and in PDF page numbers */
  index: number
  /** the slide's heading as plain text */
  title: string
  sectionId?: string
  sectionTitle?: string
  keywordId?: string
  keywordTitle?: string
  /** every keyword a shared slide shows (partial keywords): keywordId is the first of them */
  keywordIds?: string[]
  /** the template partial that made the slide: title, agenda, targets, section, keyword, … */
  partial: string
}

/** State the deck helpers share during one template pass. */
export interface DeckHelperState {
  slides: SlideMeta[]
  /** file:line of each {{slide}} call, for error messages about a slide */
  locations: (string | undefined)[]
  /** speaker notes per slide (0-based), from {{notes}} and {{chartNotes}}; see speaker-notes.ts */
  notes: string[][]
}

export interface DeckHelperOptions {
  locale: Locale
  metrics: Map<string, MetricEntry>
  projectRoot: string
  state: DeckHelperState
}

export function deckHelpers(options: DeckHelperOptions): Record<string, HelperDelegate> {
  const { locale, metrics, projectRoot, state } = options
  const where = (o: HelperOptions) => {
    const loc = helperLocation(o, projectRoot)
    return loc ? `${loc.file}:${loc.line ?? '?'}` : undefined
  }
  const lookup = (ref: unknown, o: HelperOptions): Metric => {
    if (ref && typeof ref === 'object' && 'id' in ref && 'value' in ref) return ref as Metric
    const entry = typeof ref === 'string' ? metrics.get(ref) : undefined
    if (!entry) {
      throw new TemplateRenderError(`unknown metric id "${String(ref)}"`, {
        location: helperLocation(o, projectRoot),
        hint: 'metric ids are the `id:` fields under metrics: in report.yaml',
      })
    }
    return entry.metric
  }
  const safe = (s: string) => new Handlebars.SafeString(s)

  return {
    /** {{metric "gdp-growth"}} -> 7.5%以上 (escaped) */
    metric(ref: unknown, o: HelperOptions) {
      return safe(escapeMarkdown(formatMetric(lookup(ref, o), locale)))
    },
    /** {{metricLabel "gdp-growth"}} -> 地区生产总值增长 */
    metricLabel(ref: unknown, o: HelperOptions) {
      return safe(escapeMarkdown(lookup(ref, o).label))
    },
    /** {{metricSentence "gdp-growth"}}: the words of the report the figure comes from */
    metricSentence(ref: unknown, o: HelperOptions) {
      return safe(escapeMarkdown(lookup(ref, o).sentence))
    },
    /**
     * {{#withFigure "gdp-growth"}}{{prefix}}{{number}}{{suffix}}{{label}}{{/withFigure}}: a metric's
     * figure split for big-number typesetting, every part already escaped.
     */
    withFigure(ref: unknown, o: HelperOptions) {
      const m = lookup(ref, o)
      const parts = figureParts(formatMetric(m, locale))
      return o.fn({
        id: m.id,
        prefix: safe(escapeMarkdown(parts.prefix)),
        number: safe(escapeMarkdown(parts.number)),
        suffix: safe(escapeMarkdown(parts.suffix)),
        label: safe(escapeMarkdown(m.label)),
        kind: m.kind,
      })
    },
    /** {{#let (expression) as |name|}}…{{/let}}: names a value, even an empty one (unlike #with) */
    let(this: unknown, value: unknown, o: HelperOptions) {
      return o.fn(this, { data: o.data, blockParams: [value] })
    },
    /** {{lookupMetrics ids}}: metric objects for a list of ids (section highlights) */
    lookupMetrics(ids: unknown, o: HelperOptions) {
      return Array.isArray(ids) ? ids.map((id) => lookup(id, o)) : []
    },
    /** {{essence text 64}}: first sentence, cut to whole clauses (escaped) */
    essence(text: unknown, max: unknown) {
      // called as {{essence text}}, max is Handlebars' options object: use the default
      const limit = typeof max === 'number' ? max : 64
      const first = Array.isArray(text) ? String(text[0] ?? '') : String(text ?? '')
      return safe(escapeMarkdown(essence(first, limit)))
    },
    /** {{#each (points paragraphs 4)}}: key points of a text (escaped), see points() */
    points: (paragraphs: unknown, max: unknown) =>
      points(Array.isArray(paragraphs) ? paragraphs.map(String) : [], typeof max === 'number' ? max : 4).map(
        (p) => safe(escapeMarkdown(p)),
      ),
    /** {{#each (chunk list 6)}}: pages of at most n items for continuation slides */
    chunk: (list: unknown, size: unknown) =>
      chunk(Array.isArray(list) ? list : [], typeof size === 'number' && size > 0 ? size : 6),
    /** {{#each (slice list 0 3)}} */
    slice: (list: unknown, start: number, end: number) =>
      Array.isArray(list) ? list.slice(start, typeof end === 'number' ? end : undefined) : [],
    /** {{highlighted metrics highlights}}: the metrics with the highlighted ids first, in highlight order */
    highlighted(list: unknown, ids: unknown, o: HelperOptions) {
      const metricsList = Array.isArray(list) ? (list as Metric[]) : []
      const first = Array.isArray(ids) ? ids.map((id) => lookup(id, o)) : []
      const seen = new Set(first.map((m) => m.id))
      return [...first, ...metricsList.filter((m) => !seen.has(m.id))]
    },
    /** {{without list "id"}}: the list minus the item with that id */
    without: (list: unknown, ids: unknown) => {
      const drop = new Set(Array.isArray(ids) ? ids : [ids])
      return Array.isArray(list) ? list.filter((m: { id?: string }) => !drop.has(m.id)) : []
    },
    /** {{date "2030-01-30"}} -> 2030年1月30日 / 30 January 2030 (plain text; Handlebars escapes it) */
    date: (value: unknown) => formatDate(value, locale),
    /** {{taskNumber 3}} -> 三 (zh) / 3 (en), for 第三项重点工作 / Key task 3 */
    taskNumber: (n: unknown) => (locale === 'en' ? String(n) : chineseNumber(Number(n))),
    /** {{#each (localSections report.sections)}}: the edition's own sections (local: true) */
    localSections: (list: unknown) =>
      Array.isArray(list) ? list.filter((s: Section) => s.local === true) : [],
    /** {{#each (keyTasks report.sections)}}: the report's numbered key tasks, in the edition's order */
    keyTasks: (list: unknown) => (Array.isArray(list) ? list.filter((s: Section) => s.local !== true) : []),
    /**
     * {{#if (allTasks tasks)}}: whether the key tasks are numbered 1 … n without a gap, i.e. none of
     * the report's tasks before the last is left out (then the report's own heading counts them).
     */
    allTasks: (list: unknown) => {
      if (!Array.isArray(list)) return false
      const numbers = list.map((s: Section) => s.number).filter((n): n is number => typeof n === 'number')
      return numbers.length === list.length && numbers.every((n) => n >= 1 && n <= numbers.length)
    },
    /** {{half 9}} -> 5: rows of a two-column list */
    half: (n: unknown) => Math.ceil(Number(n) / 2),
    /** {{concat a b}}: strings joined (for hash arguments) */
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    /** {{pick cond a b}}: a if cond is truthy (a non-empty list counts), else b */
    pick: (cond: unknown, a: unknown, b: unknown) => ((Array.isArray(cond) ? cond.length > 0 : cond) ? a : b),
    /**
     * {{slide "keyword" title=… sectionId=… keywordId=…}} starts a slide: it emits the slide
     * separator (except before the first slide) and the class directive, and records the slide's
     * metadata. Every slide of a deck template must begin with it.
     */
    slide(partial: string, o: HelperOptions) {
      const hash = o.hash as Record<string, unknown>
      const str = (k: string) => (hash[k] === undefined || hash[k] === null ? undefined : String(hash[k]))
      const meta: SlideMeta = {
        index: state.slides.length + 1,
        title: str('title') ?? '',
        partial,
      }
      for (const k of ['sectionId', 'sectionTitle', 'keywordId', 'keywordTitle'] as const) {
        const v = str(k)
        if (v !== undefined) meta[k] = v
      }
      if (Array.isArray(hash.keywordIds)) meta.keywordIds = hash.keywordIds.map(String)
      state.slides.push(meta)
      state.locations.push(where(o))
      const cls = [partial, ...(str('class')?.split(/\s+/) ?? [])]
        .filter((c) => /^[a-z][a-z0-9-]*$/.test(c))
        .join(' ')
      const sep = meta.index === 1 ? '' : '\n---\n\n'
      const paginate = hash.paginate === false ? '\n<!-- _paginate: false -->\n' : ''
      const footer = hash.footer === false ? "\n<!-- _footer: '' -->\n" : ''
      return safe(`${sep}<!-- _class: ${cls} -->\n${paginate}${footer}`)
    },
    /**
     * {{notes a b c}}: the speaker notes of the current slide, from strings, lists of strings and
     * objects with text/sentence; each becomes a paragraph. Shown in the presenter view, not on the slide.
     */
    notes(...args: unknown[]) {
      const parts = args
        .slice(0, -1)
        .flatMap((a) => flatText(a, locale))
        .map((s) => s.trim())
        .filter(Boolean)
      if (parts.length > 0) addNote(state.notes, state.slides.length, parts.join('\n\n'))
      return ''
    },
    /** {{join list "、"}} for plain lists of strings (escaped) */
    join(list: unknown, sep: unknown) {
      const items = Array.isArray(list) ? list.map(String) : []
      return safe(escapeMarkdown(items.join(typeof sep === 'string' ? sep : '、')))
    },
  }
}
