// A reference found in the deck (an <img src>, a CSS url()) as deck.html may keep it: unchanged when
// it stays inside the page (a #fragment, a data: URI), a data: URI when it names an image file of the
// project, refused otherwise (URLs, files outside the project, anything that is not an image).
import { realpath } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dataUri, mediaType } from '../../html/data-uri.js'
import { isInside, safeReadFile } from '../../utils/safe-read.js'
import type { Confinement } from './confinement.js'

export class ResourceInliner {
  private readonly cache = new Map<string, Promise<string | undefined>>()
  /** references looked up as files so far: what a slide needed from outside (slides.ts) */
  lookups = 0

  /** roots: the folders whose files may be inlined (the project, the report's folder) */
  constructor(
    private readonly roots: string[],
    private readonly confinement: Confinement,
  ) {}

  /**
   * A reference as it should appear in deck.html: unchanged, or a data: URI. `where` names it in a
   * message; `inlineable` is false where only a link may stand (then a file is refused).
   */
  async resource(value: string, where: string, inlineable: boolean): Promise<string> {
    const v = value.trim()
    if (v === '' || v.startsWith('#') || /^data:/i.test(v)) return value
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase()
    if (scheme && scheme !== 'file') {
      this.confinement.refuse(`${v} (${where}): a URL, which deck.html may not load`)
      return value
    }
    if (!inlineable) {
      this.confinement.refuse(`${v} (${where}): only images can be inlined`)
      return value
    }
    this.lookups++
    let cached = this.cache.get(v)
    if (!cached) {
      cached = this.dataUri(v)
      this.cache.set(v, cached)
    }
    const uri = await cached
    if (uri === undefined) {
      this.confinement.refuse(`${v} (${where}): not an image file of the project`)
      return value
    }
    return uri
  }

  /** Relative paths resolve against the project root (as in the browser session), then the report folder. */
  private async dataUri(reference: string): Promise<string | undefined> {
    const path = reference.split(/[?#]/)[0] ?? ''
    let candidates: string[]
    try {
      if (reference.startsWith('file:')) candidates = [fileURLToPath(reference)]
      else {
        const decoded = decodeURIComponent(path)
        candidates = isAbsolute(decoded)
          ? [decoded, ...this.roots.map((r) => join(r, decoded))]
          : this.roots.map((r) => resolve(r, decoded))
      }
    } catch {
      // a malformed file: URL or %-escape names no file: refused by the caller, with the reference
      return undefined
    }
    for (const candidate of candidates) {
      if (!mediaType(candidate)?.startsWith('image/')) continue
      const file = await this.inside(candidate)
      if (!file) continue
      const bytes = await safeReadFile(file, { roots: this.roots }).catch(() => undefined)
      if (bytes) return dataUri(candidate, bytes)
    }
    return undefined
  }

  /** The real path of a file inside one of the roots (symlinks followed), else undefined. */
  private async inside(path: string): Promise<string | undefined> {
    const real = await realpath(path).catch(() => undefined)
    if (!real) return undefined
    for (const root of this.roots) {
      const realRoot = await realpath(root).catch(() => resolve(root))
      if (isInside(realRoot, real)) return real
    }
    return undefined
  }
}
