// Templates checked without rendering: every template and partial the report would use (its own
// templates/ first) parses, every {{> partial}} names one that exists, and every metric id written
// into a template ({{metric "gdp-growth"}}, {{chart … highlight="…"}}) is a metric of the report.
// What each template names comes from template-facts.ts; which of those names exist is decided here.

import { relative } from 'node:path'
import { checkMetricRefs } from '../data/metric-refs.js'
import type { Report } from '../data/types.js'
import { closest } from '../data/wording.js'
import { isReportError, type Problem, type SourceLocation } from '../errors.js'
import { loadTemplateSet } from '../render/handlebars.js'
import { templateFamilyDir } from '../resources.js'
import { type Place, type TemplateFacts, templateFacts } from './template-facts.js'

const FAMILIES: Record<string, string[]> = {
  deck: ['deck.md.hbs'],
  handout: ['handout.html.hbs', 'reading-copy.html.hbs'],
}

/** Problems of one template: its syntax, unknown partials, unknown metric ids. */
function templateProblems(
  file: string,
  facts: TemplateFacts,
  partials: ReadonlySet<string>,
  report: Report,
  projectRoot: string,
): Problem[] {
  const shown = relative(projectRoot, file).startsWith('..') ? file : relative(projectRoot, file)
  const at = ({ line, column }: Place): SourceLocation => ({ file: shown, line, column })
  if ('syntaxError' in facts) {
    const { message, line } = facts.syntaxError
    return [{ location: { file: shown, line }, message: `template syntax error: ${message}` }]
  }
  const problems: Problem[] = []
  for (const ref of facts.refs) {
    if ('partial' in ref) {
      if (partials.has(ref.partial)) continue
      const guess = closest(ref.partial, partials)
      problems.push({
        location: at(ref),
        message: `unknown partial {{> ${ref.partial}}}${guess ? ` (did you mean "${guess}"?)` : ''}; partials: ${[...partials].join(', ')}`,
      })
    } else problems.push(...checkMetricRefs(ref.metrics, report, { location: at(ref) }))
  }
  return problems
}

/** Every problem of the templates a build of `report` would use, each at its file:line:column. */
export async function templateSetProblems(
  report: Report,
  reportDir: string,
  projectRoot: string,
): Promise<Problem[]> {
  const problems: Problem[] = []
  // A partial shared by two main templates (with the same partials around it) is checked once.
  const checked = new Set<string>()
  for (const [family, mains] of Object.entries(FAMILIES)) {
    for (const main of mains) {
      let set: Awaited<ReturnType<typeof loadTemplateSet>>
      try {
        set = await loadTemplateSet(templateFamilyDir(family, projectRoot), main, reportDir)
      } catch (error) {
        // A template that cannot be read is a problem to list with the others; anything else is a bug.
        if (!isReportError(error)) throw error
        problems.push({ location: error.location, message: error.message }, ...error.problems)
        continue
      }
      const names = new Set(set.partials.keys())
      const files = new Map([[set.main, set.source]])
      for (const p of set.partials.values()) files.set(p.file, p.source)
      for (const [file, source] of files) {
        const key = `${file}\u0000${[...names].join('\u0000')}`
        if (checked.has(key)) continue
        checked.add(key)
        problems.push(...templateProblems(file, await templateFacts(source), names, report, projectRoot))
      }
    }
  }
  // A problem found in two sets (a main template's own partial shadowing another) is listed once.
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = `${p.location?.file}:${p.location?.line}:${p.location?.column}:${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
