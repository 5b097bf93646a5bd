// English typography of rendered text: curly quotes from the data's straight ones, figures kept whole
// with their units, in text only.
import { describe, expect, test } from 'vitest'
import { bindFigures, curlyQuotes } from '../../src/render/typography.js'

describe('curlyQuotes', () => {
  test('turns straight quotes and apostrophes into curly ones, escaped or not', () => {
    expect(
      curlyQuotes('<p>the "Belt and Road" and China&#39;s &quot;14th Five-Year Plan&quot; (\'new\')</p>'),
    ).toBe('<p>the “Belt and Road” and China’s “14th Five-Year Plan” (‘new’)</p>')
  })

  test('leaves attributes, styles, scripts and SVG alone', () => {
    const html =
      '<p class="a" title="x\'s">it\'s</p><style>p::before{content:"x"}</style><svg><text>"a"</text></svg>'
    expect(curlyQuotes(html)).toBe(
      '<p class="a" title="x\'s">it’s</p><style>p::before{content:"x"}</style><svg><text>"a"</text></svg>',
    )
  })
})

describe('bindFigures', () => {
  test('keeps a currency, its amount, the magnitude and the unit together with no-break spaces', () => {
    expect(bindFigures('<p>exceeded RMB 100 billion and 6.4 million people, 12 square metres</p>')).toBe(
      '<p>exceeded RMB\u00a0100\u00a0billion and 6.4\u00a0million\u00a0people, 12\u00a0square\u00a0metres</p>',
    )
    expect(bindFigures('<p>each will bring in 1 leading enterprise; 7.5% or more</p>')).toBe(
      '<p>each will bring in 1\u00a0leading enterprise; 7.5%\u00a0or more</p>',
    )
  })

  test('lets a slide break between a big number and its unit set in two elements (narrow cards)', () => {
    expect(
      bindFigures(
        '<div class="figure">RMB <span class="number">7.186</span><span class="unit"> million people</span></div>',
      ),
    ).toBe(
      '<div class="figure">RMB\u00a0<span class="number">7.186</span><span class="unit"> million\u00a0people</span></div>',
    )
  })

  test('in print, binds a figure set off in its own element to the word after it', () => {
    expect(
      bindFigures('<p>bring in <strong class="figure">1</strong> leading enterprise</p>', {
        acrossElements: true,
      }),
    ).toBe('<p>bring in <strong class="figure">1</strong>\u00a0leading enterprise</p>')
  })

  test('leaves attributes, SVG and text without figures alone', () => {
    const html = '<p title="RMB 5 billion">no figure here</p><svg><text>RMB 5 billion</text></svg>'
    expect(bindFigures(html)).toBe(html)
  })
})
