// Checks the layout of an SVG chart as Chromium draws it, with the page's fonts: no two texts
// overlap, no axis label or title runs into the plot, no text runs over a bar or out of the picture,
// and nothing is cut short with "…". Also reports how far text runs out on each side, so that the
// chart can be drawn again with room for it.

/** Slack in px for boxes that touch. */
export const EPS = 0.75

interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface TextBox extends Box {
  /** the text's lines joined by spaces */
  text: string
  /** a multi-line text's lines (tspans) */
  lines: string[]
  role: string
}

export interface Overflow {
  left: number
  right: number
  top: number
  bottom: number
}

export interface Measured {
  problems: string[]
  texts: TextBox[]
  overflow: Overflow
}

const TITLE_ROLES = /^(axis-label|axis-title|title|title-text|subtitle|legend-label|legend-title)$/

function roleOf(el: Element): string {
  const g = el.closest('g[class*="role-"]')
  const m = g && /role-([a-z-]+)/.exec(g.getAttribute('class') ?? '')
  return m?.[1] ?? 'mark'
}

const box = (r: DOMRect): Box => ({ x: r.left, y: r.top, width: r.width, height: r.height })

function overlap(a: Box, b: Box, eps: number): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > eps && h > eps
}

function visible(el: Element): boolean {
  for (let n: Node | null = el; n instanceof Element; n = n.parentNode) {
    if (
      n.getAttribute('opacity') === '0' ||
      n.getAttribute('fill-opacity') === '0' ||
      n.getAttribute('visibility') === 'hidden'
    )
      return false
  }
  return true
}

const fmt = (b: Box) =>
  `[${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)}]`

function textBoxes(svg: Element): TextBox[] {
  return [...svg.querySelectorAll('text')]
    .filter((t) => (t.textContent ?? '').trim() !== '' && visible(t))
    .map((t) => {
      const spans = t.querySelectorAll('tspan')
      const lines = spans.length ? [...spans].map((s) => s.textContent ?? '') : [t.textContent ?? '']
      return { ...box(t.getBoundingClientRect()), lines, text: lines.join(' '), role: roleOf(t) }
    })
}

const MARKS = 'g.mark-rect > path, g.mark-rect > rect, g.mark-symbol > path, g.mark-arc > path'
const FRAMES = 'g.role-frame > g > path.background, g.role-frame > path.background'

/** Measures an SVG element that is in the document; returns the problems found. */
export function checkLayout(svg: Element): Measured {
  const problems: string[] = []
  const root = box(svg.getBoundingClientRect())
  const texts = textBoxes(svg)
  const marks = [...svg.querySelectorAll(MARKS)].filter(visible).map((m) => box(m.getBoundingClientRect()))
  const frames = [...svg.querySelectorAll(FRAMES)].map((f) => box(f.getBoundingClientRect()))
  texts.forEach((a, i) => {
    if (
      a.x < root.x - EPS ||
      a.y < root.y - EPS ||
      a.x + a.width > root.x + root.width + EPS ||
      a.y + a.height > root.y + root.height + EPS
    ) {
      problems.push(`text "${a.text}" ${fmt(a)} runs outside the picture ${fmt(root)}`)
    }
    if (a.lines.some((l) => /…$/.test(l))) problems.push(`text "${a.text}" is cut short (labelLimit)`)
    for (const b of texts.slice(i + 1)) {
      if (overlap(a, b, EPS)) problems.push(`texts "${a.text}" ${fmt(a)} and "${b.text}" ${fmt(b)} overlap`)
    }
    for (const m of marks) {
      if (overlap(a, m, EPS)) problems.push(`text "${a.text}" ${fmt(a)} runs over a mark ${fmt(m)}`)
    }
    if (TITLE_ROLES.test(a.role)) {
      for (const f of frames) {
        if (overlap(a, f, EPS))
          problems.push(`${a.role} "${a.text}" ${fmt(a)} runs into the plot area ${fmt(f)}`)
      }
    }
  })
  const overflow: Overflow = { left: 0, right: 0, top: 0, bottom: 0 }
  for (const t of texts) {
    overflow.left = Math.max(overflow.left, root.x - t.x)
    overflow.right = Math.max(overflow.right, t.x + t.width - root.x - root.width)
    overflow.top = Math.max(overflow.top, root.y - t.y)
    overflow.bottom = Math.max(overflow.bottom, t.y + t.height - root.y - root.height)
  }
  return { problems, texts, overflow }
}

/** Puts an SVG's markup into the page, measures it, and takes it out again. */
export function measureSvg(svg: string): Measured {
  const host = document.createElement('div')
  host.style.cssText = 'position:absolute;left:0;top:0'
  host.innerHTML = svg
  document.body.appendChild(host)
  try {
    const element = host.querySelector('svg')
    if (!element) throw new Error('no <svg> element in the markup to measure')
    return checkLayout(element)
  } finally {
    host.remove()
  }
}
