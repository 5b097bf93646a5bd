// The dev page's own interface: the bar (edition switch, deck / presenter / handout links, status)
// and the overlay that shows every problem in the CLI's words, over the last good deck. Text is set
// with textContent only: problems quote report text.
import type { DevPageData } from '../events.js'

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (style) node.setAttribute('style', style)
  if (text !== undefined) node.textContent = text
  return node
}

export interface DevUi {
  /** "rebuilding…", "disconnected…", or '' */
  setStatus(text: string): void
  status(): string
  /** the overlay with these lines; none: no overlay */
  showProblems(lines: string[] | undefined): void
}

export function createUi(config: DevPageData): DevUi {
  const { edition, editions, role } = config
  const bar = el(
    'div',
    'position:fixed;z-index:2147483000;left:8px;bottom:8px;display:flex;gap:8px;align-items:center;' +
      'font:12px/1.4 system-ui,sans-serif;background:rgba(20,20,20,.82);color:#fff;padding:4px 8px;border-radius:6px',
  )
  bar.id = 'hb-dev-bar'
  const select = el('select', 'font:inherit')
  for (const id of editions.length ? editions : [edition]) {
    const option = el('option', '', id)
    option.value = id
    option.selected = id === edition
    select.append(option)
  }
  const page = role === 'handout' ? 'handout' : ''
  select.addEventListener('change', () => {
    location.href = `/${encodeURIComponent(select.value)}/${page}${location.hash}`
  })
  const link = (text: string, href: string) => {
    const a = el('a', 'color:#9cf', text)
    a.href = href
    return a
  }
  const status = el('span', 'opacity:.8', '')
  status.id = 'hb-dev-status'
  const base = `/${encodeURIComponent(edition)}/`
  bar.append(
    select,
    link('deck', base),
    link('presenter', `${base}?presenter`),
    link('handout', `${base}handout`),
    ...(role === 'handout' ? [link('handout.pdf', `${base}handout.pdf`)] : []),
    status,
  )
  // The presenter's own window has no bar: its screen is the presenter's.
  if (!document.documentElement.classList.contains('hb-presenter')) document.body.append(bar)

  // The last good deck stays visible underneath: the overlay covers the lower part of the window only.
  const overlay = el(
    'div',
    'position:fixed;z-index:2147483001;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;' +
      'background:rgba(40,0,0,.92);color:#fff;font:13px/1.5 ui-monospace,monospace;padding:12px 16px;white-space:pre-wrap',
  )
  overlay.id = 'hb-dev-overlay'
  overlay.setAttribute('role', 'alert')
  const ui: DevUi = {
    setStatus: (text) => {
      status.textContent = text
    },
    status: () => status.textContent ?? '',
    showProblems(lines) {
      if (!lines || lines.length === 0) {
        overlay.remove()
        return
      }
      overlay.textContent = lines.join('\n')
      document.body.append(overlay)
    },
  }
  ui.showProblems(config.problems)
  return ui
}
