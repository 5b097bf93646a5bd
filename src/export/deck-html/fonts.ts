// The fonts of deck.html: subset to every character that can appear (slides, notes, the runtime's
// strings and glyphs, the title), and only the families the CSS names, as data: URIs.
import type { BuildContext, Edition } from '../../context.js'
import { embeddedFontCss, FONT_FAMILIES } from '../../fonts/faces.js'

/** The @font-face rules for `text`, of the families that `css` names. */
export async function deckFontCss(
  text: string,
  css: string,
  edition: Edition,
  ctx: BuildContext,
): Promise<string> {
  const fontCss = await embeddedFontCss(text, { projectRoot: ctx.projectRoot, locale: edition.locale })
  // named as a CSS string ('Noto Sans'), so that 'Noto Sans SC' does not count as 'Noto Sans'
  const used = Object.values(FONT_FAMILIES)
    .map((f) => f.family)
    .filter((family) => css.includes(`'${family}'`) || css.includes(`"${family}"`))
  // the deck may never use the serif: keep only what is named, the sans when nothing is
  const families = used.length > 0 ? used : [FONT_FAMILIES.sans.family]
  return fontCss
    .split('\n')
    .filter((rule) => families.some((family) => rule.includes(`font-family:'${family}'`)))
    .join('\n')
}
