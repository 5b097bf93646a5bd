// deck.pptx, native: every slide drawn as PowerPoint objects from the edition's data, so that venue
// staff can fix a word in it the night before. Text boxes hold paragraphs, figures are shapes with
// text, lists are tables, charts are PowerPoint charts with their data sheet, the logo is a picture,
// and each slide's notes hold its full text. The picture deck (every slide a screenshot) is the
// other writer, src/export/deck-pptx.ts, chosen with `--pptx images`.

import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import pptxgen from 'pptxgenjs'
import type { BuildContext, Edition } from '../../context.js'
import { ConfigError } from '../../errors.js'
import type { RenderedDeck } from '../../render/deck.js'
import type { DrawContext } from './draw-frame.js'
import { drawSlide } from './draw-slides.js'
import { deflateStoredZip } from './native-deflate.js'
import { planSlides } from './plan.js'
import { loadPptxStyle, xmlText } from './style.js'
import { writePptxFile } from './write.js'

// pptxgenjs ships CommonJS types with an ES default export; take the class whichever way it loads.
const PptxGenJS = ((pptxgen as unknown as { default?: unknown }).default ?? pptxgen) as typeof pptxgen.default

/**
 * The edition's logo as a PNG data URI for PowerPoint. An SVG is drawn by Chromium at twice the
 * cover's logo height: PowerPoint's SVG support needs a PNG beside it, and older WPS shows only that.
 */
async function logoPicture(edition: Edition, ctx: BuildContext): Promise<DrawContext['logo']> {
  if (!edition.logo) return undefined
  const bytes = await readFile(edition.logo).catch((cause: unknown) => {
    throw new ConfigError(`logo ${edition.logo} cannot be read`, { cause })
  })
  const ext = extname(edition.logo).toLowerCase()
  if (ext === '.png' || ext === '.jpg' || ext === '.jpeg') {
    const type = ext === '.png' ? 'image/png' : 'image/jpeg'
    const ratio = await ctx.session.withPage(async (page) => {
      await page.setContent(`<img src="data:${type};base64,${bytes.toString('base64')}">`)
      return page.$eval('img', (img) => img.naturalWidth / Math.max(1, img.naturalHeight))
    })
    return { data: `${type};base64,${bytes.toString('base64')}`, ratio }
  }
  const type = ext === '.svg' ? 'image/svg+xml' : 'image/webp'
  return ctx.session.withPage(async (page) => {
    await page.setViewport({ width: 1200, height: 400, deviceScaleFactor: 1 })
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{height:112px;width:auto;display:block}</style><img src="data:${type};base64,${bytes.toString('base64')}">`,
    )
    const img = await page.waitForSelector('img')
    await page.$eval('img', (el) => el.decode())
    const shot = await img?.screenshot({ type: 'png', omitBackground: true })
    const ratio = await page.$eval('img', (el) => el.width / Math.max(1, el.height))
    if (!shot) throw new ConfigError(`logo ${edition.logo}: Chromium could not draw it`)
    return { data: `image/png;base64,${Buffer.from(shot).toString('base64')}`, ratio }
  })
}

/** The native PPTX of the deck's slides, in the deck's order. */
export async function buildNativePptx(
  deck: RenderedDeck,
  edition: Edition,
  ctx: BuildContext,
): Promise<Uint8Array> {
  const [plan, style, logo] = await Promise.all([
    planSlides(deck, edition, ctx),
    loadPptxStyle(edition, ctx.projectRoot),
    logoPicture(edition, ctx),
  ])
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE' // 13.333 x 7.5 in: 96 px an inch of the 1280x720 HTML slide
  pptx.title = xmlText(deck.title)
  pptx.author = xmlText(edition.report.meta.speaker)
  pptx.subject = xmlText(edition.report.meta.meeting)
  pptx.company = xmlText(edition.report.presentation?.office ?? '')
  pptx.theme = { headFontFace: style.headingFont, bodyFontFace: style.bodyFont }
  const dc: DrawContext = {
    style,
    footer: plan.footer,
    ...(logo ? { logo } : {}),
  }
  for (const slidePlan of plan.slides) {
    const slide = pptx.addSlide()
    drawSlide(slide, slidePlan, dc)
    slide.addNotes(xmlText(slidePlan.notes))
  }
  // stored by JSZip, then deflated natively (native-deflate.ts: JSZip's own deflate is pure JavaScript)
  const stored = await pptx.write({ outputType: 'nodebuffer', compression: false })
  return deflateStoredZip(stored as Uint8Array)
}

/** deck.pptx (native) in edition.outDir. */
export async function writeNativePptx(
  deck: RenderedDeck,
  edition: Edition,
  ctx: BuildContext,
): Promise<{ path: string; pages: number }> {
  return writePptxFile(deck, edition, await buildNativePptx(deck, edition, ctx))
}
