// Data files a chart names (data.url): read from inside the project and inlined, so the page that
// draws the chart never loads anything; anything else that points outside the chart is refused.
import { realpath } from 'node:fs/promises'
import { extname, isAbsolute, resolve } from 'node:path'
import { describeCodePoint, findForbidden } from '../data/hygiene.js'
import { safeReadText, UnsafeFileError } from '../utils/safe-read.js'
import { type ChartDefinition, chartError, type JsonPath } from './definition.js'

/** Reasons a URL in a chart is refused, or undefined when it names a project file. */
export function urlProblem(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url))
    return `"${url}" has a scheme; charts may read only files of the project`
  if (url.startsWith('//')) return `"${url}" names another host; charts may read only files of the project`
  if (url.includes('\\') || url.includes('\0')) return `"${url}" is not a plain relative path`
  if (url.startsWith('/') || isAbsolute(url))
    return `"${url}" is absolute; write the path relative to the project`
  return undefined
}

interface Walked {
  /** rows of the top-level data file, if the spec has one */
  topRows?: Record<string, unknown>[]
}

/**
 * Walks the spec: data.url -> inline values read from the project; any other URL, inline values or
 * links -> ChartError.
 */
export async function inlineFiles(
  def: ChartDefinition,
  node: unknown,
  path: JsonPath,
  projectRoot: string,
  walked: Walked = {},
): Promise<Walked> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) await inlineFiles(def, item, [...path, i], projectRoot, walked)
    return walked
  }
  if (!node || typeof node !== 'object') return walked
  const obj = node as Record<string, unknown>
  for (const [key, value] of Object.entries(obj)) {
    const at = [...path, key]
    if (key === 'data' && value && typeof value === 'object' && !Array.isArray(value)) {
      const data = value as Record<string, unknown>
      if (data.values !== undefined) {
        throw chartError(
          def,
          [...at, 'values'],
          'values typed into the spec; a chart shows report data only (bind it with "huibao" or a data file)',
        )
      }
      if (data.url !== undefined) {
        const rows = await readDataFile(def, data, [...at, 'url'], projectRoot)
        obj[key] = { ...(data.name ? { name: data.name } : {}), values: rows }
        if (path.length === 0) walked.topRows = rows
      }
      await inlineFiles(def, obj[key], at, projectRoot, walked)
      continue
    }
    if (key === 'datasets')
      throw chartError(def, at, 'values typed into the spec; a chart shows report data only')
    if (key === 'url' || key === 'href') {
      const reason = typeof value === 'string' ? urlProblem(value) : undefined
      throw chartError(
        def,
        at,
        reason ?? `a chart may name a file only in data.url (charts are static: no images or links)`,
      )
    }
    await inlineFiles(def, value, at, projectRoot, walked)
  }
  return walked
}

async function readDataFile(
  def: ChartDefinition,
  data: Record<string, unknown>,
  at: JsonPath,
  projectRoot: string,
): Promise<Record<string, unknown>[]> {
  const url = data.url
  if (typeof url !== 'string') throw chartError(def, at, 'must be a path relative to the project')
  const problem = urlProblem(url)
  if (problem) throw chartError(def, at, problem)
  const root = await realpath(projectRoot).catch(() => resolve(projectRoot))
  const file = resolve(root, url)
  // The one rule for paths from data (src/utils/safe-read.ts): inside the project, a regular file.
  const text = await safeReadText(file, { roots: [root], what: 'data file' }).catch((error: unknown) => {
    if (!(error instanceof UnsafeFileError)) throw error
    throw chartError(def, at, `data file "${url}" ${error.reason}`)
  })
  const bad = findForbidden(text)
  if (bad) {
    const before = text.slice(0, bad.index).split('\n')
    const place = `${url}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
    throw chartError(def, at, `${describeCodePoint(bad.codePoint)} at ${place} is not allowed in chart data`)
  }
  const real = await realpath(file)
  const format = (data.format ?? {}) as Record<string, unknown>
  const ext = extname(real).toLowerCase().slice(1)
  const type =
    (format.type as string | undefined) ?? (ext === 'tsv' ? 'tsv' : ext === 'json' ? 'json' : 'csv')
  try {
    // Vega's reader is loaded only for charts that read a file: it is slow to import.
    const { read } = await import('vega')
    const rows = read(text, { ...format, type } as Parameters<typeof read>[1])
    if (!Array.isArray(rows)) throw new Error('the file holds no list of rows')
    // Plain numbers become numbers; everything else stays text as written ("6.8%", "3至5个"). Vega's own
    // "auto" parsing would take "6.8%" for a date.
    if (format.parse === undefined && type !== 'json') {
      for (const row of rows as Record<string, unknown>[]) {
        for (const [k, v] of Object.entries(row)) {
          if (typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v.trim())) row[k] = Number(v)
        }
      }
    }
    return rows as Record<string, unknown>[]
  } catch (cause) {
    throw chartError(def, at, `cannot parse "${url}" as ${type}: ${(cause as Error).message}`, cause)
  }
}
