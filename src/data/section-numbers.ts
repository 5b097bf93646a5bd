// Section numbers, a rule a schema cannot say: in the city's report the sections are its key tasks
// numbered 1 … n in order; in an edition they keep the report's numbers in any order, and the
// edition's own sections (local: true) have none.
import { formatLocation, type Problem } from '../errors.js'
import type { DataPath, Locate } from './locate.js'
import { asObject } from './loose.js'
import { describeValue, formatDataPath } from './wording.js'

export interface NumberingOptions {
  locate: Locate
  /**
   * 'report' (default): the city's report, its sections are its key tasks numbered 1 … n in order.
   * 'edition': a merged edition, where the city's sections keep the report's numbers in any order
   * (unique, none missing) and the edition's own sections (local: true) have no number.
   */
  numbering?: 'report' | 'edition'
}

const isTaskNumber = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1

/**
 * Section numbers. In the city's report every section is a key task, numbered 1 … n in the order
 * listed. In an edition the city's sections keep the report's numbers wherever the edition puts
 * them (never renumbered, each number once), and the edition's own sections (local: true) are not
 * key tasks and have no number.
 */
export function sectionNumberProblems(
  sections: unknown[],
  { locate, numbering = 'report' }: NumberingOptions,
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
