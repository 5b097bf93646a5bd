// The Vega-Lite config of a theme: themes/<name>/chart.json, whose strings may name the theme's tokens
// ("{colors.accent}", "{fonts.body}") so that colours and fonts live in theme.json only. An edition's
// colour (a district's) is a second accent, the token {colors.district}: the theme's accent (the
// congress red) stays the colour of the marks.
import { join } from 'node:path'
import type { ThemeChoice } from '../context.js'
import { ChartError } from '../errors.js'
import { fontStack } from '../fonts/faces.js'
import { themeDir, themeRoots } from '../themes/find.js'
import { isMissingFile, safeReadText } from '../utils/safe-read.js'

export interface ThemeTokens {
  colors: Record<string, string>
  fonts: Record<string, string>
}

export interface ChartTheme {
  tokens: ThemeTokens
  /** the Vega-Lite config, tokens resolved */
  config: Record<string, unknown>
  /** font families the config uses, for loading them before measuring text */
  fontFamilies: string[]
}

async function readJson(file: string, roots: string[]): Promise<Record<string, unknown>> {
  const text = await safeReadText(file, { roots, what: 'theme file' }).catch((error: unknown) => {
    if (!isMissingFile(error)) throw error
    throw new ChartError(`theme file ${file} does not exist`, { location: { file } })
  })
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch (cause) {
    throw new ChartError(`theme file ${file} is not valid JSON: ${(cause as Error).message}`, {
      location: { file },
      cause,
    })
  }
}

/**
 * `locale` sets the fonts: an English edition's charts use Noto Sans before the theme's Noto Sans SC
 * (fontStack in src/fonts/faces.ts).
 */
export async function loadChartTheme(
  projectRoot: string,
  theme: ThemeChoice,
  locale = 'zh-CN',
): Promise<ChartTheme> {
  const dir = themeDir(theme.name, theme.reportDir, projectRoot)
  const tokensFile = join(dir, 'theme.json')
  const configFile = join(dir, 'chart.json')
  const roots = themeRoots(theme.reportDir, projectRoot)
  const raw = await readJson(tokensFile, roots)
  const tokens: ThemeTokens = {
    colors: { ...((raw.colors ?? {}) as Record<string, string>) },
    fonts: { ...((raw.fonts ?? {}) as Record<string, string>) },
  }
  const district = theme.accent ?? tokens.colors.district ?? tokens.colors.accent2
  if (district) tokens.colors.district = district
  for (const [k, v] of Object.entries(tokens.fonts)) tokens.fonts[k] = fontStack(v, locale).join(', ')
  const config = resolveTokens(await readJson(configFile, roots), tokens, configFile) as Record<
    string,
    unknown
  >
  for (const key of Object.keys(config)) if (key.startsWith('$')) delete config[key]
  const families = new Set<string>()
  collectFonts(config, families)
  // in the order of the stack: Latin first in English editions
  return { tokens, config, fontFamilies: [...families] }
}

function resolveTokens(value: unknown, tokens: ThemeTokens, file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{(colors|fonts)\.([\w-]+)\}/g, (whole, group: 'colors' | 'fonts', key: string) => {
      const token = tokens[group][key]
      if (token === undefined) {
        throw new ChartError(`${file}: ${whole} names no token of theme.json`, { location: { file } })
      }
      return token
    })
  }
  if (Array.isArray(value)) return value.map((v) => resolveTokens(v, tokens, file))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTokens(v, tokens, file)]))
  }
  return value
}

function collectFonts(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectFonts(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && /font$/i.test(k)) {
        for (const family of v.replace(/['"]/g, '').split(',')) if (family.trim()) out.add(family.trim())
      } else collectFonts(v, out)
    }
  }
}
