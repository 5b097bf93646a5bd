// The checks of a report a JSON Schema cannot express: unique ids, each figure inside its sentence
// and each sentence inside its paragraphs, section numbering (section-numbers.ts), whose report it
// is and figures cited again (report-rules.ts), highlights that name metrics (metric-refs.ts).
// They run even when the schema failed, reading the value defensively (loose.ts).
import { Value } from '@sinclair/typebox/value'
import { formatLocation, type Problem } from '../errors.js'
import { formatMetric, zhAlternativeFigures } from '../i18n/figures.js'
import type { DataPath } from './locate.js'
import { asArray, asObject, asStrings, type Loose, squash } from './loose.js'
import { metricRefProblems } from './metric-refs.js'
import { metaProblems, refProblems } from './report-rules.js'
import { type NumberingOptions, sectionNumberProblems } from './section-numbers.js'
import { Metric } from './types.js'
import { closest, formatDataPath, truncate } from './wording.js'

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

export function semanticProblems(value: unknown, options: NumberingOptions): Problem[] {
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
      // a list of places is cut from the paragraphs: each place must be named there as written
      const text = squash(asStrings(keyword.paragraphs).join(''))
      asArray(asObject(keyword.places)?.names).forEach((name, ni) => {
        if (typeof name === 'string' && !text.includes(squash(name)))
          add(
            ['sections', si, 'keywords', ki, 'places', 'names', ni],
            `"${name}" is not named in the paragraphs of keyword ${JSON.stringify(keyword.title ?? keyword.id)}: write each place as the paragraph names it`,
          )
      })
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
