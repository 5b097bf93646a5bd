// The one Marp that turns the deck's Markdown into slides, with the settings every deck output is
// made with. Its own module so that renderDeck and the tests of deck.html use the same settings: a
// test on Marp's defaults (inline SVG slides, any HTML, marp-core's script) tests a deck nobody gets.
import { Marp } from '@marp-team/marp-core'

/** Marp's HTML allowlist for the templates: layout containers only, with class attributes. */
const HTML_ALLOWLIST = {
  div: ['class'],
  span: ['class'],
  p: ['class'],
  br: [],
  small: ['class'],
  strong: ['class'],
  ol: ['class'],
  ul: ['class'],
  li: ['class'],
}

/**
 * A Marp with the deck's settings and these themes (Marp theme CSS): bare <section> slides (no
 * inline SVG), no script, no math, no emoji images, CSS as written.
 */
export function createDeckMarp(themes: string[]): Marp {
  const marp = new Marp({
    html: HTML_ALLOWLIST,
    inlineSVG: false,
    script: false,
    math: false,
    emoji: { shortcode: false, unicode: false },
    minifyCSS: false,
  })
  for (const css of themes) marp.themeSet.add(css)
  return marp
}
