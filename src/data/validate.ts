// Validation of report data: the JSON Schema (ajv, compiled from the TypeBox types) and then the
// checks a schema cannot express (unique ids, figures that appear in their sentences, section
// numbering, metric references). Every problem is collected and thrown together, each with its
// file:line:column and data path, worded for the person editing the YAML.
import { Value } from '@sinclair/typebox/value'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { DataValidationError, formatLocation, type Problem, type SourceLocation } from '../errors.js'
import { formatMetric, zhAlternativeFigures } from '../i18n/figures.js'
import type { DataPath, Locate } from './load.js'
import { indexMetrics } from './metrics.js'
import { metaProblems, refProblems } from './report-rules.js'
import type { Report } from './types.js'
import { Metric, ReportInput } from './types.js'

export interface ValidateOptions {
  /** The file as messages name it. */
  file: string
  locate: Locate
  /**
   * 'report' (default): the city's report, its sections are its key tasks numbered 1 … n in order.
   * 'edition': a merged edition, where the city's sections keep the report's numbers in any order
   * (unique, none missing) and the edition's own sections (local: true) have no number.
   */
  numbering?: 'report' | 'edition'
}

/** More problems than this are summarised in one last line. */
export const MAX_PROBLEMS = 200

// ---------------------------------------------------------------------------------------------
// Schema

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const isoDateTime = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/

function isDate(s: string): boolean {
  const m = isoDate.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

function isDateTime(s: string): boolean {
  const m = isoDateTime.exec(s)
  if (!m || !isDate(m[1] as string)) return false
  const [h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4])]
  const [oh, om] = [Number(m[5] ?? 0), Number(m[6] ?? 0)]
  return h < 24 && mi < 60 && sec < 61 && oh < 24 && om < 60
}

/** An ajv instance with the options and formats the report schema needs. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true })
  ajv.addFormat('date', { type: 'string', validate: isDate })
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime })
  return ajv
}

let reportValidator: ValidateFunction | undefined

function schemaValidator(): ValidateFunction {
  reportValidator ??= createAjv().compile(ReportInput)
  return reportValidator
}

// ---------------------------------------------------------------------------------------------
// Wording

/** sections[2].keywords[0].title */
export function formatDataPath(dataPath: DataPath): string {
  let out = ''
  for (const segment of dataPath) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

function truncate(s: string, max = 60): string {
  const chars = [...s]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s
}

/** What a value is, for "found …": the string "abc", the number 3, a list of 2 items. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)'
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : `the string ${JSON.stringify(truncate(value))}`
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `the value ${value}`
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  }
  if (typeof value === 'object') return 'a mapping (key: value pairs)'
  return String(value)
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value pairs)',
  null: 'nothing',
}

/** Edit distance counting a swap of two neighbours as one edit (titel -> title). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.MAX_SAFE_INTEGER
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1)
      ;(d[i] as number[])[j] = best
    }
  }
  return at(a.length, b.length)
}

/** The candidate closest to `name`, if it is close enough to be a typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(name.length / 4)) + 1
  for (const c of candidates) {
    const d = editDistance(name, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// ajv errors -> problems

function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (!pointer) return []
  const out: (string | number)[] = []
  let current: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(current)) {
      const index = Number(part)
      out.push(index)
      current = current[index]
    } else {
      out.push(part)
      current = (current as Record<string, unknown> | undefined)?.[part]
    }
  }
  return out
}

/** ajv's errors for `value` as problems at file:line (other schemas pass their own validator). */
export function schemaProblems(
  value: unknown,
  options: ValidateOptions,
  validate: ValidateFunction = schemaValidator(),
): Problem[] {
  if (validate(value)) return []
  const errors = pickUnionBranches(validate.errors ?? [])
  // Errors inside an anyOf of constants (locale, comparator, kind, scale) are summed up by the anyOf.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`)
  const problems: Problem[] = []
  for (const error of errors) {
    if (unions.some((prefix) => error.schemaPath.startsWith(prefix))) continue
    problems.push(schemaProblem(error, value, options))
  }
  return problems
}

/**
 * A union of shapes (a metric or a { ref, sentence } reference) fails with the errors of every
 * branch. Keep only the branch the value comes closest to (fewest errors), as its own errors, so
 * that a metric with a wrong kind is told about its kind, not that it is no reference.
 */
function pickUnionBranches(errors: ErrorObject[]): ErrorObject[] {
  let out = errors
  for (const union of errors) {
    if (union.keyword !== 'anyOf') continue
    const branches = union.schema as { const?: unknown }[]
    if (!Array.isArray(branches) || branches.every((b) => 'const' in b)) continue
    const prefix = `${union.schemaPath}/`
    const counts = branches.map((_, i) => out.filter((e) => e.schemaPath.startsWith(`${prefix}${i}/`)).length)
    const best = counts.indexOf(Math.min(...counts))
    out = out.filter(
      (e) =>
        e !== union && (!e.schemaPath.startsWith(prefix) || e.schemaPath.startsWith(`${prefix}${best}/`)),
    )
  }
  return out
}

function schemaProblem(error: ErrorObject, root: unknown, { locate }: ValidateOptions): Problem {
  const at = pointerToPath(error.instancePath, root)
  const found = describeValue(error.data)
  const parent = error.parentSchema as
    | { description?: string; pattern?: string; properties?: object }
    | undefined
  const p = error.params as Record<string, unknown>
  const problem = (message: string, dataPath: DataPath = at, key = false): Problem => ({
    location: locate(dataPath, { key }),
    path: formatDataPath(dataPath) || '(top level)',
    message,
  })
  switch (error.keyword) {
    case 'required': {
      const field = String(p.missingProperty)
      return { ...problem(`missing required field "${field}"`), path: formatDataPath([...at, field]) }
    }
    case 'additionalProperties': {
      const field = String(p.additionalProperty)
      const allowed = Object.keys(parent?.properties ?? {})
      const guess = closest(field, allowed)
      return problem(
        `unknown field "${field}"${guess ? ` (did you mean "${guess}"?)` : ''} (allowed: ${allowed.join(', ')})`,
        [...at, field],
        true,
      )
    }
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => typeWords[t] ?? t)
      return problem(`expected ${types.join(' or ')}, found ${found}`)
    }
    case 'anyOf': {
      const options = (error.schema as { const?: unknown }[]) ?? []
      if (options.every((o) => 'const' in o)) {
        const allowed = options.map((o) => JSON.stringify(o.const)).join(', ')
        const guess =
          typeof error.data === 'string'
            ? closest(
                error.data,
                options.map((o) => String(o.const)),
              )
            : undefined
        return problem(
          `expected one of ${allowed}, found ${found}${guess ? ` (did you mean "${guess}"?)` : ''}`,
        )
      }
      return problem(`${error.message ?? 'does not match any allowed form'}, found ${found}`)
    }
    case 'const':
      return problem(`expected ${JSON.stringify(p.allowedValue)}, found ${found}`)
    case 'minLength':
      return problem(
        p.limit === 1
          ? `expected text, found ${found}`
          : `expected at least ${p.limit} characters, found ${found}`,
      )
    case 'minItems':
      return problem(`expected a list of at least ${p.limit} item${p.limit === 1 ? '' : 's'}, found ${found}`)
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return problem(`expected a number ${p.comparison} ${p.limit}, found ${found}`)
    case 'pattern':
      return problem(`expected ${parent?.description ?? `text matching ${p.pattern}`}, found ${found}`)
    case 'format':
      return problem(`expected ${parent?.description ?? `a ${p.format}`}, found ${found}`)
    default:
      return problem(`${error.message ?? 'is not valid'} (found ${found})`)
  }
}

