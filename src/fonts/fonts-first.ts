// Fonts before layout. A page whose @font-face rules are data: URIs (embeddedFontCss) still lays its
// text out once in fallback fonts while they decode (font-display: block only hides the text), then
// again in its own: measured on the 61-slide deck, that first layout was a third of Chromium's time
// to load the page. With these two pieces the body is not laid out until every declared face is
// loaded (subsets hold only glyphs the page uses, so loading them all costs nothing extra), and the
// page's ready promise (BrowserSession.waitForReady) waits for it.

const PENDING_ID = 'huibao-fonts-pending'

/** Goes in <head> after the fonts' <style>: keeps the body out of layout while the fonts load. */
export const FONTS_FIRST_STYLE = `<style id="${PENDING_ID}">body{display:none}</style>`

/** Goes at the end of <body>: loads every declared face, then lets the body be laid out. */
export const FONTS_FIRST_SCRIPT = `<script>(() => {
  const fonts = Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined)))
  const shown = fonts.then(() => document.getElementById('${PENDING_ID}')?.remove())
  window.__huibaoReady = Promise.all([window.__huibaoReady, shown])
})()</script>`

/** A whole document with both pieces put in (before </head> and </body>); unchanged without them. */
export function fontsFirst(html: string): string {
  const head = html.indexOf('</head>')
  const body = html.lastIndexOf('</body>')
  if (head < 0 || body < head) return html
  return `${html.slice(0, head)}${FONTS_FIRST_STYLE}${html.slice(head, body)}${FONTS_FIRST_SCRIPT}${html.slice(body)}`
}

/**
 * Every character of `texts` once, by code point: a stable key for a subset whatever order the text is
 * in. A table of seen UTF-16 units (a Set of a megabyte of characters took a tenth of a second).
 */
export function uniqueChars(...texts: string[]): string {
  const seen = new Uint8Array(0x10000)
  const astral = new Set<number>()
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i)
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        astral.add(text.codePointAt(i) ?? unit)
        i++
      } else seen[unit] = 1
    }
  }
  let out = ''
  for (let unit = 0; unit < seen.length; unit++) if (seen[unit]) out += String.fromCharCode(unit)
  for (const cp of [...astral].sort((a, b) => a - b)) out += String.fromCodePoint(cp)
  return out
}
