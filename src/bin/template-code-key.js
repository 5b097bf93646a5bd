// The key under which a compiled template's code is kept: its text and the options it is compiled
// with. Shared by the build (precompile-templates.js) and the run time (src/render/template-code.ts),
// so the two cannot disagree. Plain JavaScript, like build-dist.js.
import { createHash } from 'node:crypto'

/** How every template is compiled: partials keep their text as written (no re-indenting). Handlebars
 * adds to the options it is given: pass a copy. */
export const TEMPLATE_COMPILE_OPTIONS = Object.freeze({ preventIndent: true })

/** sha256 of the compile options and the template's text. */
export function templateCodeKey(source, options) {
  return createHash('sha256').update(JSON.stringify(options)).update('\0').update(source).digest('hex')
}
