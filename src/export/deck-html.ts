// deck.html: the rendered deck as ONE self-contained file that presents from disk with no network.
//
// Everything is inline: Marp's HTML and CSS, the fonts (subset to the characters used, as data: URIs),
// images (project files become data: URIs), the chart SVGs, and the runtime (deck-runtime/runtime.js
// and .css: keyboard navigation, presenter view, print). A Content-Security-Policy meta allows only
// inline styles, data: fonts and images, and the exact inline scripts by hash, so even a mistake in a
// template or a hostile report text cannot make the file load anything. We also check at build time
// and fail with a ConfinementError naming the resource, because under the CSP it would only break
// silently on the presenter's laptop.
import { createHash } from 'node:crypto'
import { readFile, realpath } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Marp } from '@marp-team/marp-core'
import type { BuildContext, Edition } from '../context.js'
import { ConfinementError, type Problem } from '../errors.js'
import { embeddedFontCss, FONT_FAMILIES } from '../fonts/faces.js'
import { decodeEntities, htmlText } from '../html/text.js'
import { translate } from '../i18n/locale.js'
import { writeAtomic } from '../utils/files.js'
import { PACKAGE_ROOT } from '../utils/paths.js'
import { safeReadFile } from '../utils/safe-read.js'

/**
 * What deck.html needs from the rendered deck (src/render/deck.ts's RenderedDeck has these fields
 * and more; any object with them will do).
 */
export interface DeckHtmlSource {
  /** Marp's HTML: <div class="marpit"> with one <svg data-marpit-svg> (or <section>) per slide */
  html: string
  /** Marp's CSS, theme included */
  css: string
  /** speaker notes, plain text, one entry per slide */
  notes: string[]
  slides: { index: number; title?: string }[]
  /** all visible text of the deck (for font subsetting) */
  text: string
  /** <title>: the report title and edition name; the report's title if absent */
  title?: string
}

/** Locale keys (group deckHtml) the runtime shows; all of them go into the page. */
const RUNTIME_STRINGS = [
  'presenter',
  'next',
  'notes',
  'noNotes',
  'end',
  'elapsed',
  'remaining',
  'start',
  'pause',
  'resume',
  'reset',
  'goto',
  'blackout',
  'whiteout',
  'popupBlocked',
] as const

/** Characters the runtime writes itself: counters, clocks. */
const RUNTIME_GLYPHS = '0123456789/:-·() '

const RUNTIME_DIR = join(PACKAGE_ROOT, 'src', 'export', 'deck-runtime')

let runtimePromise: Promise<{ js: string; css: string }> | undefined
function runtimeFiles(): Promise<{ js: string; css: string }> {
  runtimePromise ??= (async () => ({
    js: await readFile(join(RUNTIME_DIR, 'runtime.js'), 'utf8'),
    css: await readFile(join(RUNTIME_DIR, 'runtime.css'), 'utf8'),
  }))()
  return runtimePromise
}

let marpScript: string | undefined
/** The browser helper marp-core puts into its HTML (fitting headings, custom heading elements). */
function marpBrowserScript(): string {
  marpScript ??= extractScripts(new Marp().render('x').html).scripts[0]?.body ?? ''
  return marpScript
}

/** Writes edition.outDir/deck.html (temp file + rename, so readers never see half a file). */
export async function writeDeckHtml(
  deck: DeckHtmlSource,
  edition: Edition,
  ctx: BuildContext,
): Promise<string> {
  const html = await renderDeckHtml(deck, edition, ctx)
  const file = join(edition.outDir, 'deck.html')
  await writeAtomic(file, html)
  const bytes = Buffer.byteLength(html)
  ctx.logger.debug(`deck.html: ${(bytes / 1024 / 1024).toFixed(2)} MB, ${deck.slides.length} slides`)
  return file
}

