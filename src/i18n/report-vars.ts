// Whose report it is: the region and its level (national … development zone), and who delivered
// it. `meta.city` is the older spelling of `region` for a city's report, so both read the same here.

import type { Level, Meta } from '../data/types.js'
import { InternalError } from '../errors.js'

export interface RegionOf {
  /** The place the report governs: 全国, 某某省, 某某市. */
  region: string
  level: Level
  /** Who delivered the report (meta.issuer), if the data says. */
  issuer?: string
}

/** The region of a validated report's meta (validation makes sure one of region/city is there). */
export function regionOf(meta: Meta): RegionOf {
  const region = meta.region ?? meta.city
  // Validation refuses a meta with neither (report-rules.ts), so reaching this is a bug, not input.
  if (region === undefined) throw new InternalError('meta has neither region nor city after validation')
  const level: Level = meta.level ?? 'city'
  return meta.issuer ? { region, level, issuer: meta.issuer } : { region, level }
}

/**
 * Placeholders every locale string may use: {year}, {region} (and {city}, its older name),
 * {level}, {meeting}, {speaker}, {role}, {issuer}, {edition}, {office}, {title}. A national
 * report's region is 全国, so strings put {region} where "全国" reads well too.
 */
export function reportVars(meta: Meta, presentation?: { edition?: string; office?: string }) {
  const { region, level, issuer } = regionOf(meta)
  return {
    year: meta.year,
    region,
    city: region,
    level,
    meeting: meta.meeting,
    speaker: meta.speaker,
    role: meta.role,
    title: meta.title,
    issuer: issuer ?? presentation?.office ?? '',
    edition: presentation?.edition ?? region,
    office: presentation?.office ?? issuer ?? '',
  }
}

/** The placeholder names reportVars gives, for checking locale strings. */
export const REPORT_PLACEHOLDERS: readonly string[] = [
  'year',
  'region',
  'city',
  'level',
  'meeting',
  'speaker',
  'role',
  'title',
  'issuer',
  'edition',
  'office',
]
