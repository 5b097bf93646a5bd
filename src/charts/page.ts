// The page that draws charts: Vega runs inside Chromium, where the bundled fonts are loaded, so its
// canvas text measurement is exact (Node's estimate is far too small for Chinese). The same page checks
// the layout of what it drew: no two texts overlap, no axis label or title runs into the plot, no text
// runs over a bar or out of the picture, and nothing is cut short with "…".
//
// The script is plain JavaScript in a string, not a TypeScript function: functions compiled by tsx carry
// helper calls that do not exist in the page.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type { BrowserSession } from '../browser/session.js'
import { fontFaceCss } from '../fonts/faces.js'
import { type AxisProbe, PROBE_SCRIPT, type ProbeRows } from './axis-check.js'
import { packageDir } from '../utils/packages.js'

export interface PageJob {
  key: string
  /** compiled Vega spec */
  vega: unknown
  /** text whose glyphs must be loaded before measuring */
  text: string
  fontFamilies: string[]
  /** fields on quantitative scales whose rows' units and kinds the page reports (axis-check.ts) */
  probes?: AxisProbe[]
}

export interface PageResult {
  key: string
  svg?: string
  error?: string
  problems: string[]
  /** one entry per probe */
  probed?: ProbeRows[]
}

export interface LayoutBox {
  /** the text's lines joined by spaces */
  text: string
  /** a multi-line text's lines (tspans) */
  lines: string[]
  role: string
  x: number
  y: number
  width: number
  height: number
}

