// Every word a template adds (目录, 第 N 页, 关键词 …) comes from templates/locales/<locale>.yaml,
// never from the template itself, so that an edition in another language is complete or fails loudly.
import { join } from 'node:path'
import { parse } from 'yaml'
import { TemplateRenderError } from '../errors.js'
import { isMissingFile, safeReadText } from '../utils/safe-read.js'

export type LocaleStrings = Readonly<Record<string, string>>

/** Reads templates/locales/<locale>.yaml: a flat or nested map of strings, flattened to dotted keys. */
export async function loadLocale(projectRoot: string, locale: string): Promise<LocaleStrings> {
  const file = join(projectRoot, 'templates', 'locales', `${locale}.yaml`)
  const text = await safeReadText(file, { roots: [projectRoot], what: 'locale file' }).catch(
    (error: unknown) => {
      if (!isMissingFile(error)) throw error
      throw new TemplateRenderError(`no strings for the locale ${locale}: ${file} does not exist`)
    },
  )
  const flat: Record<string, string> = {}
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k)
    } else if (value !== null && value !== undefined) flat[prefix] = String(value)
  }
  walk(parse(text), '')
  return flat
}

/** Every key in `reference` (the zh-CN strings) that `strings` lacks. */
export function missingKeys(strings: LocaleStrings, reference: LocaleStrings): string[] {
  return Object.keys(reference).filter((k) => !(k in strings))
}

/** Looks a string up and fills {name} placeholders; a missing key is an error, never a blank. */
export function translate(strings: LocaleStrings, key: string, vars: Record<string, unknown> = {}): string {
  const template = strings[key]
  if (template === undefined) throw new TemplateRenderError(`missing locale string "${key}"`)
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}
