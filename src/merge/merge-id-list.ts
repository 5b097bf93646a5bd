// Lists of items with ids (sections, keywords, metrics, projects) merge by id: each overlay item
// patches the base item with the same id, `add: true` adds a new one after the base items,
// `remove: true` leaves one out, and `order: {<list>: [ids]}` on the map holding the list puts
// those ids first. The rules are written out in overlay.ts; this module applies them to one list.

import type { DataPath, Merged, MergeSteps, Obj, ProvenanceNode } from './overlay-types.js'
import { RESERVED } from './overlay-types.js'
import { clone, isObject } from './overlay-values.js'
import { checkAddedSection, checkSectionPatch, isReportSections, localSection } from './section-rules.js'

interface Entry {
  value: Obj
  node: ProvenanceNode
  id: string
}

/** Where the list sits: in the base, in the overlay, and on which map (whose `order:` applies). */
export interface IdListPlace {
  basePath: DataPath
  overlayPath: DataPath
  /** id-based display path of the list, for changes and problems */
  display: string
  /** the overlay map holding the list, and its path */
  parent: Obj
  parentPath: DataPath
  /** the list's key on that map */
  key: string
}

/** The state of one list merge: the base items (patched in place), removals and additions. */
interface ListMerge extends IdListPlace {
  steps: MergeSteps
  base: Obj[]
  entries: Entry[]
  baseIds: string[]
  removed: Set<string>
  added: Entry[]
}

function unknownId(id: string, key: string, known: string[], advice: string): string {
  const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ')
  return `no item with id "${id}" in the base ${key} (known: ${list})${advice ? `; ${advice}` : ''}`
}

/** `remove: true`: the item is left out; it takes no other field. */
function removeItem(m: ListMerge, item: Obj, id: string, oPath: DataPath, display: string): void {
  const index = m.baseIds.indexOf(id)
  if (index === -1) {
    m.steps.problem([...oPath, 'id'], unknownId(id, m.key, m.baseIds, 'cannot remove it'), display)
    return
  }
  const extra = Object.keys(item).filter((k) => k !== 'id' && k !== RESERVED.remove)
  if (extra.length > 0) {
    m.steps.problem(
      [...oPath, extra[0] as string],
      `"remove: true" leaves the item out; it takes no other fields (found ${extra.join(', ')})`,
      display,
      true,
    )
  }
  m.removed.add(id)
  m.steps.changes.push({ kind: 'removed', path: display, at: oPath, before: m.base[index] })
}

/** `add: true`: a new item after the base items (a new top-level section is the edition's own). */
function addItem(m: ListMerge, fields: Obj, id: string, oPath: DataPath, display: string): void {
  if (m.baseIds.includes(id)) {
    m.steps.problem(
      [...oPath, 'add'],
      `"${id}" already exists in the base ${m.key}; leave out "add: true" to change it, or choose a new id`,
      display,
    )
    return
  }
  const section = isReportSections(m.key, m.parentPath)
  if (section) checkAddedSection(m.steps, fields, oPath, display)
  m.steps.changes.push({ kind: 'added', path: display, at: oPath, after: fields })
  const added = m.steps.addedValue(fields, oPath, display)
  const value = section ? localSection(id, added.value as Obj) : (added.value as Obj)
  m.added.push({ value, node: added.node, id })
}

/** An item without add or remove patches the base item with the same id. */
function patchItem(m: ListMerge, item: Obj, id: string, oPath: DataPath, display: string): void {
  const index = m.baseIds.indexOf(id)
  if (index === -1) {
    m.steps.problem(
      [...oPath, 'id'],
      unknownId(id, m.key, m.baseIds, 'to add a new item, mark it "add: true"'),
      display,
    )
    return
  }
  if (isReportSections(m.key, m.parentPath)) checkSectionPatch(m.steps, item, id, oPath, display)
  const entry = m.entries[index] as Entry
  const merged = m.steps.mergeMap(
    m.base[index],
    [...m.basePath, index],
    Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'id')),
    oPath,
    display,
  )
  merged.value.id = id
  entry.value = merged.value
  entry.node = merged.node
}

