// The black-and-white handout (--mono). An office copier or a one-colour press prints colour as
// grey of its own choosing: red figures fade, and two colours of equal lightness merge. Here every
// colour of the theme and of the charts becomes a grey chosen by its lightness, the coloured bands
// become rules, and what colour said is said by weight (bold figures) and labels. Logos are kept.

const TOKEN_GREYS: Record<string, string> = {
  accent: '#111111',
  accent2: '#6e6e6e',
  text: '#000000',
  muted: '#4d4d4d',
  background: '#ffffff',
  surface: '#f0f0f0',
  rule: '#b3b3b3',
}

/** The grey of the same (Rec. 709) lightness as a colour, or the colour as it was if unknown. */
export function greyOf(color: string): string {
  const c = color.trim().toLowerCase()
  let rgb: number[] | undefined
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(c)?.[1]
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex
    rgb = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16))
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(c)
  if (fn) rgb = [fn[1], fn[2], fn[3]].map(Number)
  if (!rgb) return color
  const [r = 0, g = 0, b = 0] = rgb
  const y = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b)
  const h = Math.min(255, Math.max(0, y)).toString(16).padStart(2, '0')
  return `#${h}${h}${h}`
}

/** Every colour of every inline SVG in the HTML (fill, stroke, stop-color, also inside style="…") as grey. */
export function monochromeSvgs(html: string): string {
  return html.replace(/<svg\b[\s\S]*?<\/svg>/g, (svg) =>
    svg
      .replace(
        /\b(fill|stroke|stop-color|flood-color|color)="([^"]+)"/g,
        (_, k: string, v: string) => `${k}="${greyOf(v)}"`,
      )
      .replace(
        /\b(fill|stroke|stop-color)\s*:\s*([^;"']+)/g,
        (_, k: string, v: string) => `${k}:${greyOf(v)}`,
      ),
  )
}

/** CSS that comes after the theme's: the tokens as greys, the cover band as a rule. */
export function monoCss(): string {
  const vars = Object.entries(TOKEN_GREYS)
    .map(([k, v]) => `--${k}:${v}`)
    .join(';')
  return [
    `:root{${vars}}`,
    '.cover-band{background:none;color:var(--text);border-bottom:1.2pt solid var(--text)}',
    '.cover-rule{background:var(--text);height:0.6pt}',
    '.cover p.cover-marking{color:var(--text);border-color:var(--text)}',
  ].join('\n')
}
