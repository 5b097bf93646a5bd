// Which editions a build makes: the report itself, the ones named with --edition, or all of them
// (--all), then this runner's share of them (--shard k/n). A name the report does not have is a
// usage error before any work starts.
import type { LoadedReport } from '../data/load.js'
import { UsageError } from '../errors.js'
import { type Shard, shareOf } from '../utils/shard.js'
import { listEditions } from './edition.js'

export interface EditionChoice {
  /** every edition of the report */
  all?: boolean
  /** these editions (default: the report itself) */
  editions?: string[]
  /** only this share of them */
  shard?: Shard
}

/** The edition ids to build, in order; throws UsageError for an id the report does not have. */
export async function chooseEditions(base: LoadedReport, choice: EditionChoice): Promise<string[]> {
  const known = [base.report.id, ...(await listEditions(base.dir))]
  const chosen = choice.all ? known : choice.editions?.length ? choice.editions : [base.report.id]
  const unknown = chosen.filter((id) => !known.includes(id))
  if (unknown.length > 0) {
    throw new UsageError(`unknown edition ${unknown.map((u) => `"${u}"`).join(', ')} in --edition`, {
      hint: `editions of ${base.report.id}: ${known.join(', ')}`,
    })
  }
  return choice.shard ? shareOf(chosen, choice.shard) : chosen
}
