// What every part of the deck runtime shares: the data deck.html carries (notes, titles, strings),
// the slides found in Marp's HTML, which window this is (audience or presenter), and two small DOM
// helpers. Text from the report only ever goes in through textContent, so it stays text.

/** The JSON block <script type="application/json" id="hb-data"> written by src/export/deck-html. */
export interface DeckData {
  id: string
  notes: string[]
  titles: string[]
  talkMinutes: number | null
  strings: Record<string, string>
}

export type Role = 'audience' | 'presenter'
/** '' | 'black' | 'white': the audience screen blanked for a pause. */
export type Blank = '' | 'black' | 'white'

export interface DeckState {
  data: DeckData
  role: Role
  root: HTMLElement
  /** Marp's div.marpit */
  deck: HTMLElement
  /** one <section> per slide, as src/render/deck-marp.ts's Marp renders them (no inline SVG) */
  slides: HTMLElement[]
  total: number
  /** current slide, 0-based; the URL shows it 1-based (#3), as people count slides */
  index: number
  blank: Blank
  /** render(index) callbacks of the current role, called when the slide or the blank changes */
  views: ((index: number) => void)[]
}

/** Reads the page; undefined when it is not a deck.html with slides (then the runtime does nothing). */
export function readDeck(): DeckState | undefined {
  const dataElement = document.getElementById('hb-data')
  const deck = document.querySelector<HTMLElement>('div.marpit')
  if (!dataElement || !deck) return undefined
  const data = JSON.parse(dataElement.textContent || '{}') as DeckData
  // bare <section>s, scaled to their box by fit.ts
  const slides = [...deck.querySelectorAll<HTMLElement>(':scope > section')]
  if (slides.length === 0) return undefined
  const role: Role = new URLSearchParams(location.search).has('presenter') ? 'presenter' : 'audience'
  return {
    data,
    role,
    root: document.documentElement,
    deck,
    slides,
    total: slides.length,
    index: -1,
    blank: '',
    views: [],
  }
}

/** A runtime string of the edition's language, with {name} filled from vars. */
export function translate(data: DeckData, key: string, vars?: Record<string, string>): string {
  const strings = data.strings || {}
  return String(strings[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars && name in vars ? (vars[name] ?? whole) : whole,
  )
}

/** A new element with a class and text (never markup). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

export const clamp = (state: DeckState, i: number): number => Math.max(0, Math.min(state.total - 1, i))

/** "#3" -> 2; anything else -> undefined. */
export function hashIndex(state: DeckState): number | undefined {
  const match = /^#(\d+)$/.exec(location.hash)
  return match ? clamp(state, Number(match[1]) - 1) : undefined
}
