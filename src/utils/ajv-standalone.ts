// ajv's standalone code generator (a validator as JavaScript source, to keep compiled in the disk
// cache: compiling a schema at every start costs more than the whole check). It is a CommonJS module
// whose default export Node and TypeScript see differently; this is the one place that sorts it out.
import type { Ajv, ValidateFunction } from 'ajv'
import standaloneModule from 'ajv/dist/standalone/index.js'

export type StandaloneCode = (ajv: Ajv, validate: ValidateFunction) => string

export const standaloneCode: StandaloneCode =
  (standaloneModule as unknown as { default?: StandaloneCode }).default ??
  (standaloneModule as unknown as StandaloneCode)
