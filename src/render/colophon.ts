// What a print shop and a reader look for on a government booklet besides the text: who issued the
// report, at which meeting and when it was delivered, what this text is (the full report or a
// digest, and from which publication), who made this edition and who printed it. The cover says what
// the text is; the colophon on the last page gives all of it.
import type { Edition } from '../context.js'
import { formatDate } from '../i18n/dates.js'
import type { Locale } from '../i18n/figures.js'

export interface ColophonRow {
  label: string
  value: string
}

export interface Colophon {
  /** on the cover: 全文 / 摘要（据某某日报2030年1月31日刊发稿） */
  textKind: string
  /** an optional marking for the cover's top corner: 会议材料 */
  marking?: string
  rows: ColophonRow[]
}

type Strings = (key: string, vars?: Record<string, unknown>) => string

/**
 * The colophon of an edition. The issuer is meta.issuer; without it, the office of the report's own
 * edition (an edition made from it never claims to be the issuer: its office is who localised it).
 */
export function colophonView(edition: Edition, s: Strings): Colophon {
  const { meta, presentation } = edition.report
  const locale = edition.locale as Locale
  const isOwnEdition = edition.id === edition.reportId
  const issuer = (meta as { issuer?: string }).issuer ?? (isOwnEdition ? presentation?.office : undefined)
  const published = formatDate(meta.published, locale)
  const textKind =
    presentation?.text === 'digest'
      ? s('print.digestOf', { source: meta.source, date: published })
      : presentation?.text === 'full'
        ? s('print.fullText')
        : s('print.textOf', { source: meta.source, date: published })
  const rows: (ColophonRow | undefined)[] = [
    issuer ? { label: s('print.issuer'), value: issuer } : undefined,
    { label: s('print.meeting'), value: meta.meeting },
    {
      label: s('print.delivered'),
      value: [
        formatDate(meta.delivered, locale),
        s('handout.byline', { role: meta.role, speaker: meta.speaker }),
      ].join(locale === 'en' ? ', ' : '\u3000'),
    },
    { label: s('print.text'), value: textKind },
    { label: s('print.source'), value: s('print.sourceOn', { source: meta.source, date: published }) },
    !isOwnEdition && presentation?.office
      ? {
          label: s('print.edition'),
          value: [presentation.edition, presentation.office].filter(Boolean).join(' · '),
        }
      : undefined,
    presentation?.printedBy || presentation?.office
      ? { label: s('print.printedBy'), value: (presentation?.printedBy ?? presentation?.office) as string }
      : undefined,
  ]
  return {
    textKind,
    marking: presentation?.marking,
    rows: rows.filter((r): r is ColophonRow => r !== undefined),
  }
}