/** One overlay item: checked, then removed, added or patched. */
function applyItem(m: ListMerge, item: unknown, i: number, seen: Set<string>): void {
  const oPath = [...m.overlayPath, i]
  if (!isObject(item) || typeof item.id !== 'string') {
    m.steps.problem(
      oPath,
      `each item of "${m.key}" needs an "id" (items of this list are merged by id)`,
      `${m.display}[${i}]`,
    )
    return
  }
  const id = item.id
  const display = `${m.display}[${id}]`
  if (seen.has(id)) {
    m.steps.problem([...oPath, 'id'], `"${id}" is given twice in "${m.key}"; give each id once`, display)
    return
  }
  seen.add(id)
  const { add, remove, ...rest } = item
  if (add !== undefined && add !== true) {
    m.steps.problem([...oPath, 'add'], 'expected "add: true" (or leave "add" out)', display)
  } else if (remove !== undefined && remove !== true) {
    m.steps.problem([...oPath, 'remove'], 'expected "remove: true" (or leave "remove" out)', display)
  } else if (add && remove) {
    m.steps.problem(oPath, `"${id}" cannot be both added and removed`, display)
  } else if (remove) {
    removeItem(m, rest, id, oPath, display)
  } else if (add) {
    addItem(m, rest, id, oPath, display)
  } else {
    patchItem(m, item, id, oPath, display)
  }
}

/** `order: {<key>: [ids]}` on the parent map: those ids first, in that order; the rest as before. */
function applyOrder(m: ListMerge, list: Entry[]): Entry[] {
  const order = isObject(m.parent[RESERVED.order]) ? (m.parent[RESERVED.order] as Obj)[m.key] : undefined
  if (order === undefined) return list
  const { key, display } = m
  const orderPath = [...m.parentPath, RESERVED.order, key]
  if (!Array.isArray(order) || !order.every((x) => typeof x === 'string')) {
    m.steps.problem(orderPath, `expected a list of ${key} ids`, display)
    return list
  }
  const ids = list.map((e) => e.id)
  const first: Entry[] = []
  const listed = new Set<string>()
  order.forEach((id, i) => {
    if (listed.has(id)) {
      m.steps.problem([...orderPath, i], `"${id}" is listed twice in order.${key}`, display)
      return
    }
    listed.add(id)
    const entry = list.find((e) => e.id === id)
    if (!entry) {
      const why = m.removed.has(id)
        ? `"${id}" is removed by this edition`
        : `no item with id "${id}" in this edition's ${key} (${ids.join(', ')})`
      m.steps.problem([...orderPath, i], `order.${key}: ${why}`, display)
      return
    }
    first.push(entry)
  })
  const ordered = [...first, ...list.filter((e) => !listed.has(e.id))]
  const after = ordered.map((e) => e.id)
  if (after.join() !== ids.join()) {
    m.steps.changes.push({ kind: 'reordered', path: display, at: orderPath, before: ids, after })
  }
  return ordered
}

/** Merges an overlay list onto a base list of items with ids (see the module comment). */
export function mergeIdList(
  steps: MergeSteps,
  base: Obj[],
  overlay: unknown[],
  place: IdListPlace,
): Merged<Obj[]> {
  const entries: Entry[] = base.map((item, i) => ({
    value: clone(item),
    node: { origin: { layer: 'base', path: [...place.basePath, i] } },
    id: String(item.id),
  }))
  const m: ListMerge = {
    ...place,
    steps,
    base,
    entries,
    baseIds: entries.map((e) => e.id),
    removed: new Set(),
    added: [],
  }
  const seen = new Set<string>()
  overlay.forEach((item, i) => {
    applyItem(m, item, i, seen)
  })
  const list = applyOrder(m, [...entries.filter((e) => !m.removed.has(e.id)), ...m.added])
  const node: ProvenanceNode = { origin: { layer: 'base', path: place.basePath }, children: new Map() }
  list.forEach((e, i) => {
    node.children?.set(i, e.node)
  })
  return { value: list.map((e) => e.value), node }
}
