// The files a page may load, answered by huibao itself. Every page is loaded from a virtual origin
// (https://huibao.invalid, a reserved TLD that never resolves): the document being printed comes
// from memory, anything else from the project's own folders or a few npm packages (fonts, Vega).
// A request for anything else is refused and recorded, and src/browser/confine.ts turns the record
// into a ConfinementError. Loading from an origin rather than setContent() also lets the page read
// the bundled fonts.
import { realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { HTTPRequest } from 'puppeteer-core'
import { mediaType } from '../html/data-uri.js'
import { packageDir } from '../utils/packages.js'
import { isInside, isMissingFile, safeReadFile, UnsafeFileError } from '../utils/safe-read.js'
import type { InlineData } from './inline-data.js'

export const VIRTUAL_ORIGIN = 'https://huibao.invalid'

/** npm packages whose files pages may load (fonts, and Vega for measuring chart text in the page). */
const SERVED_PACKAGES = [
  '@fontsource/noto-sans',
  '@fontsource/noto-sans-sc',
  '@fontsource/noto-serif',
  '@fontsource/noto-serif-sc',
  'vega',
  'vega-lite',
] as const
export type ServedPackage = (typeof SERVED_PACKAGES)[number]

/** URL under which a page loads a file of one of the served packages. */
export function moduleUrl(pkg: ServedPackage, subpath: string): string {
  return `${VIRTUAL_ORIGIN}/__modules/${pkg}/${subpath}`
}

/** URL of an in-memory document registered under `id`, named as if it were the project file `name`. */
export function documentUrl(name: string, id: string): string {
  return `${VIRTUAL_ORIGIN}/${encodeURIComponent(name)}?__huibao_doc=${id}`
}

/** URL of data registered under `id` (a large data: URL taken out of a document: inline-data.ts). */
export function inlineDataUrl(id: string): string {
  return `${VIRTUAL_ORIGIN}/?__huibao_data=${id}`
}

/** A request a page made that was not answered. */
export interface Violation {
  url: string
  resourceType: string
  initiator: string
  reason: string
}

/** What a page may be served (its folders, its registered documents) and what it was refused. */
export interface ServedFiles {
  roots: string[]
  documents: Map<string, string>
  /** the large data: URLs taken out of its documents, by id */
  inlineData: Map<string, InlineData>
  violations: Violation[]
}

/**
 * Answers one request of a confined page: a registered document, a file of the project, a file of a
 * served package, data: and blob: URLs; anything else is recorded as a Violation, then aborted (in
 * that order: the page may finish loading as soon as the request fails).
 */
export async function answerRequest(request: HTTPRequest, served: ServedFiles): Promise<void> {
  const url = request.url()
  if (url.startsWith('data:') || url.startsWith('blob:')) {
    return request.continue()
  }
  const initiator = request.initiator()?.url ?? request.frame()?.url() ?? 'the page'
  const refuse = (reason: string): Promise<void> => {
    served.violations.push({ url, resourceType: request.resourceType(), initiator, reason })
    return request.abort('blockedbyclient')
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return refuse('not a valid URL')
  }
  if (parsed.origin !== VIRTUAL_ORIGIN) return refuse('network access is not allowed')
  const doc = parsed.searchParams.get('__huibao_doc')
  if (doc !== null) {
    const html = served.documents.get(doc)
    if (html === undefined) return refuse('unknown document')
    return request.respond({ status: 200, contentType: mediaType('document.html'), body: html })
  }
  const data = parsed.searchParams.get('__huibao_data')
  if (data !== null) {
    const found = served.inlineData.get(data)
    if (found === undefined) return refuse('unknown document')
    return request.respond({
      status: 200,
      contentType: found.type,
      body: Buffer.from(found.base64, 'base64'),
    })
  }
  // Chromium asks for a favicon on its own; that is not the document's doing.
  if (parsed.pathname === '/favicon.ico') {
    return request.respond({ status: 404, body: '' })
  }
  const found = await resolveServedFile(parsed.pathname, served.roots)
  if (!found) return refuse('not a file of the project')
  const { file, root } = found
  let body: Buffer | undefined
  try {
    body = await safeReadFile(file, { roots: [root] })
  } catch (error) {
    // A pipe, a device or an oversized file named by a template or theme is refused, not served.
    if (error instanceof UnsafeFileError && !isMissingFile(error)) return refuse(error.reason)
    if (!(error instanceof UnsafeFileError)) throw error
  }
  if (!body) {
    return request.respond({ status: 404, contentType: 'text/plain', body: 'not found' })
  }
  return request.respond({ status: 200, contentType: mediaType(file) ?? 'application/octet-stream', body })
}

/**
 * Maps a URL path to a file inside an allowed folder (a project folder or a served package, which
 * may lie outside the project), with that folder; undefined for anything else. Symlinks are
 * followed first.
 */
async function resolveServedFile(
  pathname: string,
  roots: string[],
): Promise<{ file: string; root: string } | undefined> {
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (path.includes('\0')) return undefined
  const modules = /^\/__modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(path)
  if (modules) {
    const [, pkg, sub] = modules
    if (!pkg || !sub || !(SERVED_PACKAGES as readonly string[]).includes(pkg)) return undefined
    const root = packageDir(pkg)
    const file = await within(root, sub)
    return file ? { file, root } : undefined
  }
  for (const root of roots) {
    const file = await within(root, path.replace(/^\/+/, ''))
    if (file) return { file, root }
  }
  return undefined
}

/** Resolves sub inside root, refusing anything that escapes it (also through symlinks). */
async function within(root: string, sub: string): Promise<string | undefined> {
  const real = await realpath(resolve(root, sub)).catch(() => undefined)
  const realRoot = await realpath(root).catch(() => root)
  return real && isInside(realRoot, real) ? real : undefined
}
