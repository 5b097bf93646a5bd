// What the presenter presses, clicks and types: the keys of PowerPoint and of presentation clickers,
// a typed slide number plus Enter, clicks and swipes on the slide, and #7 in the address bar.
import type { Navigator } from './navigation.js'
import { hashIndex, translate } from './state.js'

/** Digits typed and then Enter jump to that slide (like PowerPoint); the number shows while typing. */
class TypedNumber {
  value = ''
  private timer = 0

  constructor(private readonly nav: Navigator) {}

  set(value: string): void {
    this.value = value.slice(0, 4)
    clearTimeout(this.timer)
    if (this.value) {
      this.nav.overlay.say(translate(this.nav.state.data, 'goto', { n: this.value }), 0)
      this.timer = window.setTimeout(() => this.set(''), 4000)
    } else this.nav.overlay.say('')
  }
}

/** Keys that act the same way on any slide; false when the key is not ours. */
function namedKey(nav: Navigator, key: string): boolean {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown': // presentation clickers send PageDown/PageUp
    case ' ':
    case 'Enter':
      nav.next()
      return true
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      nav.prev()
      return true
    case 'Home':
      nav.go(0)
      return true
    case 'End':
      nav.go(nav.state.total - 1)
      return true
    case 'f':
    case 'F':
      nav.toggleFullscreen()
      return true
    case 'b':
    case 'B':
    case '.': // clickers' "blank screen" button sends "." (or b)
      nav.setBlank('black')
      return true
    case 'w':
    case 'W':
    case ',':
      nav.setBlank('white')
      return true
    case 'p':
    case 'P':
      if (nav.state.role === 'audience') nav.openPresenter()
      return true
    default:
      return false
  }
}

export function listenToKeys(nav: Navigator): void {
  const typed = new TypedNumber(nav)
  window.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return
    const target = event.target
    if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return
    const key = event.key
    let handled = true
    if (/^[0-9]$/.test(key)) typed.set(typed.value + key)
    else if (key === 'Enter' && typed.value) {
      nav.go(Number(typed.value) - 1)
      typed.set('')
    } else if (key === 'Backspace' && typed.value) typed.set(typed.value.slice(0, -1))
    else if (key === 'Escape') {
      if (typed.value) typed.set('')
      else if (nav.state.blank) nav.setBlank(nav.state.blank)
      else handled = false // leave Escape to the browser (it ends fullscreen)
    } else if (key === ' ' && event.shiftKey) nav.prev()
    else handled = namedKey(nav, key)
    if (handled) event.preventDefault()
  })

  // The address bar is also a way to navigate (#7 typed by hand, or a link to #7 inside a slide).
  window.addEventListener('hashchange', () => {
    const i = hashIndex(nav.state)
    if (i !== undefined) nav.go(i)
  })
}

/** Click or tap advances; a horizontal swipe goes either way; links and buttons keep their job. */
export function clickToAdvance(nav: Navigator, area: HTMLElement): void {
  let start: { x: number; y: number } | null = null
  let swiped = false
  area.addEventListener('pointerdown', (event) => {
    start = { x: event.clientX, y: event.clientY }
    swiped = false
  })
  area.addEventListener('pointerup', (event) => {
    if (!start) return
    const dx = event.clientX - start.x
    const dy = event.clientY - start.y
    start = null
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) {
      swiped = true
      if (dx < 0) nav.next()
      else nav.prev()
    }
  })
  area.addEventListener('click', (event) => {
    if (swiped || event.button !== 0) return
    if (event.target instanceof Element && event.target.closest('a, button, input, select, textarea')) return
    if (String(window.getSelection?.() ?? '')) return
    nav.next()
  })
}
