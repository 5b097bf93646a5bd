// English that reads as English: one capitalisation style per kind of heading. Slide and page headings
// are in Title Case (as the reports' English titles are), including the words templates add to them
// ("…: Key Figures", "(Continued)"); the small label above a title names a task in one wording.
// Both example reports' English editions, rendered as a build renders them.
import { beforeAll, describe, expect, test } from 'vitest'
import { decodeEntities } from '../../src/html/text.js'
import { renderDeck } from '../../src/render/deck.js'
import { renderHandout } from '../../src/render/handout.js'
import { loadedEdition } from '../support/edition.js'

/** Words Title Case leaves in lower case: articles, short conjunctions and prepositions. */
const MINOR = new Set(
  'a about across along among an and as at between but by for from in into nor of on or over per the through to under up via with within without'.split(
    ' ',
  ),
)

/** The words of a heading that Title Case would capitalise but that start in lower case. */
function notTitleCase(heading: string): string[] {
  const words = heading.split(/[\s\u00a0]+/)
  return words.filter((w, i) => {
    if (!/^[(“‘"']?[a-z]/.test(w)) return false
    const bare = w.replace(/^[(“‘"']+/, '').replace(/[)”’"',.:;]+$/, '')
    return i === 0 || !MINOR.has(bare)
  })
}

const text = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()

function matches(html: string, re: RegExp): string[] {
  return [...html.matchAll(re)].map((m) => text(m[2] ?? ''))
}

describe.each(['zhengzhou-2021', 'henan-2023'])('the English headings of %s', (report) => {
  let deckHtml = ''
  let handoutHtml = ''
  beforeAll(async () => {
    const { edition, ctx } = await loadedEdition(report, 'en', 'english-headings')
    deckHtml = (await renderDeck(edition, ctx, { checkOverflow: false })).html
    handoutHtml = (await renderHandout(edition, ctx, 'handout')).html
  })

  test('slide headings and page headings are in Title Case', () => {
    const headings = [
      ...matches(deckHtml, /<(h1|h2)\b[^>]*>([\s\S]*?)<\/\1>/g),
      ...matches(deckHtml, /<(div) class="heading">([\s\S]*?)<\/div>/g),
      ...matches(handoutHtml, /<(h1|h2)\b[^>]*>([\s\S]*?)<\/\1>/g),
    ]
    expect(headings.length).toBeGreaterThan(5)
    const wrong = headings.filter((h) => notTitleCase(h).length > 0)
    expect(wrong).toEqual([])
  })

  test('the label above a title names a task in one wording', () => {
    const kickers = matches(deckHtml, /<(div) class="kicker">([\s\S]*?)<\/div>/g)
    const labels = new Set(kickers.map((k) => /^(\D+?)\s*\d+\b/.exec(k)?.[1]).filter(Boolean))
    expect(kickers.length).toBeGreaterThan(0)
    expect([...labels]).toHaveLength(1)
  })
})
