// File types by extension, and files as data: URIs. The pages huibao prints load nothing from
// outside (see src/browser/serve.ts), so a logo or an image in a template is inlined as a data: URI;
// the browser's own file server answers with the same types.
import { extname } from 'node:path'
import { ConfigError } from '../errors.js'
import { safeReadFile } from '../utils/safe-read.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
}

/** The file types a logo may have: what every output (HTML, PDF, PowerPoint) can show. */
export const LOGO_EXTENSIONS = ['.svg', '.png', '.jpg', '.jpeg', '.webp'] as const

/** The media type of a file name, or undefined for an extension huibao does not serve. */
export function mediaType(file: string): string | undefined {
  return TYPES[extname(file).toLowerCase()]
}

/** Bytes as a data: URI of the file's type. */
export function dataUri(file: string, bytes: Uint8Array): string {
  const type = mediaType(file) ?? 'application/octet-stream'
  return `data:${type.replace(/;.*$/, '')};base64,${Buffer.from(bytes).toString('base64')}`
}

/**
 * A logo as a data: URI, read with the project's safe-read rules (inside `roots`, a regular file,
 * size-limited). Refuses a type some output could not show, naming the file.
 */
export async function logoDataUri(file: string, roots: string[]): Promise<string> {
  if (!(LOGO_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase())) {
    throw new ConfigError(`the logo ${file} is not an SVG, PNG, JPEG or WebP image`)
  }
  return dataUri(file, await safeReadFile(file, { roots, what: 'logo' }))
}
