// slides/01.png … : every slide as a 1920x1080 PNG (the 1280x720 slide at device scale 1.5).
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type { BuildContext, Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import type { RenderedDeck } from '../render/deck.js'
import { loadDeckPage, SLIDE_HEIGHT, SLIDE_WIDTH } from '../render/overflow.js'
import { pendingTempFiles } from '../utils/files.js'

/** Pages that take the slide pictures side by side: one a core, at most two. */
const PNG_PAGES = Math.min(2, availableParallelism())

/** 1280x720 CSS px at this device scale give 1920x1080 images. */
export const PNG_SCALE = 1.5

/** File name of slide n (1-based): 01.png … 99.png, 100.png. */
export function slideFileName(n: number, total: number): string {
  return `${String(n).padStart(Math.max(2, String(total).length), '0')}.png`
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength)
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

/**
 * Screenshots every slide of a deck page loaded with loadDeckPage(…, { deviceScaleFactor: PNG_SCALE }).
 * Each slide is scrolled into the 1280x720 viewport and captured there (clipping from the whole
 * page instead re-lays out a page as tall as the deck for every picture). Every picture's size is
 * checked; one that came out wrong is taken again through puppeteer's own screenshot.
 */
export async function captureSlides(page: Page, range?: { from: number; to: number }): Promise<Uint8Array[]> {
  const all = await page.evaluate(() =>
    [...document.querySelectorAll('div.marpit > section')].map(
      (s) => s.getBoundingClientRect().top + window.scrollY,
    ),
  )
  const first = range?.from ?? 0
  const tops = all.slice(first, range?.to ?? all.length)
  const want = { width: Math.round(SLIDE_WIDTH * PNG_SCALE), height: Math.round(SLIDE_HEIGHT * PNG_SCALE) }
  const cdp = await page.createCDPSession()
  const images: Uint8Array[] = []
  try {
    for (const top of tops) {
      const n = first + images.length + 1
      const failed = (cause: unknown) => {
        throw new ConvertError(`Chromium could not take the picture of slide ${n}`, { cause })
      }
      const scrolled = await page.evaluate((y) => {
        window.scrollTo(0, y)
        return window.scrollY
      }, top)
      let image: Uint8Array | undefined
      if (scrolled === top) {
        // Our own CDP session has no device-metrics override: the clip asks for the scale.
        const shot = await cdp
          .send('Page.captureScreenshot', {
            format: 'png',
            optimizeForSpeed: true,
            clip: { x: 0, y: top, width: SLIDE_WIDTH, height: SLIDE_HEIGHT, scale: PNG_SCALE },
          })
          .catch(failed)
        image = Buffer.from(shot.data, 'base64')
        const size = pngSize(image)
        if (size.width !== want.width || size.height !== want.height) image = undefined
      }
      // the slower, ordinary way: puppeteer's screenshot of the viewport (the slide is scrolled in)
      image ??= await page.screenshot({ type: 'png', optimizeForSpeed: true }).catch(failed)
      images.push(image)
    }
  } finally {
    await cdp.detach().catch(() => undefined)
  }
  return images
}

/**
 * Writes the images to <outDir>/slides/ as a whole: into a fresh folder that then replaces the old
 * one, so the folder never mixes two builds (and stale 61.png from a longer deck disappears).
 */
export async function writeSlidePngs(images: Uint8Array[], outDir: string): Promise<string[]> {
  const dir = join(outDir, 'slides')
  const tmp = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  const old = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.old`
  await mkdir(tmp, { recursive: true })
  pendingTempFiles.add(tmp)
  const files: string[] = []
  try {
    await Promise.all(
      images.map(async (image, i) => {
        const name = slideFileName(i + 1, images.length)
        await writeFile(join(tmp, name), image)
        files[i] = join(dir, name)
      }),
    )
    // Another build may put its own slides/ in place between the two renames: move that aside too.
    for (let attempt = 0; ; attempt++) {
      await rename(dir, `${old}${attempt || ''}`).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
      const moved = await rename(tmp, dir).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (attempt >= 4 || (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST')) throw error
          return false
        },
      )
      if (moved) break
    }
  } catch (error) {
    await rm(tmp, { recursive: true, force: true })
    throw error
  } finally {
    pendingTempFiles.delete(tmp)
    for (const suffix of ['', '1', '2', '3', '4'])
      await rm(`${old}${suffix}`, { recursive: true, force: true })
  }
  return files
}

/** Slide pictures of a deck, taken or being taken, so slides-png and deck.pptx take them once. */
const taken = new WeakMap<RenderedDeck, Promise<Uint8Array[]>>()

/** The deck's slide pictures: shared within this build, or taken now in a fresh page. */
export function slideImages(deck: RenderedDeck, ctx: BuildContext): Promise<Uint8Array[]> {
  const known = taken.get(deck)
  if (known) return known
  // Both cores: the slides are split between pages that load the deck and take their share side by
  // side (encoding 1920x1080 PNGs is most of the work, and each page encodes in its own process).
  const shares = Math.max(1, Math.min(PNG_PAGES, Math.ceil(deck.slides.length / 8)))
  const per = Math.ceil(deck.slides.length / shares)
  const images = Promise.all(
    Array.from({ length: shares }, (_, k) =>
      ctx.session.withPage(async (page) => {
        await loadDeckPage(page, deck, ctx, { deviceScaleFactor: PNG_SCALE })
        return captureSlides(page, { from: k * per, to: Math.min(deck.slides.length, (k + 1) * per) })
      }),
    ),
  ).then((parts) => parts.flat())
  taken.set(deck, images)
  // a failed attempt is not remembered: the next caller tries again
  images.catch(() => taken.delete(deck))
  return images
}

/** slides/NN.png in edition.outDir, 1920x1080. `path` is the slides/ folder, `pages` the count. */
export async function writeSlidesPng(
  deck: RenderedDeck,
  edition: Edition,
  ctx: BuildContext,
): Promise<{ path: string; pages: number; files: string[] }> {
  const files = await writeSlidePngs(await slideImages(deck, ctx), edition.outDir)
  return { path: join(edition.outDir, 'slides'), pages: files.length, files }
}
