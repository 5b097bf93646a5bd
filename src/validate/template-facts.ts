// What the template check needs to know of one template source, worked out by parsing it: its
// syntax error, or the partials ({{> name}}) and metric ids ({{metric "id"}}, highlight="id") it
// names, each with its line and column. The facts depend on the source alone, so they are kept in
// the disk cache keyed by the source and the build (src/data/build-stamp.ts): a template that did
// not change is not parsed again. The report-dependent part (which names exist) is templates.ts.
import Handlebars from 'handlebars'
import { buildStamp } from '../data/build-stamp.js'
import { diskCache, hashKey } from '../utils/cache.js'

/** Helpers whose first argument, when a literal string, is a metric id. */
const METRIC_HELPERS = new Set(['metric', 'metricLabel', 'metricSentence', 'withFigure'])

export interface Place {
  line?: number
  column?: number
}

/** A name the template uses, in the order the template uses them. */
export type TemplateRef = ({ partial: string } | { metrics: string[] }) & Place

export type TemplateFacts = { syntaxError: { message: string; line?: number } } | { refs: TemplateRef[] }

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

/** The facts of one source, by parsing it. */
export function parseTemplateFacts(source: string): TemplateFacts {
  let ast: unknown
  try {
    ast = Handlebars.parse(source)
  } catch (error) {
    const message = String((error as Error).message)
    const line = /line (\d+)/.exec(message) ?? /- (\d+):(\d+)\s*$/m.exec(message)
    return {
      syntaxError: {
        message: message.split('\n')[0] ?? message,
        line: line?.[1] ? Number(line[1]) : undefined,
      },
    }
  }
  const refs: TemplateRef[] = []
  walk(ast, (n) => {
    const place: Place = { line: n.loc?.start.line, column: n.loc ? n.loc.start.column + 1 : undefined }
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = (n.name as { original?: unknown } | undefined)?.original
      if (typeof name === 'string') refs.push({ partial: name, ...place })
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
      if (ids.length > 0) refs.push({ metrics: ids, ...place })
    }
  })
  return { refs }
}

/** The facts of one source: from the disk cache when this build worked them out before. */
export async function templateFacts(source: string): Promise<TemplateFacts> {
  const build = await buildStamp()
  if (build === undefined) return parseTemplateFacts(source)
  const cache = diskCache('templates')
  const key = hashKey('template-facts', build, source)
  const hit = await cache.get(key)
  if (hit) return JSON.parse(hit.toString('utf8')) as TemplateFacts
  const facts = parseTemplateFacts(source)
  await cache.set(key, JSON.stringify(facts))
  return facts
}
