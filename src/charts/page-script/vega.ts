// Vega in the chart page: its browser build is a <script> of its own (src/charts/page.ts puts it in),
// which defines the global `vega`. Only its types are imported here; esbuild drops the import.
import type * as Vega from 'vega'

/** Vega's module; textMetrics (canvas text measurement) is missing from its typings. */
export type VegaModule = typeof Vega & {
  textMetrics: {
    width(item: { font: string; fontSize: number; fontWeight?: string | number }, text: string): number
  }
}

/** The page's global vega, or undefined in the page that only measures (loaded without Vega). */
export function pageVega(): VegaModule | undefined {
  return (globalThis as { vega?: VegaModule }).vega
}

/** The page's global vega; an error names what is missing when the page was loaded without it. */
export function requireVega(): VegaModule {
  const vega = pageVega()
  if (!vega) throw new Error('the chart page was loaded without Vega')
  return vega
}
