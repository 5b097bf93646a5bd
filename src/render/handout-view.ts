// What the handout templates (templates/handout/*.hbs) see of the report: each section, keyword and
// block as a plain view with its heading id, label, charts and metrics. Kept apart from the
// rendering so that the shape the templates rely on is written down in one place.
import type { ChartFile } from '../charts/lookup.js'
import { chartOf } from '../charts/lookup.js'
import type { Edition } from '../context.js'
import type { Block, Keyword, Metric, Section } from '../data/types.js'
import type { Locale } from '../i18n/figures.js'
import { translateFor } from '../i18n/locale.js'
import { chineseNumber } from './handlebars.js'

/** The id a heading carries (data-ref) and the contents link to: section-<id>, keyword-<id> … */
function headingId(kind: 'section' | 'keyword' | 'block', id: string): string {
  return `${kind}-${id}`
}

export function blockView(block: Block, id: string, options: { spoken?: boolean } = {}) {
  return {
    id: headingId('block', id),
    title: block.title,
    paragraphs: options.spoken ? spokenParagraphs(block) : block.paragraphs,
    metrics: block.metrics ?? [],
  }
}

/**
 * The paragraphs the speaker says: without the publisher's framing (`framing`, the first paragraphs
 * that report on the speech, such as a newspaper's dateline sentence), which the booklet prints as
 * published but the reading copy, read aloud, must not open with.
 */
export function spokenParagraphs(block: Block): string[] {
  return block.paragraphs.slice(block.framing ?? 0)
}

/** Characters of a block's title and spoken paragraphs (its share of the talk's minutes). */
export function blockLength(block: Block): number {
  return [block.title, ...spokenParagraphs(block)].join('').length
}

/** The chart shown with a section or keyword (src/charts/lookup.ts), as a list for {{#each}}. */
function chartsFor(item: Section | Keyword, catalog: Map<string, ChartFile> | undefined): string[] {
  if (!catalog) return []
  const name = chartOf(item, catalog)
  return name ? [name] : []
}

/**
 * How a section is named: one of the report's key tasks by the report's own number (一 … 八, kept
 * wherever the edition puts it), a section the edition adds (local) by the edition's name and the
 * locale's "本地特色", without a number.
 */
function sectionLabels(section: Section, edition: Edition) {
  const locale = edition.locale as Locale
  const s = (key: string, vars?: Record<string, unknown>) => translateFor(edition, key, vars)
  if (section.local || section.number === undefined) {
    const name = edition.report.presentation?.edition
    return {
      numberText: '',
      tag: s('common.local'),
      kicker: name ? s('common.localOf', { edition: name }) : s('common.local'),
      runningHead: section.title,
    }
  }
  const n = section.number
  const numberText = locale === 'zh-CN' ? chineseNumber(n) : String(n)
  return {
    numberText,
    tag: '',
    kicker: s('common.section', { n: numberText }),
    runningHead: locale === 'zh-CN' ? `${numberText}、${section.title}` : `${n}. ${section.title}`,
  }
}

export function sectionView(section: Section, edition: Edition, catalog: Map<string, ChartFile> | undefined) {
  return {
    id: headingId('section', section.id),
    // a named page per section (its running header); ids are slugs, so valid CSS names
    pageName: `sec-${section.id}`,
    number: section.number,
    local: section.local === true,
    ...sectionLabels(section, edition),
    title: section.title,
    lead: section.lead,
    charts: chartsFor(section, catalog),
    sectionId: section.id,
    keywords: section.keywords.map((k) => ({
      id: headingId('keyword', k.id),
      charts: chartsFor(k, catalog),
      title: k.title,
      paragraphs: k.paragraphs,
      metrics: [...(k.metrics ?? []), ...(k.projects ?? []).flatMap((p) => p.metrics ?? [])] as Metric[],
      projects: (k.projects ?? []).map((p, i) => ({
        n: i + 1,
        title: p.title,
        text: p.text,
        metrics: p.metrics ?? [],
      })),
    })),
  }
}
