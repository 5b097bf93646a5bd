import { describe, expect, it } from 'vitest'
import { cssFontStack, embeddedFontCss, fontFaces, fontStack } from '../../src/fonts/faces.js'
import { projectRoot } from '../support/browser.js'

const familiesOf = (css: string) => [...new Set([...css.matchAll(/font-family:'([^']+)'/g)].map((m) => m[1]))]

describe('font stacks', () => {
  it('keep Chinese editions on the SC fonts and put Noto Sans / Noto Serif first for English', () => {
    expect(fontStack('Noto Sans SC', 'zh-CN')).toEqual(['Noto Sans SC'])
    expect(fontStack('Noto Serif SC', 'zh-CN')).toEqual(['Noto Serif SC'])
    expect(fontStack('Noto Sans SC', 'en')).toEqual(['Noto Sans', 'Noto Sans SC'])
    expect(fontStack('Noto Serif SC', 'en')).toEqual(['Noto Serif', 'Noto Serif SC'])
    expect(cssFontStack('Noto Serif SC', 'en', 'serif')).toBe("'Noto Serif', 'Noto Serif SC', serif")
  })

  it('parses the faces of all four bundled families', async () => {
    const families = new Set((await fontFaces()).map((f) => f.family))
    expect([...families].sort()).toEqual(['Noto Sans', 'Noto Sans SC', 'Noto Serif', 'Noto Serif SC'])
  })

  it('embeds only SC faces for a Chinese deck, and for English gives the SC face only the CJK characters', async () => {
    const zh = await embeddedFontCss('郑州 GDP 7.5%', { projectRoot, locale: 'zh-CN' })
    expect(familiesOf(zh)).toContain('Noto Sans SC')
    expect(familiesOf(zh).filter((f) => !f?.endsWith(' SC'))).toEqual([])

    const latinOnly = await embeddedFontCss('GRP growth 7.5% or more', { projectRoot, locale: 'en' })
    expect(familiesOf(latinOnly).sort()).toEqual(['Noto Sans', 'Noto Serif'])

    const mixed = await embeddedFontCss('Zhengzhou 郑州', { projectRoot, locale: 'en' })
    expect(familiesOf(mixed)).toContain('Noto Sans SC')
    // the SC subset holds the two ideographs only: its faces are small
    const scBytes = mixed
      .split('\n')
      .filter((rule) => rule.includes("'Noto Sans SC'"))
      .reduce((n, rule) => n + rule.length, 0)
    expect(scBytes).toBeLessThan(20_000)
  })
})
