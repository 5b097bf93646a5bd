// The figures of the report's data model (part of the schema in types.ts): a metric as the report
// states it (value, scale, unit, comparator, the sentence it comes from) and a reference citing one
// again, with the ids and text every part of the schema shares. Descriptions are editor hover help.
import { type Static, Type as T } from '@sinclair/typebox'

/** ASCII slug used in ids, folder names and URLs. */
export const Slug = T.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  description: 'lower-case ASCII id: letters, digits and single hyphens, e.g. "gdp-growth"',
})

/** Text as the report states it: never empty. */
export const Text = T.String({
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
    unitText: T.Optional(
      T.String({
        description:
          "the unit as the edition's language writes it, for this figure alone (\"\" for none); else the locale's units table (locales/<locale>.yaml, units:) or huibao's own words",
      }),
    ),
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

export type Metric = Static<typeof Metric>
export type MetricRef = Static<typeof MetricRef>
export type MetricItem = Static<typeof MetricItem>
export type Comparator = Static<typeof Comparator>

export function isMetricRef(item: MetricItem): item is MetricRef {
  return 'ref' in item
}
