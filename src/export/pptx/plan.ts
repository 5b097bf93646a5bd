// The slide plan of the native PowerPoint: for every slide of the deck, what it shows, taken from the
// edition's merged data. The deck's templates decide which slides there are and in which order (the
// {{slide}} calls recorded in RenderedDeck.slides: kind, section and keyword ids); this module fills
// each one from report.yaml with the same helpers the templates use (essence, points, chunk,
// figure parts), so deck.pptx has the same slides as deck.pdf and never reads the deck's HTML.

import { chartOf as attachedChartOf, chartCatalog } from '../../charts/lookup.js'
import type { BuildContext, Edition } from '../../context.js'
import { indexMetrics } from '../../data/metrics.js'
import type { Keyword, Metric, Report, Section } from '../../data/types.js'
import { formatDate } from '../../i18n/dates.js'
import { formatMetric, type Locale } from '../../i18n/figures.js'
import { translate } from '../../i18n/locale.js'
import type { RenderedDeck, SlideMeta } from '../../render/deck.js'
import { chineseNumber } from '../../render/handlebars.js'
import { keywordSlideText } from '../../render/keyword-slides.js'
import { placeTable } from '../../render/place-table.js'
import { chunk, essence, figureParts } from '../../render/slide-text.js'
import { type ChartPlan, planChart } from './chart-data.js'

/** A metric split for big-number typesetting: 不少于 | 2 | 个, and its label. */
export interface Figure {
  prefix: string
  number: string
  suffix: string
  label: string
}

interface Common {
  /** 1-based, as deck.pdf numbers it */
  index: number
  title: string
  /** the slide's speaker notes, never empty (a slide without notes gets its own text) */
  notes: string
  /** page number and footer shown (not on the cover and the closing slide) */
  framed: boolean
}

export type SlidePlan = Common &
  (
    | { kind: 'title'; meeting: string; byline: string; date: string; office?: string; edition?: string }
    | { kind: 'agenda'; localLabel: string; local: string[]; tasks: { number: string; title: string }[] }
    | { kind: 'targets'; hero?: Figure; chart?: ChartPlan }
    | { kind: 'section'; kicker: string; lead: string; figures: Figure[] }
    | { kind: 'keyword'; kicker: string; essence: string; figures: Figure[]; points: string[] }
    | {
        kind: 'keywords'
        kicker: string
        parts: { title: string; essence: string; figures: Figure[]; points: string[] }[]
      }
    | { kind: 'metric-grid'; kicker: string; figures: Figure[] }
    | { kind: 'projects'; kicker: string; columns: [string, string]; rows: [string, string[]][] }
    | { kind: 'chart'; kicker: string; chart?: ChartPlan }
    | { kind: 'closing'; meeting: string; office?: string; date: string }
    | { kind: 'text'; paragraphs: string[] }
  )

export interface DeckPlan {
  slides: SlidePlan[]
  /** the footer line of framed slides: the meeting (and the district, in a district's edition) */
  footer: string
}

