// Overlays shared by both windows: the slide counter, a short message line (the number being typed,
// a blocked pop-up) and the curtain used for blackout and whiteout.
import { el } from './state.js'

export class Overlay {
  readonly counter = el('div', 'hb-counter')
  readonly osd = el('div', 'hb-osd')
  readonly curtain = el('div', 'hb-curtain')
  private timer = 0

  constructor() {
    this.counter.setAttribute('aria-live', 'polite')
  }

  /** Shows a message for ms milliseconds (0: until the next one); '' hides it. */
  say(text: string, ms = 2500): void {
    this.osd.textContent = text
    this.osd.classList.toggle('hb-show', Boolean(text))
    clearTimeout(this.timer)
    if (text && ms > 0) this.timer = window.setTimeout(() => this.say(''), ms)
  }
}
