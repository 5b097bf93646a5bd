// The JSON Schema of an edition overlay (schema/edition.schema.json), derived from the report's so
// the two cannot drift apart: every field optional (an overlay gives only what differs), items of
// id-keyed lists take `add: true` / `remove: true`, and the overlay names its `base` and may give
// an `order`. Unknown fields stay errors, so a typo is caught in the editor as in `huibao validate`.
import { ReportInput } from './types.js'

type Json = Record<string, unknown>

const ORDER: Json = {
  type: 'object',
  description: 'ids to put first in a list of this map, e.g. sections: [local-focus, rural]',
  additionalProperties: { type: 'array', items: { type: 'string' } },
}

function loosen(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(loosen)
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'required' || k === 'minItems' || k === '$id') continue
    out[k] = loosen(v)
  }
  const props = out.properties as Json | undefined
  // `order: {<list>: [ids]}` on any map that holds a list puts those ids first.
  if (out.type === 'object' && props && Object.values(props).some((p) => (p as Json).type === 'array')) {
    out.properties = { ...props, order: ORDER }
  }
  if (out.type === 'object' && props && 'id' in props) {
    out.properties = {
      ...(out.properties as Json),
      add: { type: 'boolean', description: 'a new item this edition adds (its id must be new)' },
      remove: { type: 'boolean', description: 'leave this item of the report out (give only id and remove)' },
    }
  }
  return out
}

/** The edition overlay schema (draft-07). */
export function editionJsonSchema(): Json {
  const report = JSON.parse(JSON.stringify(ReportInput)) as Json
  const loose = loosen(report) as Json
  const props = { ...(loose.properties as Json) }
  delete props.id
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://huibao.dev/schema/edition.schema.json',
    title: 'huibao edition overlay',
    description:
      "An edition: data/<report>/editions/<id>.yaml over the report's report.yaml. Give only what differs; lists of items with ids merge by id.",
    type: 'object',
    additionalProperties: false,
    required: ['base'],
    properties: {
      base: { type: 'string', description: 'the id of the report this edition overlays' },
      ...props,
      order: ORDER,
    },
  }
}
