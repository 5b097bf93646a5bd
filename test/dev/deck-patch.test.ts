// The patch `huibao dev` sends an open deck page: only what changed between two builds of deck.html,
// and none at all when the page must load the new deck whole.
import { describe, expect, it } from 'vitest'
import { deckParts, deckPatch } from '../../src/dev/deck-patch.js'

const deck = (slides: string[], options: { fonts?: string; title?: string; notes?: string } = {}) =>
  [
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${options.title ?? '某某市政府工作报告'}</title>`,
    `<style>${options.fonts ?? '@font-face{}'}</style><style>section{color:red}</style>`,
    '</head><body><div class="marpit">',
    slides.map((s, i) => `<section id="${i + 1}" class="keyword"><p>${s}</p></section>`).join('\n'),
    '</div>',
    `<script type="application/json" id="hb-data">{"notes":["${options.notes ?? ''}"]}</script>`,
    '<script>runtime()</script></body></html>',
  ].join('')

describe('deck patch', () => {
  it('carries only the slide whose text changed', () => {
    const before = deckParts(deck(['一', '二', '三']), 3)
    const after = deckParts(deck(['一', '二（改）', '三']), 3)
    if (!before || !after) throw new Error('deck not cut')
    expect(deckPatch(before, after)).toEqual({
      slides: [[1, '<section id="2" class="keyword"><p>二（改）</p></section>']],
      styles: [],
    })
  })

  it('carries a style sheet and the data block when they changed', () => {
    const before = deckParts(deck(['一', '二']), 2)
    const after = deckParts(deck(['一', '二'], { fonts: '@font-face{new}', notes: '讲稿' }), 2)
    if (!before || !after) throw new Error('deck not cut')
    expect(deckPatch(before, after)).toEqual({
      slides: [],
      styles: [[0, '@font-face{new}']],
      data: '{"notes":["讲稿"]}',
    })
  })

  it('has no patch when the slide count or anything outside the slides changed', () => {
    const two = deckParts(deck(['一', '二']), 2)
    const three = deckParts(deck(['一', '二', '三']), 3)
    const retitled = deckParts(deck(['一', '二'], { title: '另一个标题' }), 2)
    if (!two || !three || !retitled) throw new Error('deck not cut')
    expect(deckPatch(two, three)).toBeUndefined()
    expect(deckPatch(two, retitled)).toBeUndefined()
  })

  it('does not cut a deck whose sections do not match its slide count', () => {
    expect(deckParts(deck(['一', '二']), 3)).toBeUndefined()
    expect(deckParts('<html><body>no deck</body></html>', 1)).toBeUndefined()
  })
})
