// The report data model: one source of truth for the TypeScript types (Static<…>), for validation
// (ajv compiles these very objects) and for schema/report.schema.json (written by `npm run schema`).
// Descriptions are part of the schema and show up in editors as hover help, so they are written
// for the people who edit the YAML.
// The parts live beside it: metric-schema.ts (metrics, references, ids, text) and meta-schema.ts
// (meta, presentation); this file puts the report together.
import { type Static, Type as T } from '@sinclair/typebox'
import { Meta, Presentation } from './meta-schema.js'
import { Metric, MetricItem, Slug, Text } from './metric-schema.js'

export { Level, Meta, Presentation } from './meta-schema.js'
export {
  Comparator,
  isMetricRef,
  Metric,
  MetricItem,
  MetricKind,
  MetricRef,
  Scale,
  Slug,
} from './metric-schema.js'

/** Which chart a section or keyword shows (the attachment rule: src/charts/lookup.ts). */
const ChartChoice = T.Optional(
  T.Union([Slug, T.Literal(false)], {
    description:
      "the chart shown with this item: a file <name>.vl.json in the report's charts/, the project's templates/charts/ or huibao's built-in charts; false for none. Without it, a chart file named exactly the id is used",
  }),
)

export const Keyword = T.Object(
  {
    id: Slug,
    title: Text,
    paragraphs: T.Array(Text, {
      description: 'the full text under this keyword, one string a paragraph',
    }),
    metrics: T.Optional(
      T.Array(Metric, {
        description: 'every figure stated in these paragraphs',
      }),
    ),
    chart: ChartChoice,
    places: T.Optional(
      T.Object(
        {
          names: T.Array(Text, {
            minItems: 2,
            description:
              'the places as the paragraph names them, in its order: the first column of the table',
          }),
          columns: T.Array(Text, {
            minItems: 2,
            maxItems: 2,
            description: 'the two column headings of the table: the places, and what each is to do',
          }),
        },
        {
          additionalProperties: false,
          description:
            "a paragraph of this keyword lists places each with its own part (a county and its industries): the slide shows that list as a table, one row a place, in the paragraph's words",
        },
      ),
    ),
    projects: T.Optional(
      T.Array(
        T.Object(
          {
            id: Slug,
            title: T.String({
              minLength: 1,
              description: 'short name for tables and slides: 就业, 住房',
            }),
            text: Text,
            metrics: T.Optional(T.Array(Metric)),
          },
          { additionalProperties: false },
        ),
        { description: 'livelihood projects (民生实事), each its own item' },
      ),
    ),
  },
  { additionalProperties: false },
)

export const Section = T.Object(
  {
    id: Slug,
    number: T.Optional(
      T.Integer({
        minimum: 1,
        description:
          "the task number as the report prints it: 1 … 8; editions keep the report's numbers, a local section has none",
      }),
    ),
    local: T.Optional(
      T.Boolean({
        description:
          "a section an edition adds about its own area: not one of the report's numbered key tasks",
      }),
    ),
    title: Text,
    lead: Text,
    keywords: T.Array(Keyword, { minItems: 1 }),
    chart: ChartChoice,
    highlights: T.Optional(
      T.Array(Slug, { description: 'metric ids to show as key figures on the section slide' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "one of the report's key tasks (重点工作), or (local: true) a section an edition adds about its own area",
  },
)

export const Block = T.Object(
  {
    title: Text,
    paragraphs: T.Array(Text, { minItems: 1 }),
    framing: T.Optional(
      T.Integer({
        minimum: 1,
        description:
          "how many of the first paragraphs are the publisher's framing (a news sentence about the speech), not the speech: the reading copy leaves them out",
      }),
    ),
    metrics: T.Optional(T.Array(Metric)),
    highlights: T.Optional(
      T.Array(Slug, { description: 'metric ids to show as key figures on the section slide' }),
    ),
  },
  { additionalProperties: false },
)

export const NonMetricNumber = T.Object(
  {
    text: T.String({
      minLength: 1,
      description: 'the words holding the number, verbatim: 第五届, “十四五”, 2030年',
    }),
    reason: T.Union(
      [
        T.Literal('year'),
        T.Literal('date'),
        T.Literal('ordinal'),
        T.Literal('name'),
        T.Literal('phrase'),
        T.Literal('duration'),
        T.Literal('other'),
      ],
      { description: 'why this number is not a metric' },
    ),
    note: T.Optional(T.String()),
  },
  { additionalProperties: false },
)

export const Report = T.Object(
  {
    $schema: T.Optional(T.String()),
    id: Slug,
    locale: T.Union([T.Literal('zh-CN'), T.Literal('en')], {
      description: 'language of the texts',
    }),
    meta: Meta,
    presentation: T.Optional(Presentation),
    intro: Block,
    targets: Block,
    sections: T.Array(Section, { minItems: 1 }),
    nonMetricNumbers: T.Optional(
      T.Array(NonMetricNumber, {
        description: 'numbers in the text that are not metrics, and why',
      }),
    ),
    checkNumbers: T.Optional(
      T.Boolean({
        description:
          'check that every number in the text is a metric or a listed nonMetricNumber (default: true for zh-CN)',
      }),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://huibao.dev/schema/report.schema.json',
    title: 'huibao report',
  },
)
export type Keyword = Static<typeof Keyword>
export type Section = Static<typeof Section>
export type Block = Static<typeof Block>
export type NonMetricNumber = Static<typeof NonMetricNumber>
export type Report = Static<typeof Report>
export type Project = NonNullable<Keyword['projects']>[number]

/** A copy of `schema` in which every place a Metric goes also takes a MetricRef. */
function withMetricRefs<S>(schema: S): S {
  const copy = (node: unknown): unknown => {
    if (node === Metric) return MetricItem
    if (Array.isArray(node)) return node.map(copy)
    if (node === null || typeof node !== 'object') return node
    const out: Record<string | symbol, unknown> = {}
    for (const key of Reflect.ownKeys(node)) out[key] = copy((node as Record<string | symbol, unknown>)[key])
    return out
  }
  return copy(schema) as S
}

/**
 * The report as written: metrics lists may also hold { ref, sentence } items. This is what
 * validation compiles and schema/report.schema.json describes; after validation the references are
 * resolved (src/data/refs.ts), so templates and charts see only full metrics (type Report).
 */
export const ReportInput = withMetricRefs(Report)
