// Which keywords of a section share a slide. A keyword's slide that would hold one short sentence and
// a few short points (or two figures) leaves most of the room empty; two or three such slides in a
// row share one slide, side by side, each under its own heading. The decision is an estimate from
// the text the slides show and the type sizes of themes/*/deck.css (keywords partial): how much of
// the body a keyword fills on its own slide, and how tall its column would be on the shared one.
// The overflow check (overflow.ts) still measures every slide in Chromium, so an estimate that is
// wrong fails the build instead of cutting text.
import type { Keyword, Section } from '../data/types.js'
import { essence, points, sentences, textWidth } from './slide-text.js'

/** What a keyword's own slide shows: the short form of its text, its key points or its figures. */
export interface KeywordSlideText {
  essence: string
  points: string[]
  /** the figures on the slide (the first 3 when there are more than 6: the rest go on continuation slides) */
  shown: NonNullable<Keyword['metrics']>
}

/** The short forms the keyword partial shows (templates/deck/partials/keyword.hbs uses the same sizes). */
export function keywordSlideText(k: Keyword): KeywordSlideText {
  const all = k.metrics ?? []
  const shown = all.length > 6 ? all.slice(0, 3) : all
  const first = k.paragraphs[0] ?? ''
  if (shown.length > 0)
    return { essence: first ? essence(first, shown.length > 4 ? 40 : 64) : '', points: [], shown }
  const keyPoints = points(k.paragraphs, 4)
  return { essence: first ? essence(first, keyPoints.length ? 48 : 90) : '', points: keyPoints, shown }
}

// The room on a 1280x720 slide (CSS px): content 1104 wide; below the kicker and heading of a
// keyword slide about 425 high; below the kicker of a shared slide about 520 (we plan for 450).
const BODY_AREA = 1104 * 425
const SHARED_HEIGHT = 450
/** a keyword filling less than this share of its own slide's body (by ink) is sparse */
const SPARSE = 0.3
/** a figure card of a keyword slide (two or three in a row), in px² */
const CARD_AREA = 340 * 160

/** How much of its own slide's body a keyword's text and figures cover (0 … 1, by area). */
export function ownSlideFill(k: Keyword): number {
  const text = keywordSlideText(k)
  const essenceSize = text.shown.length ? 30 : 36
  const area =
    textWidth(text.essence) * essenceSize ** 2 +
    text.points.reduce((sum, p) => sum + textWidth(p) * 26 ** 2, 0) +
    text.shown.length * CARD_AREA
  return area / BODY_AREA
}

/** Lines a text takes in a column `width` px wide at `size` px (English wraps at words: 15% more). */
function lines(text: string, size: number, width: number, english: boolean): number {
  if (!text) return 0
  const perLine = Math.max(1, Math.floor(width / (size * 1.04)))
  return Math.ceil((textWidth(text) * (english ? 1.15 : 1)) / perLine)
}

/**
 * The height of a keyword's column on a shared slide of `n` columns, after the keywords partial's
 * sizes: heading 36 px, the short text 28 px (24 px in three columns), points 24 px one under the
 * other, figures as compact cards two in a row (one in three columns).
 */
export function columnHeight(k: Keyword, n: 2 | 3, english: boolean): number {
  const width = n === 2 ? (1104 - 56) / 2 : (1104 - 2 * 40) / 3
  const text = keywordSlideText(k)
  const essenceSize = n === 2 ? 28 : 24
  let h = lines(k.title, 36, width, english) * 36 * 1.3 + 14 + 18
  h += lines(text.essence, essenceSize, width, english) * essenceSize * 1.6
  for (const p of text.points) h += 42 + lines(p, 24, width - 26, english) * 24 * 1.5
  const perRow = n === 2 ? 2 : 1
  for (let i = 0; i < text.shown.length; i += perRow) {
    const row = text.shown.slice(i, i + perRow)
    const label = Math.max(...row.map((m) => lines(m.label, 22, width / perRow - 40, english)))
    h += 16 + 48 * 1.1 + 6 + label * 22 * 1.45 + 24
  }
  return h
}

/** A keyword that may share a slide: no projects, no table of places, no chart slide of its own, no lone hero figure, few figures. */
function mayShare(k: Keyword, hasChart: (k: Keyword) => boolean): boolean {
  const figures = k.metrics?.length ?? 0
  return (
    !k.projects?.length &&
    !k.places &&
    !hasChart(k) &&
    figures !== 1 &&
    figures <= 3 &&
    k.paragraphs.length > 0
  )
}

export interface KeywordSlidesOptions {
  /** whether the keyword gets a chart slide after its own (src/charts/lookup.ts) */
  hasChart: (k: Keyword) => boolean
  locale: string
  /** every section of the edition: a city keyword whose text its own sections already show is left out */
  sections?: readonly Section[]
}

/** Text compared without spaces and line breaks. */
const squeeze = (text: string) => text.replace(/\s+/g, '')

/**
 * Whether a keyword of the city's report says nothing the edition's own (local) sections have not
 * already shown: its whole text stands, verbatim, in their paragraphs. A district's section that
 * quotes the report's sentences about the district comes first; the city's slide would repeat it.
 */
export function repeatsLocal(section: Section, k: Keyword, sections: readonly Section[]): boolean {
  if (section.local) return false
  const local = sections
    .filter((s) => s.local)
    .flatMap((s) => [s.lead ?? '', ...s.keywords.flatMap((x) => x.paragraphs)])
    .map(squeeze)
    .join('\n')
  if (!local) return false
  const own = k.paragraphs.flatMap((p) => sentences(p)).map(squeeze)
  return own.length > 0 && own.every((sentence) => local.includes(sentence))
}

/**
 * The section's keywords in slide order (less those that repeat the edition's own section), grouped: a group of one is the keyword's own slide (and its
 * continuation and chart slides); a group of two or three is one shared slide. Consecutive sparse
 * keywords share a slide when their columns fit; a run of four becomes two pairs, of five a three
 * and a pair.
 */
export function keywordSlides(section: Section, options: KeywordSlidesOptions): Keyword[][] {
  const english = options.locale === 'en'
  const shown = section.keywords.filter((k) => !repeatsLocal(section, k, options.sections ?? []))
  const sparse = (k: Keyword) => mayShare(k, options.hasChart) && ownSlideFill(k) < SPARSE
  const fits = (group: Keyword[]) =>
    group.length === 1 ||
    group.every((k) => columnHeight(k, group.length === 2 ? 2 : 3, english) <= SHARED_HEIGHT)
  const out: Keyword[][] = []
  let run: Keyword[] = []
  const flush = () => {
    while (run.length > 0) {
      // threes only where a pair would leave one alone (3, 5), and only when three columns fit
      const size = run.length === 3 || run.length === 5 ? 3 : 2
      const take = [size, 2, 1].find((s) => s <= run.length && fits(run.slice(0, s))) ?? 1
      out.push(run.slice(0, take))
      run = run.slice(take)
    }
  }
  for (const k of shown) {
    if (sparse(k)) {
      run.push(k)
      continue
    }
    flush()
    out.push([k])
  }
  flush()
  return out
}