// ---------------------------------------------------------------------------------------------
// Semantic checks. They run even when the schema failed, so they read the value defensively and
// skip whatever is not well-formed (the schema problems already say why).

type Loose = Record<string, unknown>

const asObject = (v: unknown): Loose | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const asStrings = (v: unknown): string[] => asArray(v).filter((s): s is string => typeof s === 'string')

interface LooseMetric {
  value: Loose
  path: (string | number)[]
  /** The text the metric's sentence must come from. */
  paragraphs: string[]
  /** What holds the metric, for messages: "keyword \"zhongyuan-science-city\"". */
  holder: string
}

interface LooseRef {
  ids: unknown[]
  path: (string | number)[]
}

function collect(root: Loose): { metrics: LooseMetric[]; highlights: LooseRef[] } {
  const metrics: LooseMetric[] = []
  const highlights: LooseRef[] = []
  const addMetrics = (list: unknown, path: (string | number)[], paragraphs: string[], holder: string) => {
    asArray(list).forEach((m, i) => {
      const value = asObject(m)
      if (value) metrics.push({ value, path: [...path, i], paragraphs, holder })
    })
  }
  for (const name of ['intro', 'targets'] as const) {
    const block = asObject(root[name])
    if (!block) continue
    addMetrics(block.metrics, [name, 'metrics'], asStrings(block.paragraphs), `the ${name} paragraphs`)
    if (block.highlights !== undefined)
      highlights.push({ ids: asArray(block.highlights), path: [name, 'highlights'] })
  }
  asArray(root.sections).forEach((s, si) => {
    const section = asObject(s)
    if (!section) return
    if (section.highlights !== undefined) {
      highlights.push({ ids: asArray(section.highlights), path: ['sections', si, 'highlights'] })
    }
    asArray(section.keywords).forEach((k, ki) => {
      const keyword = asObject(k)
      if (!keyword) return
      const at = ['sections', si, 'keywords', ki]
      const paragraphs = asStrings(keyword.paragraphs)
      const name = `keyword ${JSON.stringify(keyword.title ?? keyword.id)}`
      addMetrics(keyword.metrics, [...at, 'metrics'], paragraphs, `the paragraphs of ${name}`)
      asArray(keyword.projects).forEach((pr, pi) => {
        const project = asObject(pr)
        if (!project) return
        const text = typeof project.text === 'string' ? [project.text] : []
        addMetrics(
          project.metrics,
          [...at, 'projects', pi, 'metrics'],
          [...text, ...paragraphs],
          `the text of project ${JSON.stringify(project.title ?? project.id)}`,
        )
      })
    })
  })
  return { metrics, highlights }
}

