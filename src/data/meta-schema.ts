// Whose report it is and how it is presented (part of the schema in types.ts): meta (the level of
// government, region, meeting, speaker, dates) and presentation (theme, accent, logo, edition name).
import { type Static, Type as T } from '@sinclair/typebox'
import { Text } from './metric-schema.js'

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

export type Level = Static<typeof Level>
export type Meta = Static<typeof Meta>
export type Presentation = Static<typeof Presentation>
