// No sentence cut short on a slide: the short form of a paragraph ends where a clause ends, never
// inside brackets, quotes, a number or an English list, and reads as complete; the notes keep all.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEdition } from '../../src/merge/index.js'
import { keywordSlideText } from '../../src/render/keyword-slides.js'
import { clauseParts, essence, sentences } from '../../src/render/slide-text.js'
import { projectRoot } from '../support/browser.js'

describe('the short form of a paragraph', () => {
  it('never ends inside brackets or quotes', () => {
    const text =
      'We will strictly follow the requirements of the "four earlies" (early detection, reporting, isolation and treatment) and build a tight system of epidemic prevention.'
    const short = essence(text, 40)
    expect(short).not.toMatch(/\(early detection, reporting$/)
    expect((short.match(/\(/g) ?? []).length).toBe((short.match(/\)/g) ?? []).length)
    expect(clauseParts('严格落实“四早”（早发现、早报告，早隔离）要求，筑牢防线')).toEqual([
      '严格落实“四早”（早发现、早报告，早隔离）要求，',
      '筑牢防线',
    ])
  })

  it('never ends inside a number written with thousands separators', () => {
    const text =
      'We will carry out afforestation on 31,300 mu and the tending of young and middle-aged forests on 58,000 mu.'
    expect(essence(text, 30)).not.toMatch(/on 31$/)
    expect(clauseParts(text)).toHaveLength(1)
  })

  it('never ends before the rest of an English list', () => {
    const list =
      'We will promote enterprise-led collaboration between industry, universities and research institutes.'
    expect(essence(list, 40)).not.toMatch(/between industry$/)
    const clauses =
      'We will give county economies stronger industrial support, and support the innovative development of industries such as energy conservation and environmental protection in the west.'
    expect(essence(clauses, 50)).toBe('We will give county economies stronger industrial support')
  })

  it('keeps an English short form to a clause with its subject, never its opening phrase alone', () => {
    const text =
      'Working towards the goal of "opening up all dead-end roads within two years", we will give priority to the branch roads that residents most often complain about, and coordinate connections for roads across boundaries.'
    expect(essence(text, 70)).toMatch(/we will give priority/)
  })

  it('ends a Chinese short form where a clause of the report ends', async () => {
    for (const [dir, id] of [
      ['zhengzhou-2021', 'zhengzhou-2021'],
      ['henan-2023', 'henan-2023'],
      ['zhengzhou-2021', 'xinzheng'],
    ] as const) {
      const edition = await loadEdition(join(projectRoot, 'data', dir), id, { projectRoot })
      for (const k of edition.report.sections.flatMap((s) => s.keywords)) {
        if (!k.paragraphs[0]) continue
        const short = keywordSlideText(k).essence
        const first = sentences(k.paragraphs[0])[0] ?? ''
        expect(short.endsWith('…'), `${id} ${k.id}: ${short}`).toBe(false)
        expect(first.startsWith(short), `${id} ${k.id}`).toBe(true)
        expect(first.slice(short.length, short.length + 1), `${id} ${k.id}: ${short}`).toMatch(
          /^[，；：。！？]?$/u,
        )
      }
    }
  })

  it('gives the English edition no short form with an open bracket, a cut number or a hanging "and"', async () => {
    const edition = await loadEdition(join(projectRoot, 'data', 'zhengzhou-2021'), 'en', { projectRoot })
    for (const k of edition.report.sections.flatMap((s) => s.keywords)) {
      if (!k.paragraphs[0]) continue
      const short = keywordSlideText(k).essence.replace(/…$/, '')
      const rest = (sentences(k.paragraphs[0])[0] ?? '').slice(short.length)
      expect((short.match(/\(/g) ?? []).length, `${k.id}: ${short}`).toBe((short.match(/\)/g) ?? []).length)
      expect(`${short.slice(-1)}${rest.slice(0, 2)}`, `${k.id}: ${short}`).not.toMatch(/^\d,\d/)
      expect(short, k.id).not.toMatch(/\b(?:and|or)$/)
    }
  })
})
