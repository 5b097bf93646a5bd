// The project config, huibao.config.yaml: a TypeBox schema, so that one definition gives the type and
// the ajv validator (the same wording and file:line:column as the report data). Every key is optional;
// flags override what the file says, and the file overrides huibao's defaults.
import { type Static, Type } from '@sinclair/typebox'

export const CONFIG_FILE = 'huibao.config.yaml'

const OutputName = Type.Union(
  [
    Type.Literal('deck-html'),
    Type.Literal('deck-pdf'),
    Type.Literal('deck-notes-pdf'),
    Type.Literal('slides-png'),
    Type.Literal('deck-pptx'),
    Type.Literal('handout-pdf'),
    Type.Literal('reading-copy-pdf'),
    Type.Literal('slides-handout-pdf'),
  ],
  { description: 'an output huibao build can make' },
)

export const ProjectConfig = Type.Object(
  {
    report: Type.Optional(
      Type.String({ minLength: 1, description: 'default report folder, relative to this file' }),
    ),
    editions: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }))], {
        description: 'editions `huibao build` builds by default: a list of ids, or "all"',
      }),
    ),
    theme: Type.Optional(Type.String({ minLength: 1, description: 'a theme folder in themes/' })),
    outputs: Type.Optional(Type.Array(OutputName, { minItems: 1 })),
    out: Type.Optional(Type.String({ minLength: 1, description: 'output folder, relative to this file' })),
    browser: Type.Optional(Type.String({ minLength: 1, description: 'Chromium or Chrome executable' })),
    timeout: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3600,
        description:
          'seconds one page may take before the browser counts as hung and is replaced (default 180)',
      }),
    ),
    concurrency: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 32, description: 'editions built at once' }),
    ),
  },
  { additionalProperties: false },
)
export type ProjectConfig = Static<typeof ProjectConfig>