const PAGE_SCRIPT = String.raw`
(function () {
  var EPS = 0.75
  function roleOf(el) {
    var g = el.closest('g[class*="role-"]')
    var m = g && /role-([a-z-]+)/.exec(g.getAttribute('class'))
    return m ? m[1] : 'mark'
  }
  function box(r) { return { x: r.left, y: r.top, width: r.width, height: r.height } }
  function overlap(a, b, eps) {
    var w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
    var h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
    return w > eps && h > eps
  }
  function visible(el) {
    for (var n = el; n && n.getAttribute; n = n.parentNode) {
      if (n.getAttribute('opacity') === '0' || n.getAttribute('fill-opacity') === '0' || n.getAttribute('visibility') === 'hidden') return false
    }
    return true
  }
  function fmt(b) { return '[' + Math.round(b.x) + ',' + Math.round(b.y) + ' ' + Math.round(b.width) + 'x' + Math.round(b.height) + ']' }
  // Measures an SVG element that is in the document; returns the problems found.
  function checkLayout(svgEl) {
    var problems = []
    var root = box(svgEl.getBoundingClientRect())
    var texts = Array.prototype.slice.call(svgEl.querySelectorAll('text')).filter(function (t) {
      return t.textContent.trim() !== '' && visible(t)
    }).map(function (t) {
      var b = box(t.getBoundingClientRect())
      var spans = t.querySelectorAll('tspan')
      b.lines = spans.length ? Array.prototype.map.call(spans, function (s) { return s.textContent }) : [t.textContent]
      b.text = b.lines.join(' '); b.role = roleOf(t)
      return b
    })
    var marks = Array.prototype.slice.call(svgEl.querySelectorAll('g.mark-rect > path, g.mark-rect > rect, g.mark-symbol > path, g.mark-arc > path')).filter(visible).map(function (m) {
      var b = box(m.getBoundingClientRect()); b.role = 'mark'; return b
    })
    var frames = Array.prototype.slice.call(svgEl.querySelectorAll('g.role-frame > g > path.background, g.role-frame > path.background')).map(function (f) {
      return box(f.getBoundingClientRect())
    })
    for (var i = 0; i < texts.length; i++) {
      var a = texts[i]
      if (a.x < root.x - EPS || a.y < root.y - EPS || a.x + a.width > root.x + root.width + EPS || a.y + a.height > root.y + root.height + EPS) {
        problems.push('text "' + a.text + '" ' + fmt(a) + ' runs outside the picture ' + fmt(root))
      }
      if (a.lines.some(function (l) { return /…$/.test(l) })) problems.push('text "' + a.text + '" is cut short (labelLimit)')
      for (var j = i + 1; j < texts.length; j++) {
        if (overlap(a, texts[j], EPS)) problems.push('texts "' + a.text + '" ' + fmt(a) + ' and "' + texts[j].text + '" ' + fmt(texts[j]) + ' overlap')
      }
      for (var k = 0; k < marks.length; k++) {
        if (overlap(a, marks[k], EPS)) problems.push('text "' + a.text + '" ' + fmt(a) + ' runs over a mark ' + fmt(marks[k]))
      }
      if (/^(axis-label|axis-title|title|title-text|subtitle|legend-label|legend-title)$/.test(a.role)) {
        for (var f = 0; f < frames.length; f++) {
          if (overlap(a, frames[f], EPS)) problems.push(a.role + ' "' + a.text + '" ' + fmt(a) + ' runs into the plot area ' + fmt(frames[f]))
        }
      }
    }
    var overflow = { left: 0, right: 0, top: 0, bottom: 0 }
    texts.forEach(function (t) {
      overflow.left = Math.max(overflow.left, root.x - t.x)
      overflow.right = Math.max(overflow.right, t.x + t.width - root.x - root.width)
      overflow.top = Math.max(overflow.top, root.y - t.y)
      overflow.bottom = Math.max(overflow.bottom, t.y + t.height - root.y - root.height)
    })
    return { problems: problems, texts: texts, overflow: overflow }
  }
  function measureSvg(svg) {
    var host = document.createElement('div')
    host.style.cssText = 'position:absolute;left:0;top:0'
    host.innerHTML = svg
    document.body.appendChild(host)
    try { return checkLayout(host.querySelector('svg')) } finally { host.remove() }
  }
  async function loadFonts(families, text) {
    var loads = []
    families.forEach(function (family) {
      ['400', '700'].forEach(function (weight) {
        loads.push(document.fonts.load(weight + ' 16px "' + family + '"', text))
      })
    })
    await Promise.all(loads)
  }
  // huibaoTextWidth(text, type): the width of one line of text in px.
  // huibaoWrap(text, type, pref, cap, room): the lines to draw a label in, measured with the page's
  // fonts (type: {font, fontSize, fontWeight, lineHeight}). One line if it fits in pref px; else the
  // fewest lines (as many as fit in room px of height) of balanced length within pref; else the
  // narrowest width up to cap that takes it in that many lines. Breaks at spaces, and between CJK
  // characters except before closing and after opening punctuation. Always returns an array.
  var CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/
  var NO_START = /^[，。、；：！？）》」』”’%,.;:!?)\]]/
  var NO_END = /[（《「『“‘(\[]$/
  function tokens(text) {
    var out = []
    var parts = text.match(/\s+|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+/g) || []
    for (var i = 0; i < parts.length; i++) {
      var t = parts[i]
      var last = out.length - 1
      if (last >= 0 && (/^\s+$/.test(t) || NO_START.test(t) || NO_END.test(out[last]) || (!CJK.test(t) && !/\s$/.test(out[last]) && !CJK.test(out[last].slice(-1))))) out[last] += t
      else out.push(t)
    }
    return out
  }
  function greedy(toks, w, measure) {
    var lines = [], cur = ''
    for (var i = 0; i < toks.length; i++) {
      var cand = cur + toks[i]
      if (cur && measure(cand.trim()) > w) { lines.push(cur.trim()); cur = toks[i] } else cur = cand
    }
    if (cur.trim()) lines.push(cur.trim())
    return lines
  }
  function fits(lines, w, measure) {
    return lines.every(function (l) { return measure(l) <= w })
  }
  // the narrowest width <= max that takes the text in n lines, or 0
  function narrowest(toks, n, max, measure) {
    var first = greedy(toks, max, measure)
    if (first.length > n || !fits(first, max, measure)) return 0
    var lo = 0, hi = max
    for (var k = 0; k < 16 && hi - lo > 0.5; k++) {
      var mid = (lo + hi) / 2
      var lines = greedy(toks, mid, measure)
      if (lines.length <= n && fits(lines, mid, measure)) hi = mid; else lo = mid
    }
    return hi
  }
  var wrapCache = new Map()
  function wrap(text, type, pref, cap, room) {
    text = text == null ? '' : String(text)
    var key = JSON.stringify([text, type, pref, cap, room])
    if (wrapCache.has(key)) return wrapCache.get(key).slice()
    var item = { font: type.font, fontSize: type.fontSize, fontWeight: type.fontWeight }
    var measure = function (t) { return vega.textMetrics.width(item, t) }
    var lh = type.lineHeight || type.fontSize * 1.15
    var maxLines = Math.max(1, Math.floor((room - 1.4 * type.fontSize) / lh) + 1)
    var result = [text]
    if (measure(text) > pref) {
      var toks = tokens(text), w = 0
      for (var n = 2; n <= maxLines && !w; n++) w = narrowest(toks, n, pref, measure)
      if (!w) w = narrowest(toks, maxLines, Math.max(pref, cap), measure)
      // more lines than the row holds: the layout check decides whether they fit after all
      for (var more = maxLines + 1; more <= maxLines + 2 && !w; more++) w = narrowest(toks, more, pref, measure)
      result = greedy(toks, w || Math.max(pref, cap), measure)
    }
    wrapCache.set(key, result)
    return result.slice()
  }
  function textWidth(text, type) {
    return vega.textMetrics.width({ font: type.font, fontSize: type.fontSize, fontWeight: type.fontWeight }, text == null ? '' : String(text))
  }
  if (typeof vega !== 'undefined') {
    vega.expressionFunction('huibaoWrap', wrap)
    vega.expressionFunction('huibaoTextWidth', textWidth)
  }
  function refusingLoader() {
    var loader = vega.loader()
    var refuse = function (uri) { return Promise.reject(new Error('a chart may not load anything: ' + uri)) }
    loader.load = refuse; loader.sanitize = refuse; loader.http = refuse; loader.file = refuse
    return loader
  }
  async function render(jobs) {
    var out = []
    for (var i = 0; i < jobs.length; i++) {
      var job = jobs[i]
      try {
        await loadFonts(job.fontFamilies, job.text)
        var view = new vega.View(vega.parse(job.vega), { renderer: 'none', loader: refusingLoader(), logLevel: vega.Error })
        await view.runAsync()
        var probed = window.__huibaoProbe(view, job.probes || [])
        var svg = await view.toSVG()
        var measured = measureSvg(svg)
        // Text that Vega's autosize did not fit (a value label past the longest bar): widen the
        // padding on that side by the overflow and draw again; the plot shrinks to make room.
        for (var attempt = 0; attempt < 3; attempt++) {
          var o = measured.overflow
          if (o.left <= EPS && o.right <= EPS && o.top <= EPS && o.bottom <= EPS) break
          var p = view.padding()
          view.padding({
            left: p.left + (o.left > EPS ? Math.ceil(o.left) + 8 : 0),
            right: p.right + (o.right > EPS ? Math.ceil(o.right) + 8 : 0),
            top: p.top + (o.top > EPS ? Math.ceil(o.top) + 8 : 0),
            bottom: p.bottom + (o.bottom > EPS ? Math.ceil(o.bottom) + 8 : 0),
          })
          await view.runAsync()
          svg = await view.toSVG()
          measured = measureSvg(svg)
        }
        view.finalize()
        out.push({ key: job.key, svg: svg, problems: measured.problems, probed: probed })
      } catch (e) {
        out.push({ key: job.key, error: String(e && e.message || e), problems: [] })
      }
    }
    return out
  }
  window.__huibaoCharts = { render: render, measureSvg: measureSvg, loadFonts: loadFonts }
})()
`

