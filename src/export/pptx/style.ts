// The look of the native PowerPoint: the theme's colours and fonts (themes/<name>/theme.json) with
// the edition's accent, and the geometry of the HTML deck. The HTML slide is 1280x720 CSS px; the
// PowerPoint slide is 13.333x7.5 in (LAYOUT_WIDE), which is exactly 96 px an inch, so every size is
// taken from the theme's deck.css in px and converted here.

import { join } from 'node:path'
import type { Edition } from '../../context.js'
import { ConfigError } from '../../errors.js'
import { themeDir, themeRoots } from '../../themes/find.js'
import { safeReadText } from '../../utils/safe-read.js'

export interface PptxStyle {
  /** colours as PowerPoint wants them: RRGGBB without '#' */
  accent: string
  accent2: string
  /** the edition's own colour (a district's), else accent2: the rule under the top band */
  district: string
  text: string
  muted: string
  background: string
  surface: string
  rule: string
  /** text on the accent colour (cover, section and closing slides) */
  onAccent: string
  headingFont: string
  bodyFont: string
  /** 'zh-CN' | 'en' (PowerPoint's lang attribute on every run) */
  lang: string
}

interface ThemeJson {
  colors?: Record<string, string>
  fonts?: { heading?: string; body?: string }
}

const HEX = /^#?([0-9a-fA-F]{6})$/

function hex(value: string | undefined, fallback: string, where: string): string {
  if (value === undefined) return fallback
  const m = HEX.exec(value)
  if (!m?.[1]) throw new ConfigError(`${where}: "${value}" is not a #rrggbb colour`)
  return m[1].toUpperCase()
}

/** Reads the edition's theme.json; the edition's colour is a second accent beside the theme's. */
export async function loadPptxStyle(edition: Edition, projectRoot: string): Promise<PptxStyle> {
  // the same theme folder as the deck's and the handout's: the report's, the project's or huibao's
  const rel = join(themeDir(edition.theme.name, edition.reportDir, projectRoot), 'theme.json')
  const text = await safeReadText(rel, {
    roots: themeRoots(edition.reportDir, projectRoot),
    what: 'theme file',
  }).catch((cause: unknown) => {
    throw new ConfigError(`${rel} cannot be read: the native deck.pptx takes its colours and fonts from it`, {
      cause,
    })
  })
  let theme: ThemeJson
  try {
    theme = JSON.parse(text) as ThemeJson
  } catch (cause) {
    throw new ConfigError(`${rel} is not valid JSON`, { cause })
  }
  const c = theme.colors ?? {}
  const english = edition.locale === 'en'
  // English editions set in the Latin Noto faces, as deck.html and deck.pdf do.
  const latin = (font: string | undefined, fallback: string) =>
    english ? (font ?? fallback).replace(/ SC$/, '') : (font ?? fallback)
  return {
    // an edition's colour is a second accent (the rule under the top band): the theme's red stays
    accent: hex(c.accent, 'B71C1C', `${rel} colors.accent`),
    accent2: hex(c.accent2, 'C9A227', `${rel} colors.accent2`),
    district: hex(edition.theme.accent ?? c.accent2, 'C9A227', 'presentation.accent'),
    text: hex(c.text, '1F1A17', `${rel} colors.text`),
    muted: hex(c.muted, '6B625B', `${rel} colors.muted`),
    background: hex(c.background, 'FFFFFF', `${rel} colors.background`),
    surface: hex(c.surface, 'F6EFE3', `${rel} colors.surface`),
    rule: hex(c.rule, 'D9CBB3', `${rel} colors.rule`),
    onAccent: 'FFFAF0',
    headingFont: latin(theme.fonts?.heading, 'Noto Sans SC'),
    bodyFont: latin(theme.fonts?.body, 'Noto Sans SC'),
    lang: edition.locale,
  }
}

/** CSS px of the 1280x720 HTML slide -> inches of the 13.333x7.5 in PowerPoint slide. */
export const px = (n: number): number => n / 96

/** CSS px font size -> points. */
export const pt = (n: number): number => Math.round(n * 0.75 * 10) / 10

export const SLIDE_W_PX = 1280
export const SLIDE_H_PX = 720

/**
 * Text as XML 1.0 allows it: without C0 control characters (tab, line feed and carriage return
 * excepted), U+FFFE/U+FFFF and unpaired surrogates, which would make the file unreadable to every
 * office suite. Validation refuses such characters in the data; this is the last line of defence.
 */
export function xmlText(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is being removed
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  )
}
