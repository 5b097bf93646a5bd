// A file read from the cache answers "where is …?" from its place index: every answer must be the
// one the parsed document gives, for every path in the data, for paths that go past it or are not
// there, and for the key of a field.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LineCounter, parseDocument } from 'yaml'
import { type DataPath, makeLocate } from '../../src/data/locate.js'
import { indexPlaces, locateFromIndex, type PlaceIndex } from '../../src/data/place-index.js'

const root = path.resolve(import.meta.dirname, '../..')

function indexed(index: PlaceIndex | undefined): PlaceIndex {
  if (!index) throw new Error('the document was not indexed')
  return index
}

/** Every path of a value, and a few beyond it: a missing field, an index past the end, a string index. */
function paths(value: unknown, at: (string | number)[] = []): DataPath[] {
  const out: DataPath[] = [at, [...at, 'no-such-field'], [...at, 99]]
  if (Array.isArray(value)) {
    out.push([...at, '0'])
    value.forEach((v, i) => {
      out.push(...paths(v, [...at, i]))
    })
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]))
  }
  return out
}

describe('locateFromIndex', () => {
  it.each([
    'data/zhengzhou-2021/report.yaml',
    'data/zhengzhou-2021/editions/en.yaml',
    'data/zhengzhou-2021/editions/gaoxin.yaml',
    'data/henan-2023/report.yaml',
    'test/fixtures/validate/valid/report.yaml',
    'test/fixtures/validate/wrong-type/report.yaml',
  ])('answers as the parsed document does for %s', async (file) => {
    const text = await readFile(path.join(root, file), 'utf8')
    const lineCounter = new LineCounter()
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
    const fromDoc = makeLocate(doc, lineCounter, file)
    const fromIndex = locateFromIndex(
      JSON.parse(JSON.stringify(indexed(indexPlaces(doc, lineCounter)))),
      file,
    )
    const all = paths(doc.toJS())
    expect(all.length).toBeGreaterThan(30)
    for (const p of all) {
      expect(fromIndex(p), JSON.stringify(p)).toEqual(fromDoc(p))
      expect(fromIndex(p, { key: true }), JSON.stringify(p)).toEqual(fromDoc(p, { key: true }))
    }
  })

  it.each([
    ['empty values and keys that are numbers', 'a:\n  - 1\n  -\n  - x: \n    3: three\nb:\n'],
    ['aliases', 'base: &b\n  x: 1\n  y: [2, 3]\nuse: *b\nlist:\n  - *b\n  - &s text\n  - *s\n'],
  ])('answers for %s', (_, text) => {
    const lineCounter = new LineCounter()
    const doc = parseDocument(text, { lineCounter })
    const fromDoc = makeLocate(doc, lineCounter, 'f')
    const fromIndex = locateFromIndex(indexed(indexPlaces(doc, lineCounter)), 'f')
    for (const p of paths(doc.toJS())) {
      expect(fromIndex(p), JSON.stringify(p)).toEqual(fromDoc(p))
      expect(fromIndex(p, { key: true }), JSON.stringify(p)).toEqual(fromDoc(p, { key: true }))
    }
  })

  it('does not index an alias inside its own anchor', () => {
    const lineCounter = new LineCounter()
    const doc = parseDocument('a: &a\n  b: *a\n', { lineCounter })
    expect(indexPlaces(doc, lineCounter)).toBeUndefined()
  })
})
