// The presenter window (deck.html?presenter#3): the current slide large, the next one smaller below
// it, the notes over the full height on the right (notes for a report are often the spoken text
// itself and run long), the clocks and the counter on top. Built from DOM nodes; the slides shown are
// clones of the deck's own slides, put inside a div.marpit so that the theme's selectors
// (div.marpit > section) still match them.
import { cloneSlide } from './clone.js'
import { fitAll, watchBox } from './fit.js'
import { clickToAdvance } from './input.js'
import type { Navigator } from './navigation.js'
import { el, translate } from './state.js'
import { TalkTimer } from './timer.js'

export function setupPresenter(nav: Navigator): void {
  const { state, overlay } = nav
  const t = (key: string) => translate(state.data, key)
  document.title = `${t('presenter')} · ${document.title}`
  state.deck.classList.add('hb-source')
  state.deck.setAttribute('aria-hidden', 'true')

  const ui = el('div', 'hb-console')
  const bar = el('header', 'hb-bar')
  const timer = new TalkTimer(state.data)
  const status = el('div', 'hb-status')
  const count = el('div', 'hb-count')
  bar.append(timer.elapsedBox, timer.remainingBox, status, count)

  const slideColumn = el('div', 'hb-slides')
  const currentPane = el('div', 'marpit hb-pane hb-fit hb-current')
  const nextLabel = el('h2', 'hb-label', t('next'))
  const nextPane = el('div', 'marpit hb-pane hb-fit hb-next')
  slideColumn.append(currentPane, nextLabel, nextPane)
  const side = el('aside', 'hb-side')
  const notesLabel = el('h2', 'hb-label', t('notes'))
  const notes = el('div', 'hb-notes')
  notes.tabIndex = 0 // scrollable with the keyboard too (arrow keys still page the slides)
  side.append(notesLabel, notes)
  ui.append(bar, slideColumn, side)
  document.body.append(ui, overlay.osd)
  clickToAdvance(nav, currentPane)
  clickToAdvance(nav, nextPane)
  watchBox(currentPane)
  watchBox(nextPane)

  let shown = -1
  state.views.push((i) => {
    currentPane.replaceChildren(cloneSlide(state, i))
    if (i + 1 < state.total) nextPane.replaceChildren(cloneSlide(state, i + 1))
    else nextPane.replaceChildren(el('p', 'hb-end', t('end')))
    const text = String(state.data.notes?.[i] ?? '').trim()
    notes.textContent = text || t('noNotes')
    notes.classList.toggle('hb-empty', !text)
    notes.scrollTop = 0
    count.textContent = `${i + 1} / ${state.total}`
    status.textContent =
      state.blank === 'black' ? t('blackout') : state.blank === 'white' ? t('whiteout') : ''
    status.classList.toggle('hb-show', Boolean(state.blank))
    fitAll()
    // The timer starts with the talk: the first change of slide after this window opened.
    if (shown >= 0 && i !== shown && timer.untouched) timer.start()
    shown = i
  })
}
