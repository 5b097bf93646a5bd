// Templates checked without rendering: every template and partial the report would use (its own
// templates/ first) parses, every {{> partial}} names one that exists, and every metric id written
// into a template ({{metric "gdp-growth"}}, {{chart … highlight="…"}}) is a metric of the report.

import { relative } from 'node:path'
import Handlebars from 'handlebars'
import { checkMetricRefs } from '../data/metric-refs.js'
import type { Report } from '../data/types.js'
import { closest } from '../data/wording.js'
import { isReportError, type Problem, type SourceLocation } from '../errors.js'
import { loadTemplateSet } from '../render/handlebars.js'
import { templateFamilyDir } from '../resources.js'

const FAMILIES: Record<string, string[]> = {
  deck: ['deck.md.hbs'],
  handout: ['handout.html.hbs', 'reading-copy.html.hbs'],
}

/** Helpers whose first argument, when a literal string, is a metric id. */
const METRIC_HELPERS = new Set(['metric', 'metricLabel', 'metricSentence', 'withFigure'])

type Node = { type: string; loc?: { start: { line: number; column: number } } } & Record<string, unknown>

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit)
    return
  }
  if (!node || typeof node !== 'object') return
  const n = node as Node
  if (typeof n.type === 'string') visit(n)
  for (const [key, value] of Object.entries(n))
    if (key !== 'loc' && value && typeof value === 'object') walk(value, visit)
}

/** Problems of one template source: syntax, unknown partials, unknown metric ids. */
function templateProblems(
  file: string,
  source: string,
  partials: ReadonlySet<string>,
  report: Report,
  projectRoot: string,
): Problem[] {
  const shown = relative(projectRoot, file).startsWith('..') ? file : relative(projectRoot, file)
  const at = (n: Node): SourceLocation => ({
    file: shown,
    line: n.loc?.start.line,
    column: n.loc ? n.loc.start.column + 1 : undefined,
  })
  let ast: unknown
  try {
    ast = Handlebars.parse(source)
  } catch (error) {
    const message = String((error as Error).message)
    const line = /line (\d+)/.exec(message) ?? /- (\d+):(\d+)\s*$/m.exec(message)
    return [
      {
        location: { file: shown, line: line?.[1] ? Number(line[1]) : undefined },
        message: `template syntax error: ${message.split('\n')[0]}`,
      },
    ]
  }
  const problems: Problem[] = []
  walk(ast, (n) => {
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = (n.name as { original?: unknown } | undefined)?.original
      if (typeof name === 'string' && !partials.has(name)) {
        const guess = closest(name, partials)
        problems.push({
          location: at(n),
          message: `unknown partial {{> ${name}}}${guess ? ` (did you mean "${guess}"?)` : ''}; partials: ${[...partials].join(', ')}`,
        })
      }
    }
    if (n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement') {
      const helper = (n.path as { original?: unknown } | undefined)?.original
      const ids: string[] = []
      const first = (n.params as Node[] | undefined)?.[0]
      if (METRIC_HELPERS.has(String(helper)) && first?.type === 'StringLiteral') ids.push(String(first.value))
      for (const pair of ((n.hash as { pairs?: Node[] } | undefined)?.pairs ?? []) as Node[]) {
        const value = pair.value as Node | undefined
        if (pair.key === 'highlight' && value?.type === 'StringLiteral') ids.push(String(value.value))
      }
      if (ids.length > 0) problems.push(...checkMetricRefs(ids, report, { location: at(n) }))
    }
  })
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
        problems.push(...templateProblems(file, source, names, report, projectRoot))
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