/** Whitespace carries no meaning in Chinese text, and YAML folding may add or drop it. */
const squash = (s: string) => s.replace(/\s+/g, '')

const isTaskNumber = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1

/**
 * Section numbers. In the city's report every section is a key task, numbered 1 … n in the order
 * listed. In an edition the city's sections keep the report's numbers wherever the edition puts
 * them (never renumbered, each number once), and the edition's own sections (local: true) are not
 * key tasks and have no number.
 */
function sectionNumberProblems(
  sections: unknown[],
  { locate, numbering = 'report' }: ValidateOptions,
): Problem[] {
  const problems: Problem[] = []
  const add = (path: DataPath, message: string, key = false) =>
    problems.push({ location: locate(path, { key }), path: formatDataPath(path), message })
  const firstWith = new Map<number, number>()
  sections.forEach((s, si) => {
    const section = asObject(s)
    if (!section) return
    const n = section.number
    const at = ['sections', si]
    if (section.local === true) {
      if (numbering === 'report') {
        add(
          [...at, 'local'],
          "a report's sections are its key tasks; local: true is for a section an edition adds about its own area",
          true,
        )
      } else if (n !== undefined) {
        add(
          [...at, 'number'],
          `a local section is not one of the report's numbered key tasks: it has no number (found ${describeValue(n)})`,
          true,
        )
      }
      return
    }
    if (n === undefined) {
      problems.push({
        location: locate(at),
        path: formatDataPath([...at, 'number']),
        message:
          numbering === 'report'
            ? `missing required field "number": the key task's number as the report prints it (expected ${si + 1})`
            : 'missing required field "number": a section of the city\'s report keeps the report\'s number (only local sections have none)',
      })
      return
    }
    if (!isTaskNumber(n)) return // the schema says why
    if (numbering === 'report' && n !== si + 1) {
      add(
        [...at, 'number'],
        `section number ${n} is out of order: expected ${si + 1} (sections are numbered 1 … ${sections.length} in the order they are listed)`,
      )
    }
    const first = firstWith.get(n)
    if (first === undefined) firstWith.set(n, si)
    else if (numbering === 'edition') {
      add(
        [...at, 'number'],
        `duplicate section number ${n}: already the number of sections[${first}] at ${formatLocation(locate(['sections', first, 'number']))}; the city's sections keep the report's numbers, each once`,
      )
    }
  })
  return problems
}

