// Marp's HTML cut at its slides. Marp writes a deck as `<div class="marpit">` holding one top-level
// <section> per slide; text in slides is escaped, so "<section" only ever starts a slide. Work that
// depends on one slide's HTML alone (phrase breaks, deck.html's rewriting) is done slide by slide and
// kept by the slide's HTML, because between two saves in `huibao dev`, or two editions of one build,
// most slides are the very same text.

const DECK_START = '<div class="marpit">'
const DECK_END = '</div>'

export interface MarpSlides {
  slides: string[]
  /** the whitespace before each slide and after the last (one more than slides), kept as it was */
  gaps: string[]
}

/** The slides of Marp's HTML, or undefined when it has another shape (then work on it whole). */
export function cutMarpSlides(html: string): MarpSlides | undefined {
  if (!html.startsWith(DECK_START) || !html.endsWith(DECK_END)) return undefined
  const body = html.slice(DECK_START.length, -DECK_END.length)
  const starts = [...body.matchAll(/<section\b/g)].map((m) => m.index)
  const first = starts[0]
  if (first === undefined || body.slice(0, first).trim() !== '') return undefined
  const gaps = [body.slice(0, first)]
  const slides: string[] = []
  for (const [i, start] of starts.entries()) {
    const next = starts[i + 1] ?? body.length
    const end = body.lastIndexOf('</section>', next) + '</section>'.length
    if (end <= start || body.slice(end, next).trim() !== '') return undefined
    slides.push(body.slice(start, end))
    gaps.push(body.slice(end, next))
  }
  return { slides, gaps }
}

/** Marp's HTML again from its slides (each possibly rewritten) and the gaps between them. */
export function joinMarpSlides(cut: MarpSlides, slides: readonly string[]): string {
  let html = DECK_START
  for (const [i, slide] of slides.entries()) html += (cut.gaps[i] ?? '') + slide
  return `${html}${cut.gaps.at(-1) ?? ''}${DECK_END}`
}

/**
 * A slide-by-slide rewrite kept by the slide's HTML (and `key`, what else it depends on), at most
 * `max` slides: `rewrite` must depend on nothing else.
 */
export function keptBySlide(
  max: number,
): (key: string, slide: string, rewrite: (s: string) => string) => string {
  const kept = new Map<string, string>()
  return (key, slide, rewrite) => {
    const id = `${key}\0${slide}`
    let done = kept.get(id)
    if (done === undefined) {
      done = rewrite(slide)
      if (kept.size >= max) kept.clear()
      kept.set(id, done)
    }
    return done
  }
}
