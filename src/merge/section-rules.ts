// The rules that hold only for the report's top-level sections: the city's sections keep the
// report's numbers wherever the edition puts them and are never local; a section the edition adds
// is local (the merge sets local: true) and has no number, since it is not one of the report's key
// tasks. Apart from the generic list merge, which knows nothing about sections.
import type { DataPath, MergeSteps, Obj } from './overlay-types.js'

/** Whether a list of items with ids is the report's own `sections` (not a list inside an item). */
export function isReportSections(key: string, parentPath: DataPath): boolean {
  return key === 'sections' && parentPath.length === 0
}

/** A section the edition adds: no number, and no `local` other than the merge's own local: true. */
export function checkAddedSection(steps: MergeSteps, item: Obj, oPath: DataPath, display: string): void {
  if ('number' in item) {
    steps.problem(
      [...oPath, 'number'],
      'a section the edition adds is not one of the report\'s numbered key tasks: leave out "number"',
      display,
      true,
    )
  }
  if ('local' in item && item.local !== true) {
    steps.problem(
      [...oPath, 'local'],
      'a section the edition adds is always local; leave out "local" (the merge sets local: true)',
      display,
      true,
    )
  }
}

/** A patch of one of the city's sections may neither renumber it nor make it local. */
export function checkSectionPatch(
  steps: MergeSteps,
  item: Obj,
  id: string,
  oPath: DataPath,
  display: string,
): void {
  if ('number' in item) {
    steps.problem(
      [...oPath, 'number'],
      'the city\'s sections keep the report\'s numbers wherever the edition puts them; use "order:" to move a section',
      display,
      true,
    )
  }
  if ('local' in item) {
    steps.problem(
      [...oPath, 'local'],
      `"${id}" is one of the report's key tasks; only a section the edition adds ("add: true") is local`,
      display,
      true,
    )
  }
}

/** An added section as the merge stores it: first its id, then local: true, never a number. */
export function localSection(id: string, value: Obj): Obj {
  const { number: _, ...fields } = value
  return { id, local: true, ...fields }
}
