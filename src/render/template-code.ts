// A template's compiled code: from dist/ for the built-in templates as they were when huibao was
// built (src/bin/precompile-templates.js), else compiled now. Running from src/ (tests, tsx) there
// is no dist/ copy and every template is compiled at run time.
import Handlebars from 'handlebars'
import { TEMPLATE_COMPILE_OPTIONS, templateCodeKey } from '../bin/template-code-key.js'

/** Set by build-dist.js (esbuild define): code by templateCodeKey; absent when running from src/. */
declare const __HUIBAO_TEMPLATE_CODE__: Record<string, string> | undefined

/** The JavaScript source of the template's code (Handlebars.precompile's result); throws on bad syntax. */
export function templateCode(source: string): string {
  if (typeof __HUIBAO_TEMPLATE_CODE__ !== 'undefined') {
    const built = __HUIBAO_TEMPLATE_CODE__[templateCodeKey(source, TEMPLATE_COMPILE_OPTIONS)]
    if (built !== undefined) return built
  }
  return Handlebars.precompile(source, { ...TEMPLATE_COMPILE_OPTIONS }) as string
}
