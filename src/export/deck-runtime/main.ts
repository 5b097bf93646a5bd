// huibao deck runtime: turns Marp's static slides into a presentation that works from disk.
//
// Bundled by esbuild into one script (src/bin/page-scripts.js), inlined into deck.html and allowed to
// run by its Content-Security-Policy hash. It never inserts markup built from strings: every text
// that comes from the report (notes, titles) is set with textContent, so report text stays text.
//
// Two roles share this one script:
//   audience  (deck.html#3)            one slide at a time, scaled to the window   (audience.ts)
//   presenter (deck.html?presenter#3)  current + next slide, notes, timers, counter (presenter.ts)
// The presenter window is opened by the audience window (key P); sync.ts keeps them in step.
import { setupAudience } from './audience.js'
import { fitAll } from './fit.js'
import { listenToKeys } from './input.js'
import { Navigator } from './navigation.js'
import { Overlay } from './overlay.js'
import { setupPresenter } from './presenter.js'
import { hashIndex, readDeck } from './state.js'
import { Sync } from './sync.js'

function start(): void {
  const state = readDeck()
  if (!state) return
  state.root.classList.add('hb-js', `hb-${state.role}`, 'hb-sections')
  const nav = new Navigator(state, new Overlay())
  const sync = new Sync(state, {
    state: (index, blank) => {
      nav.setBlank(blank, true)
      nav.go(index, true)
    },
  })
  nav.sync = sync
  listenToKeys(nav)
  if (state.role === 'presenter') setupPresenter(nav)
  else setupAudience(nav)
  nav.go(hashIndex(state) ?? 0, true)
  // Tell the other window we are here; it answers with its slide so both start in step.
  if (state.role === 'presenter') sync.send('hello')
  fitAll()
}

start()
