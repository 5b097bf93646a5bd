// Rules of the data model that a JSON Schema cannot say: whose report it is (region and level, or
// the older `city`), and metrics cited again by reference. semantic-rules.ts runs them with its other
// semantic checks, so their problems come in the same list, each with file:line and field.
import { Value } from '@sinclair/typebox/value'
import { formatMetric, zhAlternativeFigures } from '../i18n/figures.js'
import type { DataPath } from './locate.js'
import { squash } from './loose.js'
import { isRawRef } from './refs.js'
import { Metric } from './types.js'

type Add = (path: DataPath, message: string, key?: boolean) => void

const LEVELS = 'national | province | city | county | district | development-zone'

/**
 * meta.region + meta.level say whose report it is; meta.city is the older spelling of a city's
 * region. Every problem says exactly what to write instead.
 */
export function metaProblems(meta: unknown, add: Add): void {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return
  const m = meta as Record<string, unknown>
  const has = (k: string) => m[k] !== undefined
  if (!has('region') && !has('city')) {
    add(
      ['meta'],
      `missing required field "region": the place the report governs (全国, 某某省, 某某市), with "level" (${LEVELS})`,
    )
    return
  }
  if (has('region') && has('city')) {
    add(
      ['meta', 'city'],
      `"city" is the older spelling of "region": keep only region: ${JSON.stringify(m.region)} (and level)`,
      true,
    )
  }
  if (has('region') && !has('level')) {
    add(['meta', 'region'], `missing "level" beside "region": one of ${LEVELS}`, true)
  }
  if (!has('region') && has('city') && has('level') && m.level !== 'city') {
    add(
      ['meta', 'city'],
      `"city" means a city's report, but level is ${JSON.stringify(m.level)}: write region: ${JSON.stringify(m.city)} instead of city`,
      true,
    )
  }
}

export interface RefCandidate {
  value: Record<string, unknown>
  path: DataPath
  paragraphs: string[]
  holder: string
}

/**
 * A reference { ref, sentence } names a metric defined elsewhere in the report; the metric's
 * figure must appear in the reference's sentence, and the sentence in the paragraphs around it.
 */
export function refProblems(
  items: readonly RefCandidate[],
  definitions: ReadonlyMap<string, Metric>,
  closest: (id: string, known: Iterable<string>) => string | undefined,
  add: Add,
): void {
  for (const { value, path, paragraphs, holder } of items) {
    if (!isRawRef(value) || typeof value.ref !== 'string' || typeof value.sentence !== 'string') continue
    const target = definitions.get(value.ref)
    if (!target) {
      const guess = closest(value.ref, definitions.keys())
      add(
        [...path, 'ref'],
        `dangling reference: no metric has the id "${value.ref}"${guess ? ` (did you mean "${guess}"?)` : ''}; define the metric once, then cite it with ref`,
      )
      continue
    }
    if (!Value.Check(Metric, target)) continue
    const figure = formatMetric(target, 'zh-CN')
    const sentence = squash(value.sentence)
    if (![figure, ...zhAlternativeFigures(target)].some((f) => sentence.includes(squash(f)))) {
      add(
        [...path, 'sentence'],
        `the figure "${figure}" of metric "${target.id}" does not appear in this sentence ${JSON.stringify(value.sentence)}`,
      )
    }
    if (paragraphs.length > 0 && !paragraphs.some((text) => squash(text).includes(sentence))) {
      add([...path, 'sentence'], `the sentence is not part of ${holder}: copy it verbatim from there`)
    }
  }
}
