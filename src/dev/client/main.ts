// huibao dev: the script the dev server adds to the deck page, the presenter's window and the
// handout view (never to a built deck.html). Bundled by the server when it starts
// (src/dev/client-bundle.ts). It listens to the server's events (Server-Sent Events, same origin
// only), brings the page to each new build in place, shows every problem in an overlay in the
// CLI's words, and offers the edition switch.
import type { DevEvents, DevPageData } from '../events.js'
import { DeckUpdater } from './deck.js'
import { handoutView } from './handout.js'
import { createUi } from './ui.js'

const config = JSON.parse(document.getElementById('hb-dev')?.textContent || '{}') as DevPageData
const { edition, role } = config
const root = document.documentElement
const ui = createUi(config)
const deck = role === 'deck' ? new DeckUpdater(edition, config.version) : undefined
const handout = role === 'handout' ? handoutView(edition, ui, config.pages ?? 0, config.version) : undefined

// the version tells the server what this page has, so that one it missed while loading comes now
const version = () => (role === 'handout' ? root.dataset.hbDevVersion : deck?.version) ?? config.version
const events = new EventSource(
  `/events?edition=${encodeURIComponent(edition)}&role=${role}&version=${version()}`,
)
function on<K extends keyof DevEvents>(type: K, handle: (message: DevEvents[K]) => unknown): void {
  events.addEventListener(type, (event) => {
    const message = JSON.parse((event as MessageEvent<string>).data) as DevEvents[K]
    if (message.edition !== edition) return
    Promise.resolve(handle(message)).catch((error: unknown) => ui.showProblems([`error ${String(error)}`]))
  })
}

// data-hb-dev-busy: "1" from a rebuild's start until its checks are done (the benchmark waits on it)
on('building', () => {
  ui.setStatus('rebuilding…')
  root.dataset.hbDevBusy = '1'
})
on('deck', async (message) => {
  ui.setStatus('')
  await deck?.update(message)
})
on('problems', (message) => {
  ui.setStatus('')
  root.dataset.hbDevBusy = '0'
  if (role === 'deck') ui.showProblems(message.problems)
})
on('handout', (message) => handout?.update(message))
events.addEventListener('error', () => ui.setStatus('disconnected from huibao dev; retrying…'))
events.addEventListener('open', () => {
  if (ui.status().startsWith('disconnected')) ui.setStatus('')
})
