// The edition's logo inline as a data: URI. A deck or handout page loads nothing from outside the
// project, so the picture travels inside the HTML; this is the one place that says which image
// types a logo may be, for the deck and the handouts alike.
import { extname } from 'node:path'
import { ConfigError } from '../errors.js'
import { safeReadFile } from '../utils/safe-read.js'

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
}

/** The logo file as a data: URI; it must lie inside one of `roots` and be an SVG, PNG, JPEG or WebP. */
export async function logoDataUri(path: string, roots: string[]): Promise<string> {
  const type = IMAGE_TYPES[extname(path).toLowerCase()]
  if (!type) throw new ConfigError(`the logo ${path} is not an SVG, PNG, JPEG or WebP image`)
  const bytes = await safeReadFile(path, { roots, what: 'logo' })
  return `data:${type};base64,${bytes.toString('base64')}`
}
