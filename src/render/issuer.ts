// Who issued the report and who localised this edition. A district's edition of a city's report is
// the district's edition: its cover and PDF metadata name the city government (meta.issuer) as the
// issuer, and say whose edition it is; presentation.office (the district government) never
// replaces the issuer.
import type { Edition } from '../context.js'
import { translateFor } from '../i18n/locale.js'
import { regionOf } from '../i18n/report-vars.js'

export interface IssuerView {
  /** Who delivered the report: meta.issuer, or (older data without it) the base edition's office. */
  issuer?: string
  /** "某某区版" / "District edition" when this edition was made by another place or office. */
  editionNote?: string
}

/** Whether an edition is made for another place than the report's own region. */
export function isLocalisedEdition(edition: Edition): boolean {
  const name = edition.report.presentation?.edition
  return name !== undefined && name !== regionOf(edition.report.meta).region
}

export function issuerView(edition: Edition): IssuerView {
  const { meta, presentation } = edition.report
  const localised = isLocalisedEdition(edition)
  const issuer = meta.issuer ?? (localised ? undefined : presentation?.office)
  const view: IssuerView = {}
  if (issuer) view.issuer = issuer
  if (localised && presentation?.edition) {
    view.editionNote = translateFor(edition, 'common.editionOf', { edition: presentation.edition })
  }
  return view
}

/** PDF author and subject: the issuer, and the meeting with whose edition this is. */
export function documentMeta(edition: Edition, withDate = false): { author: string; subject: string } {
  const { meta } = edition.report
  const { issuer, editionNote } = issuerView(edition)
  const subject = [meta.meeting, withDate ? meta.delivered : undefined, editionNote].filter(Boolean).join(' ')
  return { author: issuer ?? `${meta.role} ${meta.speaker}`, subject }
}
