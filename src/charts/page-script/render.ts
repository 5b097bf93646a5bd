// Drawing the charts in the page: each job's Vega spec is run with the page's fonts loaded, drawn to
// SVG and measured; text that Vega's autosize did not fit gets more padding on its side and the chart
// is drawn again. A chart may not load anything: the loader refuses every request.
import type { AxisProbe, ProbeRows } from '../axis-check.js'
import { EPS, type Measured, measureSvg } from './layout-check.js'
import { probeRows } from './probe.js'
import { requireVega, type VegaModule } from './vega.js'

/** What src/charts/page.ts sends (PageJob there). */
export interface Job {
  key: string
  vega: unknown
  text: string
  fontFamilies: string[]
  probes?: AxisProbe[]
}

export interface JobResult {
  key: string
  svg?: string
  error?: string
  problems: string[]
  probed?: ProbeRows[]
}

export async function loadFonts(families: string[], text: string): Promise<void> {
  const loads: Promise<unknown>[] = []
  for (const family of families) {
    for (const weight of ['400', '700']) loads.push(document.fonts.load(`${weight} 16px "${family}"`, text))
  }
  await Promise.all(loads)
}

function refusingLoader(vega: VegaModule) {
  const loader = vega.loader()
  const refuse = (uri: string) => Promise.reject(new Error(`a chart may not load anything: ${uri}`))
  Object.assign(loader, { load: refuse, sanitize: refuse, http: refuse, file: refuse })
  return loader
}

const outside = (m: Measured) =>
  m.overflow.left > EPS || m.overflow.right > EPS || m.overflow.top > EPS || m.overflow.bottom > EPS
const more = (over: number) => (over > EPS ? Math.ceil(over) + 8 : 0)

async function renderOne(vega: VegaModule, job: Job): Promise<JobResult> {
  await loadFonts(job.fontFamilies, job.text)
  const view = new vega.View(vega.parse(job.vega as Parameters<VegaModule['parse']>[0]), {
    renderer: 'none',
    loader: refusingLoader(vega),
    logLevel: vega.Error,
  })
  await view.runAsync()
  const probed = probeRows(view, job.probes ?? [])
  let svg = await view.toSVG()
  let measured = measureSvg(svg)
  // Text that Vega's autosize did not fit (a value label past the longest bar): widen the padding on
  // that side by the overflow and draw again; the plot shrinks to make room.
  for (let attempt = 0; attempt < 3 && outside(measured); attempt++) {
    const p = view.padding() as { left: number; right: number; top: number; bottom: number }
    const o = measured.overflow
    view.padding({
      left: p.left + more(o.left),
      right: p.right + more(o.right),
      top: p.top + more(o.top),
      bottom: p.bottom + more(o.bottom),
    })
    await view.runAsync()
    svg = await view.toSVG()
    measured = measureSvg(svg)
  }
  view.finalize()
  return { key: job.key, svg, problems: measured.problems, probed }
}

/** Draws the jobs one after another (they share the page's fonts); a failed chart is reported, not thrown. */
export async function render(jobs: Job[]): Promise<JobResult[]> {
  const vega = requireVega()
  const out: JobResult[] = []
  for (const job of jobs) {
    try {
      out.push(await renderOne(vega, job))
    } catch (e) {
      out.push({ key: job.key, error: String((e instanceof Error && e.message) || e), problems: [] })
    }
  }
  return out
}