function semanticProblems(value: unknown, options: ValidateOptions): Problem[] {
  const { locate } = options
  const root = asObject(value)
  if (!root) return []
  const problems: Problem[] = []
  const add = (path: DataPath, message: string, key = false) =>
    problems.push({ location: locate(path, { key }), path: formatDataPath(path), message })

  // Unique ids: `scope` groups the ids that must differ from each other.
  const seen = new Map<string, DataPath>()
  const unique = (kind: string, scope: string, id: unknown, path: DataPath) => {
    if (typeof id !== 'string') return
    const key = `${kind}\u0000${scope}\u0000${id}`
    const first = seen.get(key)
    if (first) {
      add(
        [...path, 'id'],
        `duplicate ${kind} id "${id}": already used by ${formatDataPath(first)} at ${formatLocation(locate([...first, 'id']))}`,
      )
    } else seen.set(key, path)
  }

  // Sections: unique ids, numbered (see sectionNumberProblems); keywords unique within their section.
  const sections = asArray(root.sections)
  problems.push(...sectionNumberProblems(sections, options))
  sections.forEach((s, si) => {
    const section = asObject(s)
    if (!section) return
    unique('section', '', section.id, ['sections', si])
    asArray(section.keywords).forEach((k, ki) => {
      const keyword = asObject(k)
      if (!keyword) return
      unique('keyword', String(si), keyword.id, ['sections', si, 'keywords', ki])
      asArray(keyword.projects).forEach((p, pi) => {
        unique('project', '', asObject(p)?.id, ['sections', si, 'keywords', ki, 'projects', pi])
      })
    })
  })

  // Metrics: ids unique in the whole report; figures appear in sentences, sentences in paragraphs.
  const { metrics, highlights } = collect(root)
  for (const { value: m, path, paragraphs, holder } of metrics) {
    unique('metric', '', m.id, path)
    if (!Value.Check(Metric, m)) continue
    const metric = m as Metric
    if (metric.comparator === 'range' && metric.upper === undefined) {
      add(path, 'comparator "range" needs an "upper" value: the upper bound, e.g. 5 for 3至5个')
      continue
    }
    if (metric.comparator !== 'range' && metric.upper !== undefined) {
      add(
        [...path, 'upper'],
        `"upper" is only used with comparator "range" (this metric is "${metric.comparator}")`,
      )
    }
    if (metric.comparator === 'range' && metric.upper !== undefined && metric.upper <= metric.value) {
      add([...path, 'upper'], `"upper" (${metric.upper}) must be greater than "value" (${metric.value})`)
    }
    const figure = formatMetric(metric, 'zh-CN')
    const sentence = squash(metric.sentence)
    if (![figure, ...zhAlternativeFigures(metric)].some((f) => sentence.includes(squash(f)))) {
      add(
        [...path, 'value'],
        `the figure "${figure}" (from value, scale, unit and comparator) does not appear in its sentence ${JSON.stringify(
          truncate(metric.sentence, 80),
        )}`,
      )
    }
    if (paragraphs.length > 0 && !paragraphs.some((text) => squash(text).includes(sentence))) {
      add(
        [...path, 'sentence'],
        `the sentence is not part of ${holder}: copy it verbatim from there (${JSON.stringify(truncate(metric.sentence, 40))})`,
      )
    }
  }

  // Whose report it is; figures cited again by reference ({ ref, sentence }).
  metaProblems(root.meta, add)
  const definitions = new Map<string, Metric>()
  for (const m of metrics) if (typeof m.value.id === 'string') definitions.set(m.value.id, m.value as Metric)
  refProblems(metrics, definitions, closest, add)

  // Metric references (highlights) must name existing metrics.
  const known = new Set(metrics.map((m) => m.value.id).filter((id): id is string => typeof id === 'string'))
  for (const ref of highlights) {
    problems.push(
      ...metricRefProblems(
        ref.ids.map((id) => (typeof id === 'string' ? id : undefined)),
        known,
        (i) => locate([...ref.path, i]),
        formatDataPath(ref.path),
      ),
    )
  }
  return problems
}

function metricRefProblems(
  ids: readonly (string | undefined)[],
  known: ReadonlySet<string>,
  location: (index: number) => SourceLocation,
  path: string | undefined,
): Problem[] {
  const problems: Problem[] = []
  ids.forEach((id, i) => {
    if (id === undefined || known.has(id)) return
    const guess = closest(id, known)
    problems.push({
      location: location(i),
      path: path ? `${path}[${i}]` : undefined,
      message: `dangling reference: no metric has the id "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
    })
  })
  return problems
}

export interface MetricRefsWhere {
  /** Where the references are: one place for all, or one per index. */
  location: SourceLocation | ((index: number) => SourceLocation)
  /** Data path of the list, e.g. "charts[0].metrics"; problems get "<path>[i]". */
  path?: string
}

/**
 * Problems for metric ids that name no metric of the report (for charts, templates and editions
 * that refer to metrics). Returns them rather than throwing, so callers can collect them.
 */
export function checkMetricRefs(ids: readonly string[], report: Report, where: MetricRefsWhere): Problem[] {
  const known = new Set(indexMetrics(report).keys())
  const { location } = where
  return metricRefProblems(ids, known, typeof location === 'function' ? location : () => location, where.path)
}

// ---------------------------------------------------------------------------------------------

function byPlace(a: Problem, b: Problem): number {
  const la = a.location?.line ?? Number.MAX_SAFE_INTEGER
  const lb = b.location?.line ?? Number.MAX_SAFE_INTEGER
  return la - lb || (a.location?.column ?? 0) - (b.location?.column ?? 0)
}

/**
 * Checks a report value against the schema and the semantic rules and returns it typed. Throws one
 * DataValidationError("<file>: N problems") listing every problem.
 */
export function validateReport(value: unknown, options: ValidateOptions): Report {
  const all = [...schemaProblems(value, options), ...semanticProblems(value, options)]
  const seen = new Set<string>()
  const problems = all
    .filter((p) => {
      const key = `${p.path}\u0000${p.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort(byPlace)
  if (problems.length === 0) return value as Report
  const n = problems.length
  const shown = problems.slice(0, MAX_PROBLEMS)
  if (n > MAX_PROBLEMS) shown.push({ message: `… and ${n - MAX_PROBLEMS} more problems` })
  throw new DataValidationError(`${options.file}: ${n} problem${n === 1 ? '' : 's'}`, { problems: shown })
}
