// A new deck in the open page, without reloading it: the slides keep their elements, so the deck
// runtime stays on its slide. A patch from the server replaces only the slides, style sheets and data
// that changed; a page that missed a version, or got no patch, fetches the deck whole and replaces
// every slide; a deck with another number of slides reloads the page (the URL keeps the slide number).
import type { DeckPatch } from '../deck-patch.js'
import type { DeckEvent } from '../events.js'
import { refreshPresenter } from './presenter.js'

const root = document.documentElement

function slidesOf(deck: ParentNode | null): Element[] {
  return deck ? [...deck.querySelectorAll(':scope > svg[data-marpit-svg], :scope > section')] : []
}

/** The slide element gets the new slide's content; what the runtime set on it stays. */
function replaceSlide(slide: Element, fresh: Element): void {
  // The runtime marks the current slide with hb-* classes and places it with inline styles: keep
  // those, take everything else (the slide's kind, its language) from the new deck.
  const runtimeClasses = [...slide.classList].filter((c) => c.startsWith('hb-'))
  for (const { name, value } of [...fresh.attributes]) if (name !== 'style') slide.setAttribute(name, value)
  slide.classList.add(...runtimeClasses)
  slide.replaceChildren(...fresh.childNodes)
}

function parseSlide(html: string): Element | null {
  const template = document.createElement('template')
  template.innerHTML = html
  return template.content.firstElementChild
}

function setStyles(styles: [number, string][]): void {
  const own = document.head.querySelectorAll('style')
  for (const [i, css] of styles) {
    const style = own[i]
    if (style) style.textContent = css
    else document.head.append(Object.assign(document.createElement('style'), { textContent: css }))
  }
}

function setData(text: string): void {
  const data = document.getElementById('hb-data')
  if (data) data.textContent = text
}

export class DeckUpdater {
  constructor(
    private readonly edition: string,
    public version: number,
  ) {
    root.dataset.hbDevVersion = String(version)
  }

  /** Brings the page to the event's version. */
  async update(event: DeckEvent): Promise<void> {
    if (event.version <= this.version) return
    const deck = document.querySelector('div.marpit')
    // The page had no good deck yet, or another one: start again with this one.
    if (!deck) return location.reload()
    if (event.patch && event.from === this.version) this.apply(deck, event.patch)
    else if (!(await this.replaceWhole(deck, event.version))) return location.reload()
    this.version = event.version
    root.dataset.hbDevVersion = String(this.version)
    refreshPresenter()
    document.dispatchEvent(new CustomEvent('huibao:updated', { detail: { version: this.version } }))
  }

  private apply(deck: Element, patch: DeckPatch): void {
    // Styles first: new text may need glyphs that only the new fonts have.
    setStyles(patch.styles)
    const slides = slidesOf(deck)
    for (const [i, html] of patch.slides) {
      const slide = slides[i]
      const fresh = parseSlide(html)
      if (slide && fresh) replaceSlide(slide, fresh)
    }
    if (patch.data !== undefined) setData(patch.data)
  }

  /** Every slide from the fetched deck; false when the slides cannot be matched one to one. */
  private async replaceWhole(deck: Element, version: number): Promise<boolean> {
    const response = await fetch(`/${encodeURIComponent(this.edition)}/deck.html?v=${version}`)
    if (!response.ok) return true // its problems come as an event of their own
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html')
    const oldSlides = slidesOf(deck)
    const newSlides = slidesOf(fresh.querySelector('div.marpit'))
    if (oldSlides.length !== newSlides.length) return false
    setStyles(
      [...fresh.head.querySelectorAll('style')].map((s, i): [number, string] => [i, s.textContent ?? '']),
    )
    oldSlides.forEach((slide, i) => {
      const next = newSlides[i]
      if (next) replaceSlide(slide, document.importNode(next, true))
    })
    const data = fresh.getElementById('hb-data')
    if (data) setData(data.textContent ?? '')
    return true
  }
}