/** The slide plan of `deck` (same slides, same order), filled from the edition's data. */
export async function planSlides(deck: RenderedDeck, edition: Edition, ctx: BuildContext): Promise<DeckPlan> {
  const report = edition.report
  const locale = edition.locale as Locale
  const t = (key: string, vars?: Record<string, unknown>) => translate(edition.strings, key, vars)
  const metrics = indexMetrics(report)
  const figure = (m: Metric): Figure => ({ ...figureParts(formatMetric(m, locale)), label: m.label })
  const lookup = (ids: readonly string[] | undefined) =>
    (ids ?? []).map((id) => metrics.get(id)?.metric).filter((m): m is Metric => m !== undefined)
  const taskNumber = (n: number | undefined) => (locale === 'en' ? String(n) : chineseNumber(Number(n)))
  const section = (meta: SlideMeta) => report.sections.find((s) => s.id === meta.sectionId)
  const keyword = (meta: SlideMeta) => section(meta)?.keywords.find((k) => k.id === meta.keywordId)
  const kicker = (s: Section | undefined) =>
    s
      ? `${s.local ? t('common.local') : t('deck.sectionShort', { n: taskNumber(s.number) })} · ${s.title}`
      : ''
  const catalog = await chartCatalog(ctx.projectRoot, edition.reportDir)
  const chartOf = async (name: string | undefined, sectionId?: string) => {
    const drawn = name === undefined ? undefined : deck.charts.find((c) => c.name === name)
    return name && drawn ? planChart(name, edition, ctx.projectRoot, drawn, sectionId) : undefined
  }
  // Continuation slides (projects, metric-grid): the n-th slide of a run of the same kind and keyword.
  const runIndex = (i: number) => {
    let n = 0
    const me = deck.slides[i]
    for (let j = i - 1; j >= 0; j--) {
      const other = deck.slides[j]
      if (other?.partial !== me?.partial || other?.keywordId !== me?.keywordId) break
      n++
    }
    return n
  }

  const slides: SlidePlan[] = []
  for (const [i, meta] of deck.slides.entries()) {
    const base = { index: meta.index, title: meta.title, notes: deck.notes[i] ?? '', framed: true }
    const plan = await planOne(meta, i)
    if (!plan.notes.trim()) plan.notes = [plan.title, ...visibleText(plan)].filter(Boolean).join('\n\n')
    slides.push(plan)

    async function planOne(meta: SlideMeta, i: number): Promise<SlidePlan> {
      const s = section(meta)
      const k = keyword(meta)
      switch (meta.partial) {
        case 'title':
          return {
            ...base,
            framed: false,
            kind: 'title',
            meeting: report.meta.meeting,
            byline: t('deck.byline', { role: report.meta.role, speaker: report.meta.speaker }),
            date: formatDate(report.meta.delivered, locale),
            ...optional({ office: report.presentation?.office, edition: report.presentation?.edition }),
          }
        case 'agenda': {
          const own = report.sections.filter((x) => x.local === true)
          const edition = report.presentation?.edition
          return {
            ...base,
            kind: 'agenda',
            localLabel: edition ? t('common.localOf', { edition }) : t('common.local'),
            local: own.map((x) => x.title),
            tasks: report.sections
              .filter((x) => x.local !== true)
              .map((x) => ({ number: taskNumber(x.number), title: x.title })),
          }
        }
        case 'targets': {
          const block = report.targets
          const first = lookup(block.highlights)[0] ?? block.metrics?.[0]
          // the deck's chart on this slide: the one it draws that no chart slide is named after
          // (charts are listed in order of first use, and chart slides are named by their section or keyword)
          const named = new Set(
            deck.slides.filter((x) => x.partial === 'chart').map((x) => x.keywordId ?? x.sectionId),
          )
          const own = deck.charts.find((c) => !named.has(c.name))
          const chart = own ? await chartOf(own.name) : undefined
          return { ...base, kind: 'targets', ...optional({ hero: first && figure(first), chart }) }
        }
        case 'section':
          return {
            ...base,
            kind: 'section',
            kicker: s?.local
              ? report.presentation?.edition
                ? t('common.localOf', { edition: report.presentation.edition })
                : t('common.local')
              : t('common.section', { n: taskNumber(s?.number) }),
            lead: essence(s?.lead ?? '', 90),
            figures: lookup(s?.highlights).map(figure),
          }
        case 'keyword':
          return { ...base, ...keywordSlide(k), kicker: kicker(s) }
        case 'keywords': {
          // a slide two or three sparse keywords share (src/render/keyword-slides.ts)
          const shared = (meta.keywordIds ?? []).map((id) => s?.keywords.find((x) => x.id === id))
          const parts = shared.filter((x): x is Keyword => x !== undefined)
          return {
            ...base,
            kind: 'keywords',
            kicker: kicker(s),
            parts: parts.map((x) => ({ ...keywordSlide(x), title: x.title })),
          }
        }
        case 'places': {
          // a list of places as a table (templates/deck/partials/places.hbs)
          const table = k ? placeTable(k) : undefined
          return {
            ...base,
            kind: 'projects',
            kicker: kicker(s),
            columns: table?.columns ?? ['', ''],
            rows: (table?.rows ?? []).map((r) => [r.place, [r.part]]),
          }
        }
        case 'metric-grid': {
          const pages = chunk((k?.metrics ?? []).slice(3), 8)
          return {
            ...base,
            kind: 'metric-grid',
            kicker: kicker(s),
            figures: (pages[runIndex(i)] ?? []).map(figure),
          }
        }
        case 'projects': {
          // as many a slide as the deck's projects partial shows (templates/deck/partials/projects.hbs)
          const page = chunk(k?.projects ?? [], locale === 'en' ? 6 : 10)[runIndex(i)] ?? []
          const perProject = locale === 'en' ? 1 : 2
          return {
            ...base,
            kind: 'projects',
            kicker: kicker(s),
            columns: [t('handout.projectTitle'), t('handout.keyFigures')],
            rows: page.map((p) => [
              p.title,
              p.metrics?.length
                ? p.metrics.slice(0, perProject).map((m) => `${formatMetric(m, locale)} ${m.label}`)
                : [essence(p.text, 40)],
            ]),
          }
        }
        case 'chart':
          return {
            ...base,
            kind: 'chart',
            kicker: kicker(s),
            // the chart the deck's slide shows: the attachment rule of src/charts/lookup.ts
            ...optional({
              chart: await chartOf(
                (() => {
                  const item = keyword(meta) ?? s
                  return item ? attachedChartOf(item, catalog) : undefined
                })(),
                s?.id,
              ),
            }),
          }
        case 'closing':
          return {
            ...base,
            framed: false,
            kind: 'closing',
            meeting: report.meta.meeting,
            date: formatDate(report.meta.delivered, locale),
            ...optional({ office: report.presentation?.office }),
          }
        default:
          // A slide kind this module does not know (a template added one): its title and its notes.
          return { ...base, kind: 'text', paragraphs: base.notes.split(/\n\n+/).filter(Boolean) }
      }
    }
  }

  // what the keyword partial shows, from the same short forms (src/render/keyword-slides.ts)
  function keywordSlide(k: Keyword | undefined) {
    const text = k ? keywordSlideText(k) : { essence: '', points: [], shown: [] }
    return {
      kind: 'keyword' as const,
      essence: text.essence,
      figures: text.shown.map(figure),
      points: text.points,
    }
  }

  return { slides, footer: footerLine(report) }
}

/** The deck's footer: a district's edition names the district before the meeting. */
export function footerLine(report: Report): string {
  const edition = report.presentation?.edition
  return edition && !report.meta.meeting.includes(edition)
    ? `${edition} · ${report.meta.meeting}`
    : report.meta.meeting
}

/** The text a slide shows besides its title (notes for a slide that has none of its own). */
export function visibleText(plan: SlidePlan): string[] {
  switch (plan.kind) {
    case 'title':
      return [plan.meeting, plan.byline, plan.date, plan.office ?? '']
    case 'closing':
      return [plan.meeting, plan.office ?? '', plan.date]
    case 'agenda':
      return [...plan.local, ...plan.tasks.map((x) => x.title)]
    default:
      return []
  }
}

/** The keys of `o` whose value is defined (exactOptionalPropertyTypes forbids explicit undefined). */
function optional<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v
  return out as { [K in keyof T]?: Exclude<T[K], undefined> }
}
