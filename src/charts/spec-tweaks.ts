// Adjustments every chart spec gets before it is compiled: the theme's config at the chart's size,
// wrapped axis labels, the type of text marks as a param, and the emphasis of a highlighted metric.

/**
 * The param huibaoText: the type of text marks at this chart's size ({font, fontSize, fontWeight,
 * lineHeight}), for specs that wrap a text mark's text themselves:
 * `huibaoWrap(datum.label, huibaoText, maxWidth, maxWidth, rowHeight)` (see livelihood-projects).
 */
export function addTextType(spec: Record<string, unknown>, config: Record<string, unknown>): void {
  const text = (config.text ?? {}) as Record<string, unknown>
  const fontSize = Number(text.fontSize ?? 11)
  const type = {
    font: String(text.font ?? config.font ?? 'sans-serif'),
    fontSize,
    fontWeight: text.fontWeight ?? 400,
    lineHeight: Math.round(fontSize * 1.15 * 10) / 10,
  }
  const params = Array.isArray(spec.params) ? (spec.params as unknown[]) : []
  spec.params = [...params, { name: 'huibaoText', value: type }]
}

/**
 * Long category labels (English ones, mostly) wrap instead of being cut short: every nominal or
 * ordinal y axis draws its labels through huibaoWrap (src/charts/page.ts), which breaks a label that is
 * wider than the axis' labelLimit into balanced lines, as many as the row's height holds, and widens
 * the label column up to LABEL_COLUMN_MAX of the chart's width when the lines would not fit otherwise.
 * Multi-line labels are centred on their row. Axes with a labelExpr of their own are left alone.
 */
export const LABEL_COLUMN_MAX = 0.6

export function wrapAxisLabels(
  node: Record<string, unknown>,
  config: Record<string, unknown>,
  width: number,
): void {
  const encoding = node.encoding as Record<string, unknown> | undefined
  const y = encoding?.y as Record<string, unknown> | undefined
  if (y && (y.type === 'nominal' || y.type === 'ordinal') && y.axis !== null) {
    const axis = (y.axis ?? {}) as Record<string, unknown>
    if (axis.labelExpr === undefined) {
      const base = { ...((config.axis ?? {}) as Record<string, unknown>), ...axis }
      const fontSize = Number(base.labelFontSize ?? 10)
      const lineHeight = Math.round(fontSize * 1.15 * 10) / 10
      const type = {
        font: String(base.labelFont ?? config.font ?? 'sans-serif'),
        fontSize,
        fontWeight: base.labelFontWeight ?? 400,
        lineHeight,
      }
      const pref = Number(base.labelLimit ?? 200)
      // an axis of fixed extent (huibao's forms) keeps its labels inside it
      const room =
        typeof base.maxExtent === 'number' ? base.maxExtent - Number(base.labelPadding ?? 0) : Infinity
      const cap = Math.min(room, Math.max(pref, Math.round(width * LABEL_COLUMN_MAX)))
      const typeExpr = `{font: ${JSON.stringify(type.font)}, fontSize: ${type.fontSize}, fontWeight: ${JSON.stringify(type.fontWeight)}, lineHeight: ${lineHeight}}`
      const lines = `huibaoWrap(datum.label, ${typeExpr}, ${pref}, ${cap}, height / length(domain('y')))`
      y.axis = {
        ...axis,
        labelExpr: lines,
        labelLimit: cap + 2,
        labelLineHeight: lineHeight,
        // Vega puts the first line on the row's middle: move a label of n lines up by (n - 1) / 2 lines.
        labelOffset: {
          condition: { test: 'false', value: 0 },
          expr: `-(length(${lines}) - 1) * ${lineHeight / 2}`,
        },
      }
    }
  }
  for (const k of ['layer', 'hconcat', 'vconcat', 'concat']) {
    if (Array.isArray(node[k])) {
      for (const child of node[k] as Record<string, unknown>[]) wrapAxisLabels(child, config, width)
    }
  }
}

/** Multiplies the theme's type sizes, paddings and label limits by `factor` (areas by its square). */
export function scaleConfig(value: unknown, factor: number, key = ''): unknown {
  if (factor === 1) return value
  if (typeof value === 'number') {
    if (/size$/i.test(key) && !/fontsize$/i.test(key)) return Math.round(value * factor * factor)
    if (/(fontsize|padding|offset|limit|^left|^right|^top|^bottom)$/i.test(key))
      return Math.round(value * factor * 10) / 10
    return value
  }
  if (Array.isArray(value)) return value
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scaleConfig(v, factor, key === 'padding' ? k : k)]),
    )
  }
  return value
}

export function mergeConfig(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(over)) {
    const b = out[k]
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeConfig(b as Record<string, unknown>, v as Record<string, unknown>)
        : v
  }
  return out
}

const EMPHASIS_MARKS = new Set(['bar', 'point', 'circle', 'square', 'tick', 'rect', 'arc', 'area', 'line'])

/** With a highlight, every non-text mark without its own opacity draws the other rows fainter. */
export function emphasise(node: Record<string, unknown>): void {
  const mark = typeof node.mark === 'string' ? node.mark : (node.mark as { type?: string } | undefined)?.type
  if (mark && EMPHASIS_MARKS.has(mark)) {
    const encoding = (node.encoding ?? {}) as Record<string, unknown>
    if (encoding.opacity === undefined) {
      encoding.opacity = { condition: { test: 'datum.highlighted', value: 1 }, value: 0.35 }
      node.encoding = encoding
    }
  }
  for (const k of ['layer', 'hconcat', 'vconcat', 'concat']) {
    if (Array.isArray(node[k])) for (const child of node[k] as Record<string, unknown>[]) emphasise(child)
  }
}

/** The subtitle's type size at this chart's size. */
export function subtitleSize(config: unknown): number {
  const t = ((config as Record<string, unknown>).title ?? {}) as Record<string, unknown>
  return typeof t.subtitleFontSize === 'number' ? t.subtitleFontSize : 18
}
