// The script of the page that draws charts (src/charts/page.ts loads it): Vega runs inside Chromium,
// where the bundled fonts are loaded, so its canvas text measurement is exact (Node's estimate is
// far too small for Chinese), and the same page checks the layout of what it drew.
// Bundled by esbuild into one script (src/bin/page-scripts.js); what it offers to Node is
// window.__huibaoCharts, called through page.evaluate.
import { measureSvg } from './layout-check.js'
import { loadFonts, render } from './render.js'
import { pageVega } from './vega.js'
import { wrapFunctions } from './wrap.js'

const vega = pageVega()
if (vega) {
  const { wrap, textWidth } = wrapFunctions(vega)
  vega.expressionFunction('huibaoWrap', wrap)
  vega.expressionFunction('huibaoTextWidth', textWidth)
}

Object.assign(window, { __huibaoCharts: { render, measureSvg, loadFonts } })
