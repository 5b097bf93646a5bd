// The Marp converter the deck renders with, kept between renders. Making one (markdown-it and its
// plugins, every theme's CSS parsed by PostCSS) and packing the theme CSS for the result took about a
// third of a deck's render, and neither changes while the themes stay the same: every save in
// `huibao dev`, every edition of a build with one theme. A render itself keeps no state that the next
// one reads (Marpit resets its directives, comments and styles at each render).
import { Marp } from '@marp-team/marp-core'

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

/** Marp whose packed CSS is kept by what it depends on: theme, pack options, global directives. */
class KeptStyleMarp extends Marp {
  private readonly styles = new Map<string, string>()

  protected override renderStyle(theme?: string): string {
    const key = JSON.stringify([theme, this.themeSetPackOptions(), this.lastGlobalDirectives])
    let css = this.styles.get(key)
    if (css === undefined) {
      css = super.renderStyle(theme)
      if (this.styles.size >= 50) this.styles.clear()
      this.styles.set(key, css)
    }
    return css
  }
}

const kept = new Map<string, Marp>()

/** A Marp with these theme style sheets added (the same instance for the same sheets). */
export function marpWithThemes(themeCss: string[]): Marp {
  const key = themeCss.join('\n/* huibao: next theme */\n')
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
    // a handful of theme sets in one process at most (themes, accent colours); a new one drops the rest
    if (kept.size >= 8) kept.clear()
    kept.set(key, marp)
  }
  return marp
}
