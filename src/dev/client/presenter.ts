// The presenter's window (deck.html?presenter, opened from the dev deck with P) shows copies of the
// deck's slides and the notes the runtime read when the window opened. After an edit the deck's own
// slides are new, but the copies and notes are not: this asks the runtime to draw its panes again on
// the same slide, and keeps the notes pane on the current notes.
//
// The runtime redraws its panes when its window pair sends it a "state" message; one is sent on the
// deck's BroadcastChannel in the runtime's own words (src/export/deck-runtime/sync.ts), as if
// from the audience window, with the slide and blanking it shows now, so nothing moves.
const root = document.documentElement
const isPresenter = () => root.classList.contains('hb-presenter')

interface RuntimeData {
  id?: string
  notes?: string[]
  strings?: Record<string, string>
}

function runtimeData(): RuntimeData {
  return JSON.parse(document.getElementById('hb-data')?.textContent || '{}') as RuntimeData
}

// The deck's id as the runtime read it at load; later data blocks carry the new build's id.
const deckId = runtimeData().id
let channel: BroadcastChannel | undefined
let watchingNotes = false

/** The notes pane shows the current notes of the current slide, whatever the runtime wrote. */
function keepNotesCurrent(): void {
  const box = document.querySelector('.hb-notes')
  if (!box || watchingNotes) return
  watchingNotes = true
  const fix = () => {
    const data = runtimeData()
    const text = String(data.notes?.[Number(root.dataset.slide) - 1] ?? '').trim()
    const shown = text || data.strings?.noNotes || ''
    if (box.textContent === shown) return
    box.textContent = shown
    box.classList.toggle('hb-empty', !text)
  }
  new MutationObserver(fix).observe(box, { childList: true, characterData: true, subtree: true })
  fix()
}

/** In the presenter's window: its panes drawn again from the updated deck, on the same slide. */
export function refreshPresenter(): void {
  if (!isPresenter() || !deckId || typeof BroadcastChannel !== 'function') return
  channel ??= new BroadcastChannel(`huibao-deck:${deckId}`)
  channel.postMessage({
    huibao: deckId,
    from: 'audience',
    sender: `hb-dev-${Math.random().toString(36).slice(2)}`,
    seq: 1,
    type: 'state',
    index: Number(root.dataset.slide) - 1,
    blank: root.dataset.blank ?? '',
  })
  keepNotesCurrent()
}
