// An isolated Handlebars environment per render, with the helpers every template family shares
// (deck and handout add their own through `extraHelpers`). Report text is untrusted: `{{x}}` escapes
// HTML and `{{md x}}` also neutralises Markdown, so a data text is always shown literally.
import { readdir, stat } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import Handlebars from 'handlebars'
import type { Edition } from '../context.js'
import { type SourceLocation, TemplateRenderError } from '../errors.js'
import { translateFor } from '../i18n/locale.js'
import { isMissingFile, safeReadText } from '../utils/safe-read.js'
import { templateCode } from './template-code.js'

export type HelperDelegate = Handlebars.HelperDelegate
export type HelperOptions = Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } }

export interface TemplateSet {
  /** folder the templates were read from, e.g. templates/deck */
  dir: string
  /** main template file, e.g. templates/deck/deck.md.hbs */
  main: string
  source: string
  partials: Map<string, { file: string; source: string }>
}

/**
 * Reads `main` and every `*.hbs` in `<dir>/partials/` (partial name = file name without .hbs). A
 * report's own `templates/<family>/` (family = deck, handout) overrides the main template and any
 * partial by name, and may add partials (src/resources.ts).
 */
export async function loadTemplateSet(dir: string, main: string, reportDir?: string): Promise<TemplateSet> {
  const own = reportDir ? join(reportDir, 'templates', basename(dir)) : undefined
  const ownMain = own ? join(own, main) : undefined
  const mainFile = ownMain && (await isFile(ownMain)) ? ownMain : join(dir, main)
  const roots = [dir, ...(own ? [own] : [])]
  const source = await safeReadText(mainFile, { roots, what: 'template' }).catch((error: unknown) => {
    throw isMissingFile(error) ? new TemplateRenderError(`template ${mainFile} does not exist`) : error
  })
  const partials = new Map<string, { file: string; source: string }>()
  // The built-in partials first, then the report's, which replace them by name.
  for (const partialDir of [join(dir, 'partials'), ...(own ? [join(own, 'partials')] : [])]) {
    const names = await readdir(partialDir).catch(() => [] as string[])
    for (const name of names.filter((n) => n.endsWith('.hbs')).sort()) {
      const file = join(partialDir, name)
      partials.set(basename(name, '.hbs').replace(/\.(md|html)$/, ''), {
        file,
        source: await safeReadText(file, { roots, what: 'partial', location: { file } }),
      })
    }
  }
  return { dir, main: mainFile, source, partials }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  )
}

/** Escapes text for HTML and for Markdown (incl. Marp's math `$` and emoji `:` syntax). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>"'`*_[\]#!|~\\$:{}()+\-.=^]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** "templates/deck/partials/keyword.hbs:12:5": where a helper was called, for error messages. */
export function helperLocation(options: HelperOptions, projectRoot: string): SourceLocation | undefined {
  const file = (options.data as { templateFile?: string } | undefined)?.templateFile
  const start = options.loc?.start
  if (!file) return undefined
  return {
    file: relative(projectRoot, file),
    line: start?.line,
    column: start ? start.column + 1 : undefined,
  }
}

export interface RenderEnvironment {
  edition: Edition
  projectRoot: string
  /** helpers specific to a template family (deck, handout) */
  extraHelpers?: Record<string, HelperDelegate>
}

/** A fresh Handlebars instance with the shared helpers and the set's partials registered. */
export function createHandlebars(set: TemplateSet, env: RenderEnvironment): typeof Handlebars {
  const hb = Handlebars.create()
  const { edition } = env
  const helpers: Record<string, HelperDelegate> = {
    /** {{md text}}: literal text inside Markdown */
    md: (text: unknown) => new hb.SafeString(escapeMarkdown(String(text ?? ''))),
    /** {{t "common.contents" n=3}}: a locale string */
    t(key: string, options: HelperOptions) {
      try {
        return translateFor(edition, key, options.hash)
      } catch (error) {
        throw new TemplateRenderError((error as Error).message, {
          location: helperLocation(options, env.projectRoot),
        })
      }
    },
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    gt: (a: number, b: number) => a > b,
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    not: (a: unknown) => !a,
    inc: (n: number) => n + 1,
    add: (a: number, b: number) => a + b,
    len: (list: unknown) => (Array.isArray(list) ? list.length : 0),
    /** {{chineseNumber 3}} -> 三 (section numbers in headings) */
    chineseNumber: (n: number) => chineseNumber(n),
    json: (value: unknown) => new hb.SafeString(JSON.stringify(value)),
    ...env.extraHelpers,
  }
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn)
  for (const [name, partial] of set.partials)
    hb.registerPartial(name, compileFile(hb, partial.file, partial.source))
  return hb
}

/**
 * Compiled template code by template source. Parsing and compiling the deck's templates took most of
 * a render's time (the handout renders its templates twice), and `huibao dev` renders the same templates on
 * every save; the code depends only on the source, so each instance just links it (hb.template). The
 * built-in templates' code comes compiled with dist/ (template-code.ts).
 */
const compiledSources = new Map<string, TemplateSpecification>()
type TemplateSpecification = Parameters<typeof Handlebars.template>[0]

function compiledSpec(file: string, source: string): TemplateSpecification {
  const cached = compiledSources.get(source)
  if (cached) return cached
  // precompile gives the template's code as JavaScript source; evaluating it is what compile() does too
  const code = precompile(file, source)
  const spec = new Function(`return ${code}`)() as TemplateSpecification
  if (compiledSources.size >= 1000) compiledSources.clear()
  compiledSources.set(source, spec)
  return spec
}

function compileFile(hb: typeof Handlebars, file: string, source: string): Handlebars.TemplateDelegate {
  const template = hb.template(compiledSpec(file, source))
  // Partials run with their own file name in @data, so helper errors can point into them.
  return (context, options) =>
    template(context, { ...options, data: { ...options?.data, templateFile: file } })
}

/** The template's code; a syntax error becomes an error with the template's own file and line. */
function precompile(file: string, source: string): string {
  try {
    return templateCode(source)
  } catch (error) {
    // Handlebars says "Parse error on line 3:" or "if doesn't match each - 2:3".
    const message = String((error as Error).message)
    const at = /line (\d+)/.exec(message) ?? /- (\d+):(\d+)\s*$/m.exec(message)
    throw new TemplateRenderError(
      `template syntax error: ${message.split('\n')[0]?.replace(/\s*- \d+:\d+\s*$/, '')}`,
      {
        location: {
          file,
          line: at?.[1] ? Number(at[1]) : undefined,
          column: at?.[2] ? Number(at[2]) + 1 : undefined,
        },
        cause: error,
      },
    )
  }
}

/** Renders the set's main template with `context`; every error names the template file. */
export function renderTemplateSet(set: TemplateSet, env: RenderEnvironment, context: unknown): string {
  const hb = createHandlebars(set, env)
  const main = compileFile(hb, set.main, set.source)
  try {
    return main(context, { data: { templateFile: set.main } })
  } catch (error) {
    if (error instanceof TemplateRenderError) throw error
    throw new TemplateRenderError(
      `having trouble rendering template ${relative(env.projectRoot, set.main)}: ${(error as Error).message}`,
      {
        location: { file: relative(env.projectRoot, set.main) },
        cause: error,
      },
    )
  }
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n)
  if (n < 10) return DIGITS[n] ?? String(n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`
}
