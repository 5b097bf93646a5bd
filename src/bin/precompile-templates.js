// The built-in Handlebars templates (templates/**/*.hbs), compiled when huibao is built. Parsing and
// compiling them was a fifth of the Node time of a one-edition build, and their code depends only on
// their text and the compile options: build-dist.js puts each template's code into dist/ by a hash of
// the two, and src/render/template-code.ts finds it there. A template changed since the build (a
// report's own, or an edited built-in one) has another hash and is compiled at run time as before.
// Plain JavaScript, like build-dist.js, so that it runs before anything is built.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Handlebars from 'handlebars'
import { ROOT } from './dist.js'
import { TEMPLATE_COMPILE_OPTIONS, templateCodeKey } from './template-code-key.js'

function templateFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return templateFiles(path)
    return entry.name.endsWith('.hbs') ? [path] : []
  })
}

/** Code by key for every built-in template, compiled as at run time. */
export function precompileBuiltInTemplates() {
  const code = {}
  for (const file of templateFiles(join(ROOT, 'templates'))) {
    const source = readFileSync(file, 'utf8')
    code[templateCodeKey(source, TEMPLATE_COMPILE_OPTIONS)] = Handlebars.precompile(source, {
      ...TEMPLATE_COMPILE_OPTIONS,
    })
  }
  return code
}