/** The whole deck.html as a string. */
export async function renderDeckHtml(
  deck: DeckHtmlSource,
  edition: Edition,
  ctx: BuildContext,
): Promise<string> {
  const runtime = await runtimeFiles()
  const problems: Problem[] = []
  const roots = [ctx.projectRoot, edition.reportDir]

  // 1. Scripts: only marp-core's own browser helper may stay (moved out of the last slide, so that
  //    the presenter view's slide clones carry no script); anything else is refused.
  const { html: slideHtml, scripts } = extractScripts(deck.html)
  let keepMarpScript = false
  for (const script of scripts) {
    if (script.src)
      problems.push({ message: `a <script src="${script.src}"> in the deck (scripts cannot load)` })
    else if (script.body === marpBrowserScript()) keepMarpScript = true
    else
      problems.push({
        message: `an inline <script> in the deck that is not marp-core's own: ${clip(script.body)}`,
      })
  }

  // 2. Images and url()s: project files become data: URIs; anything remote is an error.
  const inliner = new Inliner(roots, problems)
  const body = await inliner.html(slideHtml)
  const css = await inliner.css(deck.css, 'the deck CSS')
  if (problems.length > 0) {
    throw new ConfinementError(`deck.html would need ${problems.length} resource(s) from outside the file`, {
      problems,
      hint: 'deck.html must present offline: use project files (they are inlined) or data: URIs, never URLs or scripts',
    })
  }

  // 3. Strings of the runtime UI, and the data it reads (notes, titles, talk length).
  const strings: Record<string, string> = {}
  // {n} stays for the runtime to fill in (跳转到第 {n} 页)
  for (const key of RUNTIME_STRINGS)
    strings[key] = translate(edition.strings, `deckHtml.${key}`, { n: '{n}' })
  const id = createHash('sha256').update(deck.html).digest('hex').slice(0, 12)
  const data = {
    id,
    notes: deck.notes,
    titles: deck.slides.map((s) => s.title ?? ''),
    talkMinutes: edition.report.meta.talkMinutes ?? null,
    strings,
  }

  // 4. Fonts: subset to every character that can appear, only the families the CSS asks for.
  const title = deck.title ?? edition.report.meta.title
  const text = [
    deck.text,
    htmlText(deck.html),
    deck.notes.join('\n'),
    Object.values(strings).join('\n'),
    title,
    RUNTIME_GLYPHS,
  ].join('\n')
  const fonts = keepUsedFamilies(
    await embeddedFontCss(text, { projectRoot: ctx.projectRoot, locale: edition.locale }),
    css + runtime.css,
  )

  // 5. Assemble. The CSP is the first thing in <head>, before anything it governs.
  const inlineScripts = [...(keepMarpScript ? [marpBrowserScript()] : []), runtime.js]
  const csp = [
    "default-src 'none'",
    'img-src data:',
    'font-src data:',
    "style-src 'unsafe-inline'",
    `script-src ${inlineScripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')

  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeAttr(edition.locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeText(title)}</title>`,
    `<style>${fonts}</style>`,
    `<style>${css}</style>`,
    `<style>${runtime.css}</style>`,
    '</head>',
    '<body>',
    body,
    // A data block is never executed, so the CSP does not apply; "<" is escaped so that no text in
    // it can close the element.
    `<script type="application/json" id="hb-data">${jsonForHtml(data)}</script>`,
    ...inlineScripts.map((s) => `<script>${s}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------
// Scripts

interface FoundScript {
  src?: string
  body: string
}

function extractScripts(html: string): { html: string; scripts: FoundScript[] } {
  const scripts: FoundScript[] = []
  const rest = html.replace(
    /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi,
    (_whole, attrs: string, body: string) => {
      const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs)
      scripts.push({ src: src ? decodeEntities(src[1] ?? src[2] ?? src[3] ?? '') : undefined, body })
      return ''
    },
  )
  return { html: rest, scripts }
}

// ---------------------------------------------------------------------------------------------
// Resources

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
}

/** Attributes through which a document loads something. */
const LOADING_ATTRS = new Set([
  'src',
  'href',
  'xlink:href',
  'srcset',
  'poster',
  'data',
  'background',
  'action',
])
/** Elements whose href is a link the reader may follow, not something the page loads. */
const LINK_ELEMENTS = new Set(['a', 'area'])
/** Elements whose src/href may be an image file that we inline. */
const IMAGE_ELEMENTS = new Set(['img', 'image', 'input', 'feimage'])

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/g
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|&quot;(.*?)&quot;|([^)"'\s]*))\s*\)/g
const CSS_IMPORT = /@import\s+(?:url\(\s*)?(?:"([^"]*)"|'([^']*)'|([^\s;)]+))/g

class Inliner {
  private readonly cache = new Map<string, Promise<string | undefined>>()

  constructor(
    private readonly roots: string[],
    private readonly problems: Problem[],
  ) {}

  /** Rewrites tags' attributes (text between tags is never touched). */
  async html(html: string): Promise<string> {
    const parts: (string | Promise<string>)[] = []
    let last = 0
    let inStyle = false
    for (const match of html.matchAll(TAG)) {
      const [whole, rawName = '', attrs = '', selfClose = ''] = match
      const start = match.index ?? 0
      const between = html.slice(last, start)
      if (inStyle) {
        // only the style sheet itself, up to </style>, is CSS; text after it is left alone
        const end = between.search(/<\/style/i)
        const sheet = end < 0 ? between : between.slice(0, end)
        parts.push(this.css(sheet, 'a <style> element'), end < 0 ? '' : between.slice(end))
      } else parts.push(between)
      last = start + whole.length
      const name = rawName.toLowerCase()
      inStyle = name === 'style'
      parts.push(this.tag(name, rawName, attrs, selfClose, whole))
    }
    parts.push(html.slice(last))
    return (await Promise.all(parts)).join('')
  }

  private async tag(
    name: string,
    rawName: string,
    attrs: string,
    selfClose: string,
    whole: string,
  ): Promise<string> {
    if (name === 'base' || name === 'link' || name === 'iframe' || name === 'object' || name === 'embed') {
      this.problems.push({ message: `a <${name}> element in the deck: ${clip(whole)}` })
      return ''
    }
    if (!attrs.trim()) return whole
    let changed = false
    const out: (string | Promise<string>)[] = []
    for (const m of attrs.matchAll(ATTR)) {
      const [full, rawAttr = '', dq, sq, bare] = m
      const attr = rawAttr.toLowerCase()
      const quoted = dq ?? sq ?? bare
      if (quoted === undefined) {
        out.push(` ${full}`)
        continue
      }
      const value = decodeEntities(quoted)
      out.push(
        (async () => {
          let next = value
          if (attr.startsWith('on')) {
            // Event handlers would not run under the CSP; say so rather than leave dead code.
            this.problems.push({ message: `an event handler ${attr}="…" on <${name}>` })
            return ''
          }
          if (LOADING_ATTRS.has(attr)) {
            if (LINK_ELEMENTS.has(name) && (attr === 'href' || attr === 'xlink:href')) {
              if (/^\s*javascript:/i.test(value)) {
                this.problems.push({ message: `a javascript: link on <${name}>` })
                next = '#'
              }
            } else if (attr === 'srcset') {
              if (!value.split(',').every((c) => c.trim().startsWith('data:'))) {
                this.problems.push({ message: `srcset on <${name}> with files or URLs: ${clip(value)}` })
              }
            } else next = await this.resource(value, `<${name} ${attr}>`, IMAGE_ELEMENTS.has(name))
          }
          if (next.includes('url(')) next = await this.css(next, `<${name} ${attr}>`)
          if (next !== value) changed = true
          return ` ${rawAttr}="${escapeAttr(next)}"`
        })(),
      )
    }
    const rewritten = (await Promise.all(out)).join('')
    return changed ? `<${rawName}${rewritten}${selfClose ? ' /' : ''}>` : whole
  }

  /** Rewrites url(...) to data: URIs and refuses @import of anything but data:. */
  async css(css: string, where: string): Promise<string> {
    for (const m of css.matchAll(CSS_IMPORT)) {
      const target = m[1] ?? m[2] ?? m[3] ?? ''
      if (!target.startsWith('data:')) this.problems.push({ message: `@import of ${target} in ${where}` })
    }
    const found = [...css.matchAll(CSS_URL)]
    if (found.length === 0) return css
    const replacements = await Promise.all(
      found.map(async (m) => {
        const raw = m[1] ?? m[2] ?? m[3] ?? m[4] ?? ''
        const value = decodeEntities(raw)
        const next = await this.resource(value, `url() in ${where}`, true)
        return next === value ? m[0] : `url("${next}")`
      }),
    )
    let i = 0
    return css.replace(CSS_URL, () => replacements[i++] ?? '')
  }

  /** A reference as it should appear in deck.html: unchanged, or a data: URI. */
  private async resource(value: string, where: string, inlineable: boolean): Promise<string> {
    const v = value.trim()
    if (v === '' || v.startsWith('#') || /^data:/i.test(v)) return value
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase()
    if (scheme && scheme !== 'file') {
      this.problems.push({ message: `${v} (${where}): a URL, which deck.html may not load` })
      return value
    }
    if (!inlineable) {
      this.problems.push({ message: `${v} (${where}): only images can be inlined` })
      return value
    }
    let cached = this.cache.get(v)
    if (!cached) {
      cached = this.dataUri(v)
      this.cache.set(v, cached)
    }
    const uri = await cached
    if (uri === undefined) {
      this.problems.push({ message: `${v} (${where}): not an image file of the project` })
      return value
    }
    return uri
  }

  /** Relative paths resolve against the project root (as in the browser session), then the report folder. */
  private async dataUri(reference: string): Promise<string | undefined> {
    const path = reference.split(/[?#]/)[0] ?? ''
    let candidates: string[]
    try {
      if (reference.startsWith('file:')) candidates = [fileURLToPath(reference)]
      else {
        const decoded = decodeURIComponent(path)
        candidates = isAbsolute(decoded)
          ? [decoded, ...this.roots.map((r) => join(r, decoded))]
          : this.roots.map((r) => resolve(r, decoded))
      }
    } catch {
      return undefined
    }
    for (const candidate of candidates) {
      const mime = MIME[extname(candidate).toLowerCase()]
      if (!mime) continue
      const file = await this.inside(candidate)
      if (!file) continue
      const bytes = await safeReadFile(file, { roots: this.roots }).catch(() => undefined)
      if (bytes) return `data:${mime};base64,${bytes.toString('base64')}`
    }
    return undefined
  }

  private async inside(path: string): Promise<string | undefined> {
    const real = await realpath(path).catch(() => undefined)
    if (!real) return undefined
    for (const root of this.roots) {
      const realRoot = await realpath(root).catch(() => resolve(root))
      const rel = relative(realRoot, real)
      if (rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return real
    }
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Keeps the @font-face rules of the families the CSS names (the deck may never use the serif). */
function keepUsedFamilies(fontCss: string, css: string): string {
  // named as a CSS string ('Noto Sans'), so that 'Noto Sans SC' does not count as 'Noto Sans'
  const used = Object.values(FONT_FAMILIES)
    .map((f) => f.family)
    .filter((family) => css.includes(`'${family}'`) || css.includes(`"${family}"`))
  const families = used.length > 0 ? used : [FONT_FAMILIES.sans.family]
  return fontCss
    .split('\n')
    .filter((rule) => families.some((family) => rule.includes(`font-family:'${family}'`)))
    .join('\n')
}

/** Visible text of an HTML fragment (tags dropped, entities decoded), for font subsetting. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}

/** JSON safe inside <script type="application/json">: no "<" (so no "</script>" or "<!--"). */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine
}
