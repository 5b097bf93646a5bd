// Validating a merged edition in a language other than Chinese. The schema and semantic checks
// hold for every language except one: a figure must appear in its sentence as the Chinese report
// writes it. For other locales those findings are replaced by the same check in that language's
// way of writing figures ("7.5%", "24 billion", "3 to 5").
import { Value } from '@sinclair/typebox/value'
import { allMetrics } from '../data/metrics.js'
import { Metric, type Report } from '../data/types.js'
import { formatDataPath, validateReport } from '../data/validate.js'
import { DataValidationError, type Problem } from '../errors.js'
import { formatMetric } from '../i18n/figures.js'
import type { EditionSource } from './edition-types.js'
import type { DataPath } from './overlay.js'

interface MetricText {
  metric: Metric
  path: DataPath
  paragraphs: string[]
}

/** Every metric of the report with the paragraphs its sentence must come from. */
function metricTexts(report: Report): MetricText[] {
  return allMetrics(report).map((e) => ({
    metric: e.metric,
    path: e.path,
    paragraphs: [
      ...(e.project ? [e.project.text] : []),
      ...(e.keyword?.paragraphs ?? (e.block ? report[e.block].paragraphs : [])),
    ],
  }))
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase()

/** The number(s) of a figure as English writes them: "7.5%", "24 billion", "3 to 5", "1,500". */
export function englishFigureCore(metric: Metric): string {
  const plain = formatMetric(
    { ...metric, comparator: metric.comparator === 'range' ? 'range' : 'exact' },
    'en',
  )
  const m = /\d[\d,.]*(?:%| to [\d,.]+)?(?: trillion| billion| million)?/.exec(plain)
  return m ? m[0] : plain
}

function figureProblems(text: MetricText, locate: EditionSource['locate']): Problem[] {
  const { metric, paragraphs, path: at } = text
  const problems: Problem[] = []
  // the place is looked up only for a problem: a file read quickly parses its places on first ask
  const where = () => ({ location: locate([...at, 'sentence']), path: formatDataPath([...at, 'sentence']) })
  const core = englishFigureCore(metric)
  if (!squash(metric.sentence).includes(squash(core))) {
    problems.push({
      ...where(),
      message: `the figure "${core}" (${formatMetric(metric, 'en')}) does not appear in its sentence`,
    })
  }
  if (paragraphs.length > 0 && !paragraphs.some((p) => squash(p).includes(squash(metric.sentence)))) {
    problems.push({
      ...where(),
      message: 'the sentence is not part of its (translated) paragraph: copy it verbatim from there',
    })
  }
  return problems
}

/** Validates a merged edition; in a language other than zh-CN, figures are checked as it writes them. */
export function validateInLanguage(
  value: unknown,
  file: string,
  locate: EditionSource['locate'],
  locale: string,
): Report {
  try {
    return validateReport(value, { file, locate, numbering: 'edition' })
  } catch (error) {
    if (!(error instanceof DataValidationError) || locale === 'zh-CN') throw error
    const report = value as Report
    let texts: MetricText[]
    try {
      texts = metricTexts(report)
    } catch {
      // The report is too malformed to list its metrics: the schema's findings stand as they are.
      throw error
    }
    // Drop the Chinese figure findings for metrics that are otherwise well-formed, and check those
    // figures the way this language writes them.
    const wellFormed = new Set<string>()
    const ownProblems: Problem[] = []
    for (const text of texts) {
      if (!Value.Check(Metric, text.metric)) continue
      const at = formatDataPath(text.path)
      wellFormed.add(`${at}.value`)
      wellFormed.add(`${at}.sentence`)
      ownProblems.push(...figureProblems(text, locate))
    }
    const kept = error.problems.filter((p) => !(p.path && wellFormed.has(p.path)))
    const problems = [...kept, ...ownProblems]
    if (problems.length === 0) return report
    const n = problems.length
    throw new DataValidationError(`${file}: ${n} problem${n === 1 ? '' : 's'}`, { problems })
  }
}
