// The bundled fonts: Noto Sans SC (headings, slides, charts) and Noto Serif SC (print body text), with
// Noto Sans and Noto Serif before them in English editions (fontStack), shipped as npm packages so every machine renders the same. They come split by unicode-range into
// about a hundred woff2 files per weight; Chromium fetches only the files a page needs and embeds
// them in PDFs as CID TrueType (Debian's CFF-based Noto CJK would become Type 3 fonts).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { moduleUrl } from '../browser/serve.js'
import { diskCache, hashKey } from '../utils/cache.js'
import { packageDir } from '../utils/packages.js'

export const FONT_FAMILIES = {
  sans: { family: 'Noto Sans SC', pkg: '@fontsource/noto-sans-sc' },
  serif: { family: 'Noto Serif SC', pkg: '@fontsource/noto-serif-sc' },
  // English editions: Latin text in Noto Sans / Noto Serif (the SC fonts' Latin glyphs are made to
  // sit beside Chinese, and are narrower and lighter than a Latin text face), the SC font after it
  // for any CJK character.
  latinSans: { family: 'Noto Sans', pkg: '@fontsource/noto-sans' },
  latinSerif: { family: 'Noto Serif', pkg: '@fontsource/noto-serif' },
} as const
export type FontKey = keyof typeof FONT_FAMILIES

/** The Latin family set before each CJK family in editions whose locale is not Chinese. */
const LATIN_FIRST: Record<string, string> = {
  [FONT_FAMILIES.sans.family]: FONT_FAMILIES.latinSans.family,
  [FONT_FAMILIES.serif.family]: FONT_FAMILIES.latinSerif.family,
}

/**
 * The families to set text of `locale` in, given the (CJK) family a theme names: ['Noto Sans SC'] for
 * Chinese, ['Noto Sans', 'Noto Sans SC'] for English.
 */
export function fontStack(family: string, locale: string): string[] {
  const latin = LATIN_FIRST[family]
  return latin && !locale.startsWith('zh') ? [latin, family] : [family]
}

/** fontStack() as a CSS font-family value: 'Noto Sans', 'Noto Sans SC', sans-serif */
export function cssFontStack(family: string, locale: string, generic = 'sans-serif'): string {
  return [...fontStack(family, locale).map((f) => `'${f}'`), generic].join(', ')
}

/** Weights we ship to pages: regular text and bold headings. */
export const FONT_WEIGHTS = [400, 700] as const

export interface FontFace {
  family: string
  pkg: (typeof FONT_FAMILIES)[FontKey]['pkg']
  weight: number
  /** file name inside the package's files/ folder */
  file: string
  /** [start, end] code point ranges */
  ranges: [number, number][]
  unicodeRange: string
}

let facesPromise: Promise<FontFace[]> | undefined

/** Parses the @font-face rules of the fontsource packages once. */
export function fontFaces(): Promise<FontFace[]> {
  facesPromise ??= (async () => {
    const faces: FontFace[] = []
    for (const { family, pkg } of Object.values(FONT_FAMILIES)) {
      for (const weight of FONT_WEIGHTS) {
        const css = await readFile(join(packageDir(pkg), `${weight}.css`), 'utf8')
        for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
          const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1]
          const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1]
          if (!file || !range) continue
          faces.push({
            family,
            pkg,
            weight,
            file,
            ranges: parseUnicodeRange(range),
            unicodeRange: range.trim(),
          })
        }
      }
    }
    return faces
  })()
  return facesPromise
}

export function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-')
    const start = Number.parseInt(a ?? '0', 16)
    return [start, b ? Number.parseInt(b, 16) : start]
  })
}

function faceRule(face: FontFace, src: string): string {
  return `@font-face{font-family:'${face.family}';font-style:normal;font-display:block;font-weight:${face.weight};src:${src};unicode-range:${face.unicodeRange}}`
}

/**
 * @font-face rules that load the fonts from the virtual origin: for pages printed to PDF or PNG.
 * font-display: block, so nothing is ever printed in a fallback font.
 */
export async function fontFaceCss(): Promise<string> {
  const faces = await fontFaces()
  return faces
    .map((f) => faceRule(f, `url(${moduleUrl(f.pkg, `files/${f.file}`)}) format('woff2')`))
    .join('\n')
}

/**
 * @font-face rules with the fonts inline as data: URIs, subset to the characters of `text`: for the
 * self-contained HTML deck, which must open from disk with no request at all. With `locale`, a CJK
 * face leaves out the characters that the Latin family set before it (fontStack) has.
 */
export async function embeddedFontCss(text: string, options: EmbedOptions = {}): Promise<string> {
  // The whole result is cached too: a rebuild of an unchanged deck reads one file instead of
  // choosing, reading and encoding a subset for each of a hundred font files.
  const css = diskCache('font-css', { projectRoot: options.projectRoot })
  const format = options.format ?? 'woff2'
  // woff2 keeps the key it always had, so that the subsets already cached stay found
  const locale = options.locale ?? ''
  const key = format === 'woff2' ? hashKey('v1', locale, text) : hashKey('v1', locale, format, text)
  return (await css.through(key, () => subsetFontCss(text, options))).toString('utf8')
}

export interface EmbedOptions {
  projectRoot?: string
  locale?: string
  /**
   * woff2 (default) for files people keep (deck.html); truetype for pages only printed: a subset
   * takes about 15 ms to make instead of 200 (no Brotli compression), and nothing to unpack.
   */
  format?: 'woff2' | 'truetype'
}

const FONT_FORMATS = {
  woff2: { mediaType: 'font/woff2', css: 'woff2' },
  truetype: { mediaType: 'font/ttf', css: 'truetype' },
} as const

async function subsetFontCss(text: string, options: EmbedOptions): Promise<string> {
  const format = options.format ?? 'woff2'
  const { mediaType, css } = FONT_FORMATS[format]
  const faces = await fontFaces()
  const codePoints = [...new Set([...text].map((c) => c.codePointAt(0) ?? 0))].sort((a, b) => a - b)
  const cache = diskCache('font-subsets', { projectRoot: options.projectRoot })
  // In an English edition a CJK face only needs what the Latin family before it lacks.
  const covers = (family: string, cp: number) =>
    faces.some((f) => f.family === family && f.ranges.some(([s, e]) => cp >= s && cp <= e))
  // With a locale, only the families its stacks use (a Chinese deck.html gets no Noto Sans).
  const locale = options.locale
  const families = locale
    ? new Set([FONT_FAMILIES.sans.family, FONT_FAMILIES.serif.family].flatMap((f) => fontStack(f, locale)))
    : undefined
  const rules = await Promise.all(
    faces.map(async (face) => {
      if (families && !families.has(face.family)) return ''
      const before = options.locale ? fontStack(face.family, options.locale).slice(0, -1) : []
      const used = codePoints.filter(
        (cp) =>
          face.ranges.some(([s, e]) => cp >= s && cp <= e) && !before.some((family) => covers(family, cp)),
      )
      if (used.length === 0) return ''
      const chars = String.fromCodePoint(...used)
      const source = join(packageDir(face.pkg), 'files', face.file)
      const key =
        format === 'woff2' ? hashKey('v1', face.file, chars) : hashKey('v1', format, face.file, chars)
      const subset = await cache.through(key, async () =>
        (await import('subset-font')).default(await readFile(source), chars, { targetFormat: format }),
      )
      return faceRule(face, `url(data:${mediaType};base64,${subset.toString('base64')}) format('${css}')`)
    }),
  )
  return rules.filter(Boolean).join('\n')
}
