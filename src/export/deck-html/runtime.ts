// What deck.html carries for its runtime (src/export/deck-runtime/): the bundled script, its style
// sheet, the UI strings in the edition's language, and the data it reads (notes, titles, talk length),
// plus every character the runtime may draw, so that the font subsets have its glyphs.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Edition } from '../../context.js'
import { translate } from '../../i18n/locale.js'
import { pageScript } from '../../utils/page-scripts.js'
import { PACKAGE_ROOT } from '../../utils/paths.js'

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
export const RUNTIME_GLYPHS = '0123456789/:-·() '

const RUNTIME_CSS = join(PACKAGE_ROOT, 'src', 'export', 'deck-runtime', 'runtime.css')

let runtimeCss: Promise<string> | undefined

/** The runtime's script (bundled, the text the CSP hash is computed on) and its style sheet. */
export async function runtimeFiles(): Promise<{ js: string; css: string }> {
  runtimeCss ??= readFile(RUNTIME_CSS, 'utf8')
  const [js, css] = await Promise.all([pageScript('deckRuntime'), runtimeCss])
  return { js, css }
}

/** The JSON the runtime reads (DeckData in src/export/deck-runtime/state.ts). */
export interface RuntimeData {
  id: string
  notes: string[]
  titles: string[]
  talkMinutes: number | null
  strings: Record<string, string>
}

export function runtimeData(
  deck: { html: string; notes: string[]; slides: { title?: string }[] },
  edition: Edition,
): RuntimeData {
  const strings: Record<string, string> = {}
  // {n} stays for the runtime to fill in (跳转到第 {n} 页)
  for (const key of RUNTIME_STRINGS)
    strings[key] = translate(edition.strings, `deckHtml.${key}`, { n: '{n}' })
  return {
    // the same deck gives the same id: its two windows find each other again after a rebuild
    id: createHash('sha256').update(deck.html).digest('hex').slice(0, 12),
    notes: deck.notes,
    titles: deck.slides.map((s) => s.title ?? ''),
    talkMinutes: edition.report.meta.talkMinutes ?? null,
    strings,
  }
}
