// What changed between two builds of one deck.html, as a patch the open page applies in place: the
// slides whose HTML changed, the style sheets that changed (the fonts are subset to the text, so new
// text may bring new glyphs), and the runtime's data block (notes, titles). A paragraph edit changes
// one or two slides of sixty, so the page gets a few kilobytes instead of the whole file and redraws
// only those slides. When anything else in the file changed (the slide count, the title, the
// scripts) there is no patch and the page loads the new deck whole.

/** deck.html cut into what a patch can replace and what it cannot (the frame). */
export interface DeckParts {
  /** the text of each <style> element in <head> */
  styles: string[]
  /** each slide's <section> element, as HTML */
  slides: string[]
  /** the text of the runtime's data block (<script type="application/json" id="hb-data">) */
  data: string
  /** everything else, with the parts above taken out */
  frame: string
}

export interface DeckPatch {
  /** changed slides: [index, the <section> element's HTML] */
  slides: [number, string][]
  /** changed style sheets: [index among <head>'s <style> elements, their text] */
  styles: [number, string][]
  /** the new data block's text, when it changed */
  data?: string
}

const STYLE = /<style>([\s\S]*?)<\/style>/g
const DATA = /(<script type="application\/json" id="hb-data">)([\s\S]*?)(<\/script>)/
const DECK_START = '<div class="marpit">'

/**
 * Cuts deck.html into its parts; undefined when it does not have the expected shape (then no patch is
 * made and the page loads the deck whole). `slideCount` is how many slides the deck has: a count of
 * <section> tags that differs means a section inside a slide, and the cut is not trusted.
 */
export function deckParts(html: string, slideCount: number): DeckParts | undefined {
  const headEnd = html.indexOf('</head>')
  const deckStart = html.indexOf(DECK_START, headEnd)
  const data = DATA.exec(html)
  if (headEnd < 0 || deckStart < 0 || !data) return undefined
  const styles: string[] = []
  const head = html.slice(0, headEnd).replace(STYLE, (_whole, css: string) => {
    styles.push(css)
    return '<style></style>'
  })
  // Marp writes each slide as one top-level <section>; text in them is escaped, so "<section" only
  // ever starts a slide (checked against the slide count).
  const body = html.slice(deckStart, data.index)
  const starts = [...body.matchAll(/<section\b/g)].map((m) => m.index)
  if (starts.length !== slideCount || starts.length === 0) return undefined
  const slides: string[] = []
  let frameBody = body.slice(0, starts[0])
  starts.forEach((start, i) => {
    const next = starts[i + 1] ?? body.length
    const end = body.lastIndexOf('</section>', next) + '</section>'.length
    if (end <= start) return
    slides.push(body.slice(start, end))
    frameBody += `<!--slide-->${body.slice(end, next)}`
  })
  if (slides.length !== slideCount) return undefined
  const tail = html.slice(data.index).replace(DATA, '$1$3')
  return {
    styles,
    slides,
    data: data[2] ?? '',
    frame: head + html.slice(headEnd, deckStart) + frameBody + tail,
  }
}

/** The patch from `before` to `after`, or undefined when the page must load the new deck whole. */
export function deckPatch(before: DeckParts, after: DeckParts): DeckPatch | undefined {
  if (before.frame !== after.frame || before.slides.length !== after.slides.length) return undefined
  if (before.styles.length !== after.styles.length) return undefined
  const changed = <T>(list: T[], old: T[]) =>
    list.flatMap((item, i): [number, T][] => (item === old[i] ? [] : [[i, item]]))
  return {
    slides: changed(after.slides, before.slides),
    styles: changed(after.styles, before.styles),
    ...(after.data === before.data ? {} : { data: after.data }),
  }
}
