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

/** Every character of `texts` once, sorted: a stable key for a subset whatever order the text is in. */
export function uniqueChars(...texts: string[]): string {
  return [...new Set(texts.join(''))].sort().join('')
}
