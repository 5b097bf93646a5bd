// The text a piece of HTML shows: for font subsetting (every glyph a page can draw), for notes and
// for tests that read slides. One implementation, so all of them agree on what "the text" is.
import { decodeHTML } from 'entities'

/** Decodes character references, named (all of HTML's) and numeric, in one pass: "&amp;lt;" stays "&lt;". */
export function decodeEntities(text: string): string {
  return decodeHTML(text)
}

/** Visible text of HTML: scripts and styles dropped, tags as spaces, entities decoded, spaces folded. */
export function htmlText(html: string): string {
  const visible = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<wbr\s*\/?>/gi, '')
  return decodeEntities(visible.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The spaces of `html` other than ASCII's (U+3000 between an office and a name, no-break spaces in
 * figures), each once. htmlText folds every run of white space into one ASCII space, yet a font
 * subset made from its text needs these glyphs too, or the browser draws them in a system font.
 */
export function wideSpaces(html: string): string {
  return [...new Set(html.match(/[^\S\t\n\r ]/gu) ?? [])].join('')
}
