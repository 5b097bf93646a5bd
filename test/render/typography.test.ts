// English typography of rendered text: curly quotes from the data's straight ones, in text only.
import { describe, expect, test } from 'vitest'
import { curlyQuotes } from '../../src/render/typography.js'

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
