// The overlay rules, one fixture per rule: test/fixtures/merge/<case>/ holds a tiny base report.yaml
// and editions/<id>.yaml.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataValidationError, formatLocation, MergeError, type ReportError } from '../../src/errors.js'
import {
  applyOverlay,
  type LoadedEdition,
  listEditions,
  loadEdition,
  validateEditions,
} from '../../src/merge/index.js'
import { displayPath } from '../../src/utils/paths.js'
import { projectRoot } from '../support/browser.js'

const fixtures = join(projectRoot, 'test', 'fixtures', 'merge')
const dir = (name: string) => join(fixtures, name)
const overlayFile = (name: string, id = 'district') => displayPath(join(dir(name), 'editions', `${id}.yaml`))

function edition(name: string, id = 'district'): Promise<LoadedEdition> {
  return loadEdition(dir(name), id, { projectRoot })
}

async function failure(promise: Promise<unknown>): Promise<ReportError> {
  try {
    await promise
  } catch (error) {
    return error as ReportError
  }
  throw new Error('expected the promise to fail')
}

/** "<file>:<line>" of each problem, then its path and message. */
const described = (error: ReportError) =>
  error.problems.map((p) => `${p.location ? formatLocation(p.location) : ''} ${p.path ?? ''} ${p.message}`)

/** The 1-based line of the first line of `file` that contains `text`. */
async function lineOf(file: string, text: string): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n')
  const index = lines.findIndex((l) => l.includes(text))
  if (index === -1) throw new Error(`${text} not in ${file}`)
  return index + 1
}