let vegaSource: Promise<string> | undefined

/**
 * Vega's browser build, inlined into the page. (moduleUrl('vega', …) would be the natural way, but the
 * session resolves packages through their package.json, which vega does not export.)
 */
function vegaScript(): Promise<string> {
  vegaSource ??= readFile(join(packageDir('vega'), 'build', 'vega.min.js'), 'utf8').then((js) =>
    js.replace(/<\/script/gi, '<\\/script'),
  )
  return vegaSource
}

async function chartPageHtml(withVega: boolean): Promise<string> {
  const vega = withVega ? `<script>${await vegaScript()}</script>` : ''
  return `<!doctype html><html><head><meta charset="utf-8"><style>${await fontFaceCss()}
html,body{margin:0;padding:0;background:#fff}</style>${vega}<script>${PAGE_SCRIPT}${PROBE_SCRIPT}</script></head><body></body></html>`
}

/** Loads the chart page into `page` (with Vega, or only the layout checker). */
export async function loadChartPage(session: BrowserSession, page: Page, withVega = true): Promise<void> {
  await session.load(page, await chartPageHtml(withVega), {
    name: 'charts.html',
    viewport: { width: 1600, height: 1200 },
  })
}

export async function renderInPage(page: Page, jobs: PageJob[]): Promise<PageResult[]> {
  return (await page.evaluate(`window.__huibaoCharts.render(${JSON.stringify(jobs)})`)) as PageResult[]
}

/**
 * Measures a finished SVG in a page made by loadChartPage(): the problems found and every text's box.
 * Loads the fonts for the SVG's text first.
 */
export async function measureSvgInPage(
  page: Page,
  svg: string,
  fontFamilies: string[] = ['Noto Sans SC'],
): Promise<{ problems: string[]; texts: LayoutBox[] }> {
  const text = svg.replace(/<[^>]*>/g, '')
  await page.evaluate(
    `window.__huibaoCharts.loadFonts(${JSON.stringify(fontFamilies)}, ${JSON.stringify(text)})`,
  )
  return (await page.evaluate(`window.__huibaoCharts.measureSvg(${JSON.stringify(svg)})`)) as {
    problems: string[]
    texts: LayoutBox[]
  }
}
