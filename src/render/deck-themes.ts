// The deck's Marp themes: which theme folders exist (a folder of themes/ with a deck.css, in the
// project or in the report's own themes/), and the CSS Marp needs to render with the chosen one.
// Kept apart from renderDeck because `huibao build` and the settings check list themes without
// rendering anything.
import { join } from 'node:path'
import type { Edition } from '../context.js'
import { ConfigError } from '../errors.js'
import { availableThemes, themeDir, themeRoots } from '../themes/find.js'
import { safeReadText } from '../utils/safe-read.js'

export interface LoadedThemes {
  /** Marp theme name of the chosen theme */
  name: string
  /** every deck theme's CSS (themes may @import one another), the chosen one last */
  css: string[]
}

/** Every deck theme's CSS for Marp, the edition's accent colour added to the chosen one. */
export async function loadDeckThemes(edition: Edition, projectRoot: string): Promise<LoadedThemes> {
  const names = await availableThemes(projectRoot, edition.reportDir)
  const chosen = edition.theme.name
  if (!names.includes(chosen)) {
    throw new ConfigError(
      `unknown theme "${chosen}"; available themes: ${names.join(', ') || '(none found in themes/)'}`,
      { hint: 'set presentation.theme in report.yaml to one of the folder names in themes/' },
    )
  }
  const css: string[] = []
  let name = ''
  for (const n of names) {
    let text = await safeReadText(join(themeDir(n, edition.reportDir, projectRoot), 'deck.css'), {
      roots: themeRoots(edition.reportDir, projectRoot),
      what: 'theme file',
    })
    const marpName = /@theme\s+([\w-]+)/.exec(text)?.[1]
    if (!marpName) {
      throw new ConfigError(`themes/${n}/deck.css has no /* @theme <name> */ comment`)
    }
    if (n === chosen) {
      name = marpName
      const accent = edition.theme.accent
      if (accent !== undefined) {
        if (!/^#[0-9a-fA-F]{3,8}$/.test(accent)) {
          throw new ConfigError(`accent colour "${accent}" is not a #rrggbb colour`)
        }
        // the theme's own accents stay; an edition's colour is a second accent (--district)
        text += `\nsection { --district: ${accent}; }\n`
      }
    }
    css.push(text)
  }
  return { name, css }
}