describe('overlay rules', () => {
  it('merges maps key by key: the overlay sets presentation.edition and meta.title, the rest is inherited', async () => {
    const { report, theme } = await edition('maps-merge')
    expect(report.presentation).toEqual({
      theme: 'formal',
      edition: '新密市',
      office: '郑州市人民政府',
      accent: '#2E7D32',
    })
    expect(report.meta.title).toBe('郑州市政府工作报告（新密市版）')
    expect(report.meta.city).toBe('郑州市')
    expect(theme).toMatchObject({ name: 'formal', accent: '#2E7D32' })
  })

  it('replaces scalars: a section title and lead come from the overlay, its keywords from the base', async () => {
    const { report } = await edition('scalar-replace')
    const industry = report.sections.find((s) => s.id === 'industry')
    expect(industry?.title).toBe('构建现代产业体系（新密）')
    expect(industry?.lead).toBe('支持新密节能环保。')
    expect(industry?.keywords.map((k) => k.id)).toEqual(['digital-economy'])
  })

  it('replaces a list of paragraphs as a whole rather than item by item', async () => {
    const { report } = await edition('paragraphs-replace')
    const talent = report.sections[0]?.keywords.find((k) => k.id === 'talent')
    expect(talent?.paragraphs).toEqual(['第一段。', '第二段。'])
    expect(talent?.title).toBe('黄河人才计划')
  })

  it('merges metrics and projects by id: only the given fields change', async () => {
    const { report } = await edition('items-by-id')
    const metric = report.sections[0]?.keywords[0]?.metrics?.[0]
    expect(metric).toMatchObject({ id: 'anchor-tenants', label: '头部企业', value: 60, unit: '家' })
    const projects = report.sections[3]?.keywords[0]?.projects ?? []
    expect(projects.map((p) => [p.id, p.title])).toEqual([
      ['jobs', '就业'],
      ['roads', '断头路'],
    ])
    expect(projects[1]?.text).toBe('打通“断头路”65条。')
  })

  it("leaves out items marked remove: true; the remaining sections keep the report's numbers", async () => {
    const { report, source } = await edition('removal')
    expect(report.sections.map((s) => [s.number, s.id])).toEqual([
      [1, 'innovation'],
      [2, 'industry'],
      [4, 'wellbeing'],
    ])
    expect(report.sections[2]?.keywords[0]?.projects?.map((p) => p.id)).toEqual(['jobs'])
    expect(source.changes.filter((c) => c.kind === 'removed').map((c) => c.path)).toEqual([
      'sections[rural]',
      'sections[wellbeing].keywords[livelihood-projects].projects[roads]',
    ])
  })

  it('adds items marked add: true after the base items, without needing the marker inside them', async () => {
    const { report } = await edition('add-marker')
    expect(report.sections.map((s) => `${s.number ?? '-'}.${s.id}`)).toEqual([
      '1.innovation',
      '2.industry',
      '3.rural',
      '4.wellbeing',
      '-.xinmi',
    ])
    expect(report.sections[2]?.keywords.map((k) => k.id)).toEqual(['county-economy', 'xinmi-note'])
    expect(JSON.stringify(report)).not.toContain('"add"')
  })

  it('orders lists as order: says, listed ids first and the rest as before, also inside a section', async () => {
    const { report, source } = await edition('order')
    expect(report.sections.map((s) => s.id)).toEqual([
      'xinmi',
      'rural',
      'innovation',
      'industry',
      'wellbeing',
    ])
    // the city's sections keep their numbers wherever they go; the added one has none
    expect(report.sections.map((s) => s.number)).toEqual([undefined, 3, 1, 2, 4])
    expect(report.sections[2]?.keywords.map((k) => k.id)).toEqual(['talent', 'science-city'])
    expect(source.changes.filter((c) => c.kind === 'reordered').map((c) => c.path)).toEqual([
      'sections[innovation].keywords',
      'sections',
    ])
  })

  it('rejects an id that is not in the base and has no add marker, at the overlay file and line', async () => {
    const error = await failure(edition('unknown-id', 'typo'))
    expect(error).toBeInstanceOf(MergeError)
    const file = overlayFile('unknown-id', 'typo')
    const line = await lineOf(join(dir('unknown-id'), 'editions', 'typo.yaml'), 'rurall')
    expect(error.message).toBe(`${file}: 1 problem`)
    expect(described(error)).toEqual([
      `${file}:${line}:9 sections[rurall] no item with id "rurall" in the base sections (known: innovation, industry, rural, wellbeing); to add a new item, mark it "add: true"`,
    ])
  })

  it('reports every misuse of base, id, add, remove, number and order at once, each with its line', async () => {
    const error = await failure(edition('bad-overlay'))
    expect(error).toBeInstanceOf(MergeError)
    const lines = error.problems.map((p) => p.location?.line)
    expect(lines).toEqual([1, 2, 6, 8, 10, 12, 14])
    expect(error.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('base is "zhengzhou-2021", but the report'),
      expect.stringContaining('takes its id from its file name'),
      expect.stringContaining('"remove: true" leaves the item out; it takes no other fields (found title)'),
      expect.stringContaining('"industry" already exists in the base sections'),
      expect.stringContaining('needs an "id"'),
      expect.stringContaining("the city's sections keep the report's numbers"),
      expect.stringContaining('no item with id "xinmi"'),
    ])
  })

  it('validates the merged report and points at the overlay line for values the overlay set', async () => {
    const error = await failure(edition('invalid-value'))
    expect(error).toBeInstanceOf(DataValidationError)
    const file = overlayFile('invalid-value')
    const src = join(dir('invalid-value'), 'editions', 'district.yaml')
    expect(error.problems.map((p) => [p.location?.file, p.location?.line, p.path])).toEqual([
      [file, await lineOf(src, 'accent'), 'presentation.accent'],
      [file, await lineOf(src, "title: ''"), 'sections[industry].keywords[digital-economy].title'],
    ])
  })

  it('keeps provenance: each merged value knows the file and line that set it', async () => {
    const { source } = await edition('maps-merge')
    const src = join(dir('maps-merge'), 'editions', 'district.yaml')
    expect(source.locate(['presentation', 'edition'])).toMatchObject({
      file: overlayFile('maps-merge'),
      line: await lineOf(src, 'edition: 新密市'),
    })
    const base = join(dir('maps-merge'), 'report.yaml')
    expect(source.locate(['presentation', 'office'])).toMatchObject({
      file: displayPath(base),
      line: await lineOf(base, 'office:'),
    })
    expect(source.origin(['sections', 2, 'keywords', 0, 'title'])).toEqual({
      layer: 'base',
      path: ['sections', 2, 'keywords', 0, 'title'],
    })
  })

  it('needs the add marker also where the base list is empty or absent', () => {
    const base = { items: [], other: { x: 1 } }
    const locateOverlay = (p: readonly (string | number)[]) => ({ file: 'x.yaml', line: p.length })
    const plain = applyOverlay(
      base,
      { items: [{ id: 'a' }], other: { list: [{ id: 'b' }] } },
      { locateOverlay },
    )
    expect(plain.problems.map((p) => p.path)).toEqual(['items[a]', 'other.list[b]'])
    const marked = applyOverlay(
      base,
      { items: [{ id: 'a', add: true }], other: { list: [{ id: 'b', add: true }] } },
      { locateOverlay },
    )
    expect(marked.problems).toEqual([])
    expect(marked.value).toEqual({ items: [{ id: 'a' }], other: { x: 1, list: [{ id: 'b' }] } })
  })

  it('leaves its inputs unchanged', () => {
    const base = { sections: [{ id: 'a', title: 'A', keywords: [{ id: 'k', paragraphs: ['p'] }] }] }
    const overlay = {
      sections: [
        { id: 'a', keywords: [{ id: 'k', paragraphs: ['q'] }] },
        { id: 'b', add: true, title: 'B' },
      ],
    }
    const before = JSON.stringify([base, overlay])
    const result = applyOverlay(base, overlay, { locateOverlay: () => ({ file: 'x.yaml' }) })
    expect(JSON.stringify([base, overlay])).toBe(before)
    expect(result.problems).toEqual([])
    expect(result.value.sections).toEqual([
      { id: 'a', title: 'A', keywords: [{ id: 'k', paragraphs: ['q'] }] },
      { id: 'b', local: true, title: 'B' },
    ])
  })

  it("makes a section the edition adds local and unnumbered, and keeps the city's numbers through removal and reordering", () => {
    const section = (id: string, number: number) => ({ id, number, title: id, keywords: [{ id: `${id}-k` }] })
    const base = { sections: [section('a', 1), section('b', 2), section('c', 3), section('d', 4)] }
    const overlay = {
      sections: [
        { id: 'own', add: true, title: 'Own', keywords: [{ id: 'own-k' }] },
        { id: 'b', remove: true },
      ],
      order: { sections: ['own', 'd'] },
    }
    const result = applyOverlay(base, overlay, { locateOverlay: () => ({ file: 'x.yaml' }) })
    expect(result.problems).toEqual([])
    const sections = result.value.sections as { id: string; number?: number; local?: boolean }[]
    expect(sections.map((s) => [s.id, s.number, s.local])).toEqual([
      ['own', undefined, true],
      ['d', 4, undefined],
      ['a', 1, undefined],
      ['c', 3, undefined],
    ])
    // a local section's keywords are not marked: local is a property of sections only
    expect(JSON.stringify(sections[0])).toBe(
      '{"id":"own","local":true,"title":"Own","keywords":[{"id":"own-k"}]}',
    )
  })

  it("refuses a number or local: false on a section the edition adds, and number or local on one of the city's", () => {
    const base = { sections: [{ id: 'a', number: 1, title: 'A' }] }
    const locateOverlay = (p: readonly (string | number)[]) => ({
      file: 'x.yaml',
      line: 10,
      column: p.length,
    })
    const result = applyOverlay(
      base,
      {
        sections: [
          { id: 'own', add: true, number: 1, local: false, title: 'Own' },
          { id: 'a', number: 2, local: true },
        ],
      },
      { locateOverlay },
    )
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `sections[own]: a section the edition adds is not one of the report's numbered key tasks: leave out "number"`,
      'sections[own]: a section the edition adds is always local; leave out "local" (the merge sets local: true)',
      `sections[a]: the city's sections keep the report's numbers wherever the edition puts them; use "order:" to move a section`,
      `sections[a]: "a" is one of the report's key tasks; only a section the edition adds ("add: true") is local`,
    ])
    // local: true on an added section is allowed (it says what the merge does anyway)
    const explicit = applyOverlay(
      base,
      { sections: [{ id: 'own', add: true, local: true, title: 'Own' }] },
      { locateOverlay },
    )
    expect(explicit.problems).toEqual([])
    expect((explicit.value.sections as object[])[1]).toEqual({ id: 'own', local: true, title: 'Own' })
  })
})

