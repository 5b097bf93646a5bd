// The report data model: one source of truth for the TypeScript types (Static<…>), for validation
// (ajv compiles these very objects) and for schema/report.schema.json (written by `npm run schema`).
// Descriptions are part of the schema and show up in editors as hover help, so they are written
// for the people who edit the YAML.
import { type Static, Type as T } from '@sinclair/typebox'

/** ASCII slug used in ids, folder names and URLs. */
export const Slug = T.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  description: 'lower-case ASCII id: letters, digits and single hyphens, e.g. "gdp-growth"',
})

const Text = T.String({
  minLength: 1,
  description: 'text as the report states it',
})

/** How a figure relates to its value: "7.5%以上" is at-least, "3至5个" a range. */
export const Comparator = T.Union(
  [
    T.Literal('exact'),
    T.Literal('at-least'), // 以上 (after the number)
    T.Literal('not-less-than'), // 不少于 (before the number)
    T.Literal('about'), // 左右
    T.Literal('within'), // 以内
    T.Literal('range'), // 3至5个: value .. upper
  ],
  {
    description:
      'exact | at-least (以上) | not-less-than (不少于) | about (左右) | within (以内) | range (至)',
  },
)

export const MetricKind = T.Union(
  [T.Literal('growth-rate'), T.Literal('level'), T.Literal('count'), T.Literal('share')],
  {
    description:
      'growth-rate: a % change; level: an amount or size (亿元, 万平方米); count: a number of things (家, 个); share: a ratio or rate (%, not a change)',
  },
)

export const Scale = T.Union([T.Literal('千'), T.Literal('万'), T.Literal('亿'), T.Literal('万亿')], {
  description:
    'the Chinese scale word written between number and unit: 240亿元 is value 240, scale 亿, unit 元; 1.3万亿斤 is value 1.3, scale 万亿, unit 斤',
})

export const Metric = T.Object(
  {
    id: Slug,
    label: T.String({
      minLength: 1,
      description: 'what is measured, short: 地区生产总值增长',
    }),
    value: T.Number({
      description: 'the number as written, before the scale: 7.5 for 7.5%, 240 for 240亿元',
    }),
    upper: T.Optional(
      T.Number({
        description: 'upper bound of a range (comparator: range): 5 for 3至5个',
      }),
    ),
    scale: T.Optional(Scale),
    unit: T.String({
      description: 'unit as written, without the scale: %, 家, 个, 元, 平方米, 班 (may be empty)',
    }),
    comparator: Comparator,
    kind: MetricKind,
    sentence: T.String({
      minLength: 1,
      description:
        'the words of the paragraph this figure comes from, copied verbatim; the figure must appear in it',
    }),
  },
  {
    additionalProperties: false,
    description: 'one quantitative figure of the report',
  },
)

/**
 * A figure cited again in another sentence: the metric is defined once (by id) and this item says
 * where else the report states it; the figure is checked against this sentence too.
 */
export const MetricRef = T.Object(
  {
    ref: Slug,
    sentence: T.String({
      minLength: 1,
      description: 'the other sentence that states the figure, copied verbatim from this paragraph',
    }),
  },
  {
    additionalProperties: false,
    description:
      'a metric defined elsewhere, cited again in this paragraph: { ref: <metric id>, sentence: … }',
  },
)

/** Where metrics go: a metric, or a reference to one cited again. */
export const MetricItem = T.Union([Metric, MetricRef])

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

/** The level of government whose report it is. */
export const Level = T.Union(
  [
    T.Literal('national'),
    T.Literal('province'),
    T.Literal('city'),
    T.Literal('county'),
    T.Literal('district'),
    T.Literal('development-zone'),
  ],
  { description: 'national | province | city | county | district | development-zone' },
)

export const Meta = T.Object(
  {
    title: Text,
    region: T.Optional(
      T.String({
        minLength: 1,
        description: 'the place the report governs, as the report names it: 全国, 某某省, 某某市, 某某县',
      }),
    ),
    level: T.Optional(Level),
    city: T.Optional(
      T.String({
        minLength: 1,
        description: 'older spelling of region for a city (level city); use region and level instead',
      }),
    ),
    issuer: T.Optional(
      T.String({
        minLength: 1,
        description:
          'who delivered the report: 某某市人民政府, 国务院. An edition never changes it; presentation.office says who localised the edition',
      }),
    ),
    year: T.Integer({ minimum: 1949, maximum: 2100 }),
    meeting: Text,
    delivered: T.String({
      format: 'date',
      description: 'the day the report was delivered, YYYY-MM-DD',
    }),
    speaker: Text,
    role: Text,
    source: Text,
    published: T.String({
      format: 'date-time',
      description: 'publication time with offset, e.g. 2021-01-31T12:58:00+08:00',
    }),
    talkMinutes: T.Optional(
      T.Integer({
        minimum: 1,
        maximum: 600,
        description: 'time allotted for the talk',
      }),
    ),
  },
  { additionalProperties: false },
)

export const Presentation = T.Object(
  {
    theme: T.Optional(T.String({ description: 'theme name from themes/: formal or plain' })),
    accent: T.Optional(
      T.String({
        pattern: '^#[0-9a-fA-F]{6}$',
        description: 'accent colour, #rrggbb',
      }),
    ),
    logo: T.Optional(
      T.String({
        description: 'logo image (SVG or PNG), path relative to this file',
      }),
    ),
    edition: T.Optional(
      T.String({
        description: 'edition name shown on the cover and in the footer: 某某市, 某某县',
      }),
    ),
    office: T.Optional(
      T.String({
        description:
          "the office that made this edition (a district's own government); the report's issuer is meta.issuer",
      }),
    ),
    text: T.Optional(
      T.Union([T.Literal('full'), T.Literal('digest')], {
        description: 'what the text is: the full report, or a digest of it as published by meta.source',
      }),
    ),
    marking: T.Optional(T.String({ description: 'a marking printed on the handout cover, e.g. 会议材料' })),
    printedBy: T.Optional(T.String({ description: 'who printed the handout, for its colophon' })),
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

export type Metric = Static<typeof Metric>
export type MetricRef = Static<typeof MetricRef>
export type MetricItem = Static<typeof MetricItem>
export type Level = Static<typeof Level>
export type Keyword = Static<typeof Keyword>
export type Section = Static<typeof Section>
export type Block = Static<typeof Block>
export type Meta = Static<typeof Meta>
export type Presentation = Static<typeof Presentation>
export type NonMetricNumber = Static<typeof NonMetricNumber>
export type Report = Static<typeof Report>
export type Project = NonNullable<Keyword['projects']>[number]
export type Comparator = Static<typeof Comparator>

export function isMetricRef(item: MetricItem): item is MetricRef {
  return 'ref' in item
}

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
