// The handout view: the print PDF's pages as pictures, one under the other. A PDF in a frame starts
// again at page 1 each time it is loaded, and its viewer does not tell the page where the reader is;
// pictures of a fixed size are replaced in place, so the reader stays on the page and at the scroll
// position they were at. While the handout prints again the pages are dimmed and the bar says so.
// Without pictures (the server could not make them) the view is the PDF itself in a frame.
import type { HandoutEvent } from '../events.js'
import { type DevUi, el } from './ui.js'

/** A4 */
const PAGE_RATIO = '210 / 297'

function preload(src: string): Promise<void> {
  const image = new Image()
  image.src = src
  return image.decode().catch(() => undefined)
}

export function handoutView(edition: string, ui: DevUi, pages: number, version: number) {
  const base = `/${encodeURIComponent(edition)}/`
  const column = el(
    'main',
    'display:flex;flex-direction:column;align-items:center;gap:16px;padding:16px 0 56px;transition:opacity .2s',
  )
  column.id = 'hb-handout-pages'
  const frame = el('iframe', 'position:fixed;inset:0;width:100%;height:100%;border:0')
  frame.id = 'hb-handout'
  frame.title = 'handout.pdf'

  const pageSrc = (n: number, v: number) => `${base}handout-page/${n}.png?v=${v}`
  const showPages = (count: number, v: number) => {
    const images = [...column.querySelectorAll('img')]
    for (let n = 1; n <= count; n++) {
      let image = images[n - 1]
      if (!image) {
        image = el(
          'img',
          `width:min(900px,calc(100% - 32px));aspect-ratio:${PAGE_RATIO};background:#fff;box-shadow:0 2px 8px #0008`,
        )
        image.alt = `${n}`
        image.dataset.page = String(n)
        column.append(image)
      }
      image.src = pageSrc(n, v)
    }
    for (const extra of images.slice(count)) extra.remove()
  }
  const show = (count: number, v: number) => {
    // no print yet (version 0): the pages come with the first one
    if (count > 0 || v === 0) {
      frame.remove()
      if (!column.isConnected) document.body.prepend(column)
      showPages(count, v)
    } else {
      column.remove()
      frame.src = `${base}handout.pdf?v=${v}`
      if (!frame.isConnected) document.body.prepend(frame)
    }
  }
  show(pages, version)
  document.documentElement.dataset.hbDevVersion = String(version)
  if (version === 0) ui.setStatus('handout: printing…')

  return {
    async update(event: HandoutEvent): Promise<void> {
      if (event.state === 'rebuilding') {
        ui.setStatus('handout: rebuilding…')
        column.style.opacity = '0.55'
        return
      }
      column.style.opacity = ''
      if (event.state === 'failed') {
        ui.setStatus('handout: failed (see the problems)')
        ui.showProblems(event.problems)
        return
      }
      // The new pictures are loaded before they replace the old ones, so nothing blinks or moves.
      const count = event.pages
      await Promise.all(Array.from({ length: count }, (_, i) => preload(pageSrc(i + 1, event.version))))
      show(count, event.version)
      ui.setStatus('')
      ui.showProblems([])
      document.documentElement.dataset.hbDevVersion = String(event.version)
      document.dispatchEvent(new CustomEvent('huibao:updated', { detail: { version: event.version } }))
    },
  }
}