describe('language editions', () => {
  it('refuses text still in Chinese, listing each path with the base file and line it came from', async () => {
    const error = await failure(edition('missing-translation', 'en'))
    expect(error).toBeInstanceOf(MergeError)
    expect(error.message).toContain('not translated to en')
    const base = join(dir('missing-translation'), 'report.yaml')
    const paths = error.problems.map((p) => p.path)
    expect(paths).toContain('meta.speaker')
    expect(paths).toContain('sections[innovation].lead')
    expect(paths).toContain('sections[wellbeing].keywords[livelihood-projects].projects[roads].text')
    expect(paths).not.toContain('meta.title')
    expect(paths).not.toContain('sections[innovation].title')
    expect(paths).toContain('intro.paragraphs[0]')
    expect(paths.some((p) => p?.endsWith('.unit') || p?.endsWith('.id'))).toBe(false)
    const speaker = error.problems.find((p) => p.path === 'meta.speaker')
    expect(speaker?.message).toBe('translation missing: "侯红" is still in Chinese')
    expect(speaker?.location).toMatchObject({ file: displayPath(base), line: await lineOf(base, 'speaker:') })
  })

  it('loads a complete translation, with figures checked as English writes them', async () => {
    const loaded = await edition('translated', 'en')
    expect(loaded.locale).toBe('en')
    expect(loaded.strings['common.contents']).toBe('Contents')
    expect(loaded.report.targets.metrics?.[0]).toMatchObject({ label: 'GDP growth', value: 7.5, unit: '%' })
  })

  it('refuses an English metric sentence that lacks its figure, at the overlay line', async () => {
    const error = await failure(edition('figure-missing', 'en'))
    expect(error).toBeInstanceOf(DataValidationError)
    const src = join(dir('figure-missing'), 'editions', 'en.yaml')
    expect(described(error)).toEqual([
      `${overlayFile('figure-missing', 'en')}:${await lineOf(src, 'sentence: GDP')}:17 targets.metrics[gdp-growth].sentence the figure "7.5%" (7.5% or more) does not appear in its sentence`,
    ])
  })

  it('refuses a locale file that lacks keys zh-CN has, listing every missing key', async () => {
    const root = dir('locale-missing-keys')
    const error = await failure(loadEdition(root, 'en', { projectRoot: root }))
    expect(error).toBeInstanceOf(MergeError)
    expect(error.message).toContain('lacks 2 keys that zh-CN.yaml has')
    expect(error.problems.map((p) => p.path)).toEqual(['common.keywords', 'common.section'])
  })
})

describe('listEditions', () => {
  it('lists overlay ids from file names, sorted, without the base', async () => {
    expect(await listEditions(dir('missing-translation'))).toEqual(['en'])
    expect(await listEditions(dir('locale-missing-keys'))).toEqual(['en'])
  })

  it('refuses a file name that is not an ASCII slug', async () => {
    const error = await failure(listEditions(dir('bad-name')))
    expect(error).toBeInstanceOf(MergeError)
    expect(error.message).toBe(
      'edition file name "XinZheng.yaml" is not an ASCII slug (lower-case letters, digits, single hyphens)',
    )
  })
})

describe('validateEditions', () => {
  it('collects the problems of every edition of a report instead of stopping at the first', async () => {
    const result = await validateEditions(dir('unknown-id'), { projectRoot })
    expect(result.summary).toBe('0 of 1 edition')
    expect(result.problems[0]?.message).toContain('edition typo:')
    expect(result.problems[1]?.location?.line).toBe(5)
  })

  it('passes a report whose editions are all valid', async () => {
    expect(await validateEditions(dir('order'), { projectRoot })).toEqual({
      problems: [],
      summary: '1 of 1 edition',
    })
  })
})
