// slides/01.png … : every slide as a 1920x1080 PNG (the 1280x720 slide at device scale 1.5).
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type { BuildContext, Edition } from '../context.js'
import { ConvertError } from '../errors.js'
import type { RenderedDeck } from '../render/deck.js'
import { loadDeckPage, SLIDE_HEIGHT, SLIDE_WIDTH } from '../render/overflow.js'

/** 1280x720 CSS px at this device scale give 1920x1080 images. */
export const PNG_SCALE = 1.5

/** File name of slide n (1-based): 01.png … 99.png, 100.png. */
export function slideFileName(n: number, total: number): string {
  return `${String(n).padStart(Math.max(2, String(total).length), '0')}.png`
}

/** Screenshots every slide of a deck page loaded with loadDeckPage(…, { deviceScaleFactor: PNG_SCALE }). */
export async function captureSlides(page: Page): Promise<Uint8Array[]> {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('div.marpit > section')].map((s) => {
      const r = s.getBoundingClientRect()
      return { x: r.left + window.scrollX, y: r.top + window.scrollY }
    }),
  )
  const images: Uint8Array[] = []
  for (const box of boxes) {
    const image = await page
      .screenshot({
        type: 'png',
        clip: { x: box.x, y: box.y, width: SLIDE_WIDTH, height: SLIDE_HEIGHT },
        captureBeyondViewport: true,
        optimizeForSpeed: true,
      })
      .catch((cause: unknown) => {
        throw new ConvertError(`Chromium could not take the picture of slide ${images.length + 1}`, { cause })
      })
    images.push(image)
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
  const files: string[] = []
  try {
    await Promise.all(
      images.map(async (image, i) => {
        const name = slideFileName(i + 1, images.length)
        await writeFile(join(tmp, name), image)
        files[i] = join(dir, name)
      }),
    )
    await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await rename(tmp, dir)
  } catch (error) {
    await rm(tmp, { recursive: true, force: true })
    throw error
  } finally {
    await rm(old, { recursive: true, force: true })
  }
  return files
}

/** Slide pictures already taken of a deck, so deck.pptx need not take them again. */
const taken = new WeakMap<RenderedDeck, Uint8Array[]>()

export function rememberSlideImages(deck: RenderedDeck, images: Uint8Array[]): void {
  taken.set(deck, images)
}

/** The deck's slide pictures: remembered from this build, or taken now in a fresh page. */
export async function slideImages(deck: RenderedDeck, ctx: BuildContext): Promise<Uint8Array[]> {
  const known = taken.get(deck)
  if (known && known.length === deck.slides.length) return known
  const images = await ctx.session.withPage(async (page) => {
    await loadDeckPage(page, deck, ctx, { deviceScaleFactor: PNG_SCALE })
    return captureSlides(page)
  })
  taken.set(deck, images)
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
