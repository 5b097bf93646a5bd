// The bundled fonts: Noto Sans SC (headings, slides, charts) and Noto Serif SC (print body text),
// shipped as npm packages so every machine renders the same. They come split by unicode-range into
// about a hundred woff2 files per weight; Chromium fetches only the files a page needs and embeds
// them in PDFs as CID TrueType (Debian's CFF-based Noto CJK would become Type 3 fonts).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import subsetFont from 'subset-font'
import { moduleUrl, packageDir } from '../browser/session.js'
import { diskCache, hashKey } from '../utils/cache.js'

export const FONT_FAMILIES = {
  sans: { family: 'Noto Sans SC', pkg: '@fontsource/noto-sans-sc' },
  serif: { family: 'Noto Serif SC', pkg: '@fontsource/noto-serif-sc' },
} as const
export type FontKey = keyof typeof FONT_FAMILIES

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
 * self-contained HTML deck, which must open from disk with no request at all.
 */
export async function embeddedFontCss(text: string, options: { projectRoot?: string } = {}): Promise<string> {
  const faces = await fontFaces()
  const codePoints = [...new Set([...text].map((c) => c.codePointAt(0) ?? 0))].sort((a, b) => a - b)
  const cache = diskCache('font-subsets', { projectRoot: options.projectRoot })
  const rules = await Promise.all(
    faces.map(async (face) => {
      const used = codePoints.filter((cp) => face.ranges.some(([s, e]) => cp >= s && cp <= e))
      if (used.length === 0) return ''
      const chars = String.fromCodePoint(...used)
      const source = join(packageDir(face.pkg), 'files', face.file)
      const subset = await cache.through(hashKey('v1', face.file, chars), async () =>
        subsetFont(await readFile(source), chars, { targetFormat: 'woff2' }),
      )
      return faceRule(face, `url(data:font/woff2;base64,${subset.toString('base64')}) format('woff2')`)
    }),
  )
  return rules.filter(Boolean).join('\n')
}
