// The handout's style sheet, assembled in one place so that renderHandout reads as a sequence of
// steps: the theme's tokens as CSS variables, the layout sheets of templates/handout/ (print.css for
// both handouts, plus handout.css or reading-copy.css), themes/<theme>/handout.css, and the @page
// rules. Running headers use CSS named pages, one per section (page: sec-<id> with its own
// @page sec-<id> { @top-right { content: "…" } }), and page numbers the @page margin boxes'
// counter(page) / counter(pages), which Chromium prints since version 131.
// Every sheet named here must exist: a missing one is an error naming the file, never an unstyled page.
import { join } from 'node:path'
import type { Edition } from '../context.js'
import { TemplateRenderError } from '../errors.js'
import { themeDir, themeRoots } from '../themes/find.js'
import { isMissingFile, safeReadText } from '../utils/safe-read.js'
import { cssString } from './handout-helpers.js'

export interface ThemeTokens {
  colors: Record<string, string>
  fonts: Record<string, string>
}

/** A style sheet the handout needs; a missing one is a TemplateRenderError naming the file. */
export async function readStyleSheet(file: string, roots: string[]): Promise<string> {
  try {
    return await safeReadText(file, { roots, what: 'style sheet' })
  } catch (error) {
    if (!isMissingFile(error)) throw error
    throw new TemplateRenderError(`style sheet ${file} does not exist; the handout needs it`, {
      location: { file },
      cause: error,
      hint: 'restore the file (an empty file is fine if it has nothing to add)',
    })
  }
}

/** The layout sheets of templates/handout/ for one kind of handout, in cascade order. */
export function readLayoutCss(dir: string, kind: string): Promise<string[]> {
  return Promise.all(['print.css', `${kind}.css`].map((f) => readStyleSheet(join(dir, f), [dir])))
}

/** themes/<theme>/theme.json (the tokens) and themes/<theme>/handout.css. */
export async function readTheme(
  projectRoot: string,
  edition: Edition,
): Promise<{ tokens: ThemeTokens; css: string }> {
  const dir = themeDir(edition.theme.name, edition.reportDir, projectRoot)
  const json = await safeReadText(join(dir, 'theme.json'), {
    roots: themeRoots(edition.reportDir, projectRoot),
    what: 'theme file',
  }).catch((error: unknown) => {
    if (!isMissingFile(error)) throw error
    throw new TemplateRenderError(
      `theme "${edition.theme.name}" does not exist: no ${join(dir, 'theme.json')}`,
    )
  })
  const tokens = JSON.parse(json) as ThemeTokens
  // the theme's own accents stay; an edition's colour is a second accent (--district)
  if (edition.theme.accent) tokens.colors = { ...tokens.colors, district: edition.theme.accent }
  const css = await readStyleSheet(join(dir, 'handout.css'), themeRoots(edition.reportDir, projectRoot))
  return { tokens, css }
}

const SAFE_VALUE = /^[#\w\s,.'"()%-]+$/

/** The theme's colours and fonts as CSS custom properties (values that could escape CSS are left out). */
export function tokenCss(tokens: ThemeTokens): string {
  const vars: string[] = []
  for (const [k, v] of Object.entries(tokens.colors)) if (SAFE_VALUE.test(v)) vars.push(`--${k}:${v}`)
  for (const [k, v] of Object.entries(tokens.fonts))
    if (SAFE_VALUE.test(v)) vars.push(`--font-${k}:'${v.replace(/'/g, '')}'`)
  return `:root{${vars.join(';')}}`
}

export interface PageCssOptions {
  kind: string
  /** print at A4 plus this bleed (mm) on every side */
  bleedMm: number
  /** the running title in the top-left margin */
  runningTitle: string
  /** the page number as CSS content (counter(page) …) */
  pageNumbers: string
  /** the font, size and colour of the margin boxes */
  marginFont: string
  /** one named page per section, with the section's running head */
  sections: { pageName: string; runningHead: string }[]
}

/** The @page rules: size with bleed, margins, folio, running title and one named page per section. */
export function pageCss(o: PageCssOptions): string {
  const bleed = o.bleedMm
  const m = o.kind === 'handout' ? { top: 22, bottom: 20, side: 20 } : { top: 22, bottom: 22, side: 22 }
  const title = `content:${cssString(o.runningTitle)};${o.marginFont}`
  return [
    `:root{--bleed:${bleed}mm}`,
    `@page{size:${210 + 2 * bleed}mm ${297 + 2 * bleed}mm;margin:${m.top + bleed}mm ${m.side + bleed}mm ${m.bottom + bleed}mm}`,
    `@page{@bottom-center{content:${o.pageNumbers};${o.marginFont}}}`,
    `@page front{@top-left{${title}}}`,
    '@page cover{margin:0;@bottom-center{content:none}@top-left{content:none}@top-right{content:none}}',
    ...o.sections.map(
      (sec) =>
        `.${sec.pageName}{page:${sec.pageName}}@page ${sec.pageName}{@top-left{${title}}@top-right{content:${cssString(
          sec.runningHead,
        )};${o.marginFont}}}`,
    ),
  ].join('\n')
}

/** Paragraph numbers in a column left of the text (Chromium clips what is drawn in the page margin). */
export const PARAGRAPH_NUMBERS_CSS = `main{counter-reset:para}
main p:not(.kicker):not(.end){counter-increment:para;position:relative;padding-left:11mm}
main p:not(.kicker):not(.end)::before{content:counter(para);position:absolute;left:0;width:7mm;text-align:right;text-indent:0;font:700 10pt 'Noto Sans SC',sans-serif;color:var(--muted);line-height:inherit}`
