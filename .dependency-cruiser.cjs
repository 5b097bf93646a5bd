// The architecture, checked (`npm run structure`, in CI): no import cycles, and no module imports
// from a layer above its own. Layers, lowest first; a module may import its own layer and those below.
// The README's "Architecture" section draws the same picture.
const LAYERS = [
  // what everything may use: errors, the exit code table, files, logging, HTML text
  ['^src/(errors|exit-codes)\\.ts$', '^src/(utils|log|html|types)/'],
  // the data model: the report's types and schemas
  ['^src/data/(types|edition-schema)(\\.ts$|/)', '^src/data/schema/'],
  // shared services: locale strings and figures, fonts, the browser, resource lookup, themes
  ['^src/(i18n|fonts|browser|themes)/', '^src/resources\\.ts$'],
  // 1-2. load and validate one report
  ['^src/data/'],
  // 3. merge editions over the report
  ['^src/merge/', '^src/context\\.ts$'],
  // 4. charts
  ['^src/charts/'],
  // 5. templates
  ['^src/render/'],
  // 6. outputs
  ['^src/export/'],
  // the pipeline and what drives it
  ['^src/(pipeline|resource-list)\\.ts$', '^src/(progress|validate|dev|scaffold|config)/'],
  // commands and the command line
  ['^src/commands/', '^src/cli(\\.ts$|/)'],
]

const above = (i) => LAYERS.slice(i + 1).flat()

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle: the modules cannot be understood (or loaded) one at a time',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...LAYERS.slice(0, -1).map((paths, i) => ({
      name: `layer-${i}-imports-upward`,
      comment: 'a lower layer imports a higher one: move the shared thing down, or pass it in',
      severity: 'error',
      from: { path: paths, pathNot: above(i) },
      to: { path: above(i), pathNot: LAYERS.slice(0, i + 1).flat() },
    })),
    {
      name: 'unplaced-module',
      comment: 'every module of src/ belongs to a layer above; add new folders to LAYERS',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.flat() },
      to: {},
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/bin/' },
  },
}
