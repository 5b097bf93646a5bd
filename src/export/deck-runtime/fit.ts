// Scaling. Each slide is a <section> of the theme's size (1280x720 CSS px), measured and scaled into
// its box: the projector's window (letterboxed, centred), or a pane of the presenter view.
function fitSection(section: HTMLElement, box: HTMLElement): void {
  const w = section.offsetWidth || 1280
  const h = section.offsetHeight || 720
  const s = Math.min(box.clientWidth / w, box.clientHeight / h) || 1
  // centred on the projector; top-left in the presenter's panes, under their labels
  const centre = !box.classList.contains('hb-pane')
  const x = centre ? (box.clientWidth - w * s) / 2 : 0
  const y = centre ? (box.clientHeight - h * s) / 2 : 0
  // a custom property rather than style.transform, so that print (which ignores it) needs no !important
  section.style.setProperty('--hb-fit', `translate(${x}px, ${y}px) scale(${s})`)
}

/** Scales every section slide shown in a .hb-fit box to its box. */
export function fitAll(): void {
  for (const box of document.querySelectorAll<HTMLElement>('.hb-fit')) {
    for (const section of box.querySelectorAll<HTMLElement>(':scope > section')) fitSection(section, box)
  }
}

let resized: ResizeObserver | null | undefined

/**
 * A pane changes size with the window, but also when the web fonts arrive and the presenter's top
 * bar grows: watch the boxes themselves (the window's size where ResizeObserver is missing).
 */
export function watchBox(box: HTMLElement): void {
  if (resized === undefined)
    resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => fitAll()) : null
  if (resized) resized.observe(box)
  else window.addEventListener('resize', fitAll)
}
