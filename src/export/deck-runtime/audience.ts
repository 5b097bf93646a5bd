// The audience window: one slide at a time, scaled to the window, the counter in a corner, the
// curtain for blackout, and the mouse pointer hidden until it moves.
import { fitAll, watchBox } from './fit.js'
import { clickToAdvance } from './input.js'
import type { Navigator } from './navigation.js'

export function setupAudience(nav: Navigator): void {
  const { state, overlay } = nav
  state.deck.classList.add('hb-stage', 'hb-fit')
  watchBox(state.deck)
  for (const slide of state.slides) {
    slide.classList.add('hb-slide')
    slide.setAttribute('aria-hidden', 'true')
  }
  document.body.append(overlay.curtain, overlay.counter, overlay.osd)
  clickToAdvance(nav, state.deck)
  // Hide the mouse pointer on the projected slide until it moves again.
  let idle = 0
  const wake = () => {
    state.root.classList.remove('hb-idle')
    clearTimeout(idle)
    idle = window.setTimeout(() => state.root.classList.add('hb-idle'), 2500)
  }
  window.addEventListener('pointermove', wake)
  wake()
  state.views.push(() => fitAll())
}
