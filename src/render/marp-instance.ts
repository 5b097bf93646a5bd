// The Marp converter the deck renders with, kept between renders. Making one (markdown-it and its
// plugins, every theme's CSS parsed by PostCSS) and packing the theme CSS for the result took about a
// third of a deck's render, and neither changes while the themes stay the same: every save in
// `huibao dev`, every edition of a build with one theme. A render itself keeps no state that the next
// one reads (Marpit resets its directives, comments and styles at each render).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Marp } from '@marp-team/marp-core'
import { cacheRoot, hashKey } from '../utils/cache.js'
import { packageVersion } from '../utils/packages.js'

/** Marp's HTML allowlist for the templates: layout containers only, with class attributes. */
const HTML_ALLOWLIST = {
  div: ['class'],
  span: ['class'],
  p: ['class'],
  br: [],
  small: ['class'],
  strong: ['class'],
  ol: ['class'],
  ul: ['class'],
  li: ['class'],
}

/**
 * Marp whose packed CSS is kept by what it depends on: the theme sheets, Marp's version, the theme,
 * pack options and global directives. In memory for the process, and on disk for the next one:
 * packing is PostCSS over every sheet, a few hundred ms that every build paid for the same CSS.
 */
class KeptStyleMarp extends Marp {
  private readonly styles = new Map<string, string>()
  /** where packed styles are kept between processes; undefined: in memory only */
  cacheDir?: string
  /** the theme sheets this instance has, as one key */
  sheetsKey = ''

  protected override renderStyle(theme?: string): string {
    const key = JSON.stringify([theme, this.themeSetPackOptions(), this.lastGlobalDirectives])
    let css = this.styles.get(key)
    if (css === undefined) {
      const file = this.cacheDir
        ? join(this.cacheDir, hashKey(packageVersion('@marp-team/marp-core'), this.sheetsKey, key))
        : undefined
      css = file ? readCached(file) : undefined
      if (css === undefined) {
        css = super.renderStyle(theme)
        if (file) writeCached(file, css)
      }
      if (this.styles.size >= 50) this.styles.clear()
      this.styles.set(key, css)
    }
    return css
  }
}

function readCached(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Written aside and renamed, so that a build running alongside never reads half a file. */
function writeCached(file: string, css: string): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true })
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    writeFileSync(tmp, css)
    renameSync(tmp, file)
  } catch {
    // a cache that cannot be written only means packing again next time
  }
}

const kept = new Map<string, KeptStyleMarp>()

/**
 * A Marp with these theme style sheets added (the same instance for the same sheets). With
 * `projectRoot`, its packed CSS is also kept in the project's cache (src/utils/cache.ts).
 */
export function marpWithThemes(themeCss: string[], projectRoot?: string): Marp {
  const key = `${projectRoot ?? ''}\0${themeCss.join('\n/* huibao: next theme */\n')}`
  let marp = kept.get(key)
  if (!marp) {
    marp = new KeptStyleMarp({
      html: HTML_ALLOWLIST,
      inlineSVG: false,
      script: false,
      math: false,
      emoji: { shortcode: false, unicode: false },
      minifyCSS: false,
    })
    for (const css of themeCss) marp.themeSet.add(css)
    marp.sheetsKey = hashKey(...themeCss)
    if (projectRoot) marp.cacheDir = join(cacheRoot(projectRoot), 'marp-styles')
    // a handful of theme sets in one process at most (themes, accent colours); a new one drops the rest
    if (kept.size >= 8) kept.clear()
    kept.set(key, marp)
  }
  return marp
}
