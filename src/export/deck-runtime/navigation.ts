// Moving through the deck: the current slide, the blanked screen, fullscreen and the presenter
// pop-up. Every change is shown by the role's views and, unless it came from the other window, sent
// to it.
import type { Overlay } from './overlay.js'
import { type Blank, clamp, type DeckState, translate } from './state.js'
import type { Sync } from './sync.js'

export class Navigator {
  /** set once the windows' link exists (it needs this navigator to answer) */
  sync: Sync | undefined

  constructor(
    readonly state: DeckState,
    readonly overlay: Overlay,
  ) {}

  go(target: number, remote = false): void {
    const { state } = this
    const next = clamp(state, Number(target) || 0)
    const changed = next !== state.index
    if (changed) {
      if (state.index >= 0) state.slides[state.index]?.classList.remove('hb-active')
      state.slides[state.index]?.setAttribute('aria-hidden', 'true')
      state.index = next
      state.slides[next]?.classList.add('hb-active')
      state.slides[next]?.removeAttribute('aria-hidden')
      state.root.dataset.slide = String(next + 1)
      this.overlay.counter.textContent = `${next + 1} / ${state.total}`
      for (const view of state.views) view(next)
    }
    // replaceState, not a new history entry per slide: Back leaves the deck instead of paging.
    const hash = `#${state.index + 1}`
    if (location.hash !== hash) history.replaceState(history.state, '', hash)
    if (changed && !remote) this.sync?.send('state')
  }

  /** Blanks the screen with mode, or shows it again when it is already so (remote: set as told). */
  setBlank(mode: Blank, remote = false): void {
    const { state } = this
    state.blank = remote ? mode : state.blank === mode ? '' : mode
    state.root.dataset.blank = state.blank
    this.overlay.curtain.className = `hb-curtain${state.blank ? ` hb-${state.blank}` : ''}`
    for (const view of state.views) view(state.index)
    if (!remote) this.sync?.send('state')
  }

  next(): void {
    this.go(this.state.index + 1)
  }

  prev(): void {
    this.go(this.state.index - 1)
  }

  toggleFullscreen(): void {
    if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined)
    else this.state.root.requestFullscreen?.().catch(() => undefined)
  }

  openPresenter(): void {
    const { state, sync } = this
    const open = sync?.presenterWindow
    if (open && !open.closed) {
      open.focus()
      return
    }
    // The same file in presenter mode; a fixed window name so a second P (or a reload of this
    // window) reuses the presenter window instead of stacking new ones.
    const url = new URL(`?presenter#${state.index + 1}`, location.href).href
    const presenter = window.open(url, `huibao-presenter-${state.data.id}`, 'popup,width=1280,height=800')
    if (presenter) sync?.linkPresenter(presenter)
    else this.overlay.say(translate(state.data, 'popupBlocked'), 5000)
  }
}
