import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { reportSchemaText, SCHEMA_FILE } from '../../src/data/emit-schema.js'
import { type LoadedYaml, loadReport, loadYaml } from '../../src/data/load.js'
import { checkMetricRefs, closest, formatDataPath, validateReport } from '../../src/data/validate.js'
import { DataValidationError, type Problem, type ReportError } from '../../src/errors.js'

const fixtures = path.resolve(import.meta.dirname, '../fixtures/validate')
const fixture = (name: string) => path.join(fixtures, name, 'report.yaml')

// biome-ignore lint/suspicious/noExplicitAny: tests edit the loaded data freely to break it
type AnyReport = any

let base: LoadedYaml
beforeAll(async () => {
  base = await loadYaml(fixture('valid'))
})

/** Validates a changed copy of the valid fixture; returns its problems (none if it passes). */
function problemsOf(change: (report: AnyReport) => void): Problem[] {
  const value = structuredClone(base.value) as AnyReport
  change(value)
  try {
    validateReport(value, { file: base.displayFile, locate: base.locate })
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(DataValidationError)
    return (error as ReportError).problems
  }
}

async function fixtureProblems(name: string): Promise<{ error: ReportError; lines: string[] }> {
  try {
    await loadReport(path.join(fixtures, name))
  } catch (error) {
    const e = error as ReportError
    return {
      error: e,
      lines: e.problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.path}: ${p.message}`),
    }
  }
  throw new Error(`${name} passed validation`)
}

describe('validateReport: schema problems', () => {
  it('accepts the valid fixture and returns it', async () => {
    const { report } = await loadReport(path.join(fixtures, 'valid'))
    expect(report.id).toBe('mini-2021')
  })

  it('says what was expected and what was found for wrong types', async () => {
    const { error, lines } = await fixtureProblems('wrong-type')
    expect(error.message).toBe('test/fixtures/validate/wrong-type/report.yaml: 3 problems')
    expect(lines).toEqual([
      '8:9 meta.year: expected a whole number, found the string "2021"',
      '26:14 targets.metrics[0].value: expected a number, found the string "abc"',
      '63:25 sections[0].keywords[0].metrics[1].comparator: expected one of "exact", "at-least", "not-less-than", "about", "within", "range", found the string "no-less-than" (did you mean "not-less-than"?)',
    ])
  })

  it('names a missing required field and points at the mapping that lacks it', async () => {
    const { lines } = await fixtureProblems('missing-required')
    expect(lines).toEqual([
      '24:7 targets.metrics[0].label: missing required field "label"',
      '39:5 sections[0].title: missing required field "title"',
    ])
  })

  it('names an unknown field, points at its key and lists the allowed ones', async () => {
    const { lines } = await fixtureProblems('unknown-field')
    expect(lines).toEqual([
      '12:3 meta.foo: unknown field "foo" (allowed: title, region, level, city, issuer, year, meeting, delivered, speaker, role, source, published, talkMinutes)',
      '45:5 sections[0].titel: unknown field "titel" (did you mean "title"?) (allowed: id, number, local, title, lead, keywords, chart, highlights)',
    ])
  })

  it('explains patterns, formats, empty text, empty lists and limits', () => {
    const messages = problemsOf((r) => {
      r.id = 'Mini 2021'
      r.meta.delivered = '2021-02-30'
      r.meta.published = '2021-01-31 12:58'
      r.meta.title = ''
      r.meta.talkMinutes = 0
      r.intro.paragraphs = []
      r.presentation = { accent: 'red' }
    }).map((p) => `${p.path}: ${p.message}`)
    // Fields this test adds have no place in the YAML, so the order is not the point here.
    expect(messages.sort()).toEqual([
      'id: expected lower-case ASCII id: letters, digits and single hyphens, e.g. "gdp-growth", found the string "Mini 2021"',
      'intro.paragraphs: expected a list of at least 1 item, found an empty list',
      'meta.delivered: expected the day the report was delivered, YYYY-MM-DD, found the string "2021-02-30"',
      'meta.published: expected publication time with offset, e.g. 2021-01-31T12:58:00+08:00, found the string "2021-01-31 12:58"',
      'meta.talkMinutes: expected a number >= 1, found the number 0',
      'meta.title: expected text, found an empty string',
      'presentation.accent: expected accent colour, #rrggbb, found the string "red"',
    ])
  })

  it('says a report must be a mapping', () => {
    const error = (() => {
      try {
        validateReport(['a'], { file: 'x.yaml', locate: () => ({ file: 'x.yaml', line: 1, column: 1 }) })
      } catch (e) {
        return e as ReportError
      }
    })()
    expect(error?.problems.map((p) => p.message)).toEqual([
      'expected a mapping (key: value pairs), found a list of 1 item',
    ])
  })

  it('sorts problems by line and counts them in the message', () => {
    const problems = problemsOf((r) => {
      r.sections[0].keywords[0].metrics[0].value = 'x'
      r.meta.year = 'x'
    })
    const lines = problems.map((p) => p.location?.line ?? 0)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
  })
})

describe('validateReport: semantic problems', () => {
  it('reports a metric id used twice anywhere in the report, with the first use', async () => {
    const { lines } = await fixtureProblems('duplicate-id')
    expect(lines).toEqual([
      '59:17 sections[0].keywords[0].metrics[1].id: duplicate metric id "gdp-growth": already used by targets.metrics[0] at test/fixtures/validate/duplicate-id/report.yaml:24:11',
    ])
  })

  it('reports duplicate section ids, keyword ids within a section and project ids', () => {
    const messages = problemsOf((r) => {
      const section = r.sections[0]
      const keyword = section.keywords[0]
      keyword.projects = [
        { id: 'jobs', title: '就业', text: '就业。' },
        { id: 'jobs', title: '住房', text: '住房。' },
      ]
      section.keywords.push({ ...structuredClone(keyword), metrics: [], projects: [] })
      r.sections.push({ ...structuredClone(section), number: 2, highlights: [] })
      r.sections[1].keywords = [{ id: 'zhongyuan-science-city', title: 't', paragraphs: ['p'] }]
    }).map((p) => p.message)
    expect(messages.sort()).toEqual([
      expect.stringMatching(
        /^duplicate keyword id "zhongyuan-science-city": already used by sections\[0\]\.keywords\[0\]/,
      ),
      expect.stringMatching(
        /^duplicate project id "jobs": already used by sections\[0\]\.keywords\[0\]\.projects\[0\]/,
      ),
      expect.stringMatching(/^duplicate section id "innovation": already used by sections\[0\]/),
    ])
  })

  it('reports a figure that does not appear in its sentence, at the value', async () => {
    const { lines } = await fixtureProblems('value-disagrees-with-sentence')
    expect(lines).toEqual([
      '68:20 sections[0].keywords[0].metrics[2].value: the figure "204亿元以上" (from value, scale, unit and comparator) does not appear in its sentence "完成投资240亿元以上"',
    ])
  })

  it('reports a comparator that disagrees with the sentence', () => {
    const messages = problemsOf((r) => {
      r.targets.metrics[0].comparator = 'about'
    }).map((p) => p.message)
    expect(messages).toEqual([
      expect.stringMatching(/^the figure "7\.5%左右" .* "地区生产总值增长7\.5%以上"$/),
    ])
  })

  it('accepts figures written in Chinese numerals and sentences that differ only in whitespace', () => {
    expect(
      problemsOf((r) => {
        const m = r.sections[0].keywords[0].metrics[1]
        m.sentence = '引进新型研发机构不少于两个'
        r.sections[0].keywords[0].paragraphs = [
          '新建省级以上研发平台3至5个,引进新型研发机构不少于两个,完成投资240亿元以上。',
        ]
        r.targets.metrics[0].sentence = '地区生产总值 增长7.5%以上'
      }),
    ).toEqual([])
  })

  it('reports a sentence that is not part of the paragraphs that hold the metric', () => {
    const problems = problemsOf((r) => {
      r.sections[0].keywords[0].metrics[0].sentence = '新建研发平台3至5个'
    })
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'sections[0].keywords[0].metrics[0].sentence: the sentence is not part of the paragraphs of keyword "中原科技城": copy it verbatim from there ("新建研发平台3至5个")',
    ])
  })

  it('reports a place of a list of places that the keyword paragraphs do not name', () => {
    const problems = problemsOf((r) => {
      const keyword = r.sections[0].keywords[0]
      keyword.places = { names: [keyword.paragraphs[0].slice(0, 2), '某县'], columns: ['县', '产业'] }
    })
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `sections[0].keywords[0].places.names[1]: "某县" is not named in the paragraphs of keyword "中原科技城": write each place as the paragraph names it`,
    ])
  })

  it('checks project metrics against the project text or the keyword paragraphs', () => {
    const project = (sentence: string) => ({
      id: 'jobs',
      title: '就业',
      text: '新增城镇就业10万人。',
      metrics: [
        {
          id: 'new-jobs',
          label: '新增城镇就业',
          value: 10,
          scale: '万',
          unit: '人',
          comparator: 'exact',
          kind: 'count',
          sentence,
        },
      ],
    })
    expect(problemsOf((r) => (r.sections[0].keywords[0].projects = [project('新增城镇就业10万人')]))).toEqual(
      [],
    )
    expect(
      problemsOf((r) => (r.sections[0].keywords[0].projects = [project('城镇就业新增10万人')])).map(
        (p) => p.message,
      ),
    ).toEqual([expect.stringMatching(/^the sentence is not part of the text of project "就业"/)])
  })

  it('reports section numbers that are not 1 … n in order', () => {
    const problems = problemsOf((r) => {
      const second = structuredClone(r.sections[0])
      second.id = 'industry'
      second.number = 3
      second.highlights = []
      for (const m of second.keywords[0].metrics) m.id = `${m.id}-2`
      second.keywords[0].id = 'other'
      r.sections.push(second)
    })
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'sections[1].number: section number 3 is out of order: expected 2 (sections are numbered 1 … 2 in the order they are listed)',
    ])
  })

  it('numbers the sections of a report 1 … n in order, with no local section and none unnumbered', async () => {
    const { lines } = await fixtureProblems('edition-numbers')
    const numbering = lines.filter((l) => /number|local/.test(l))
    expect(numbering).toEqual([
      `42:5 sections[0].local: a report's sections are its key tasks; local: true is for a section an edition adds about its own area`,
      '51:13 sections[1].number: section number 1 is out of order: expected 2 (sections are numbered 1 … 4 in the order they are listed)',
      '85:13 sections[2].number: section number 1 is out of order: expected 3 (sections are numbered 1 … 4 in the order they are listed)',
      '93:5 sections[3].number: missing required field "number": the key task\'s number as the report prints it (expected 4)',
    ])
  })

  it("in an edition, keeps the city's numbers in any order, needs none on a local section and refuses a number twice, with its file:line", async () => {
    const loaded = await loadYaml(fixture('edition-numbers'))
    let problems: Problem[] = []
    try {
      validateReport(loaded.value, { file: loaded.displayFile, locate: loaded.locate, numbering: 'edition' })
    } catch (error) {
      expect(error).toBeInstanceOf(DataValidationError)
      problems = (error as ReportError).problems
    }
    const file = loaded.displayFile
    expect(problems.map((p) => `${p.location?.file}:${p.location?.line} ${p.path}: ${p.message}`)).toEqual([
      `${file}:85 sections[2].number: duplicate section number 1: already the number of sections[1] at ${file}:51:13; the city's sections keep the report's numbers, each once`,
      `${file}:93 sections[3].number: missing required field "number": a section of the city's report keeps the report's number (only local sections have none)`,
    ])
    // a local section with a number is refused too
    const numbered = structuredClone(loaded.value) as AnyReport
    numbered.sections[0].number = 9
    numbered.sections[2].number = 2
    numbered.sections[3].number = 3
    expect(() => validateReport(numbered, { file, locate: loaded.locate, numbering: 'edition' })).toThrow(
      DataValidationError,
    )
    try {
      validateReport(numbered, { file, locate: loaded.locate, numbering: 'edition' })
    } catch (error) {
      expect((error as ReportError).problems.map((p) => `${p.location?.line} ${p.message}`)).toEqual([
        "41 a local section is not one of the report's numbered key tasks: it has no number (found the number 9)",
      ])
    }
  })

  it('reports a range without an upper bound, an upper bound without a range and an upper below the value', () => {
    const messages = problemsOf((r) => {
      const [labs, institutes] = r.sections[0].keywords[0].metrics
      delete labs.upper
      institutes.upper = 4
      r.targets.metrics[0].comparator = 'range'
      r.targets.metrics[0].upper = 7
    }).map((p) => `${p.path}: ${p.message}`)
    expect(messages).toEqual([
      'targets.metrics[0].upper: "upper" (7) must be greater than "value" (7.5)',
      'targets.metrics[0].value: the figure "7.5至7%" (from value, scale, unit and comparator) does not appear in its sentence "地区生产总值增长7.5%以上"',
      'sections[0].keywords[0].metrics[0]: comparator "range" needs an "upper" value: the upper bound, e.g. 5 for 3至5个',
      'sections[0].keywords[0].metrics[1].upper: "upper" is only used with comparator "range" (this metric is "not-less-than")',
    ])
  })

  it('reports highlights that name no metric as dangling references with file and line', async () => {
    const { lines } = await fixtureProblems('dangling-metric-ref')
    expect(lines).toEqual([
      '44:28 sections[0].highlights[1]: dangling reference: no metric has the id "platform-investmnt" (did you mean "platform-investment"?)',
      '44:48 sections[0].highlights[2]: dangling reference: no metric has the id "no-such-metric"',
    ])
    const messages = problemsOf((r) => (r.intro.highlights = ['gdp'])).map((p) => `${p.path}: ${p.message}`)
    expect(messages).toEqual(['intro.highlights[0]: dangling reference: no metric has the id "gdp"'])
  })

  it('still runs the semantic checks when the schema fails', () => {
    const messages = problemsOf((r) => {
      r.meta.year = 'x'
      r.sections[0].keywords[0].metrics[2].value = 204
    }).map((p) => p.message)
    expect(messages).toHaveLength(2)
  })
})

describe('checkMetricRefs', () => {
  it('returns a problem for each unknown id with the place the caller gives', async () => {
    const { report } = await loadReport(path.join(fixtures, 'valid'))
    const problems = checkMetricRefs(['gdp-growth', 'gdp-grwth', 'nope'], report, {
      location: (i) => ({ file: 'templates/charts/a.yaml', line: 10 + i }),
      path: 'charts[0].metrics',
    })
    expect(problems).toEqual([
      {
        location: { file: 'templates/charts/a.yaml', line: 11 },
        path: 'charts[0].metrics[1]',
        message: 'dangling reference: no metric has the id "gdp-grwth" (did you mean "gdp-growth"?)',
      },
      {
        location: { file: 'templates/charts/a.yaml', line: 12 },
        path: 'charts[0].metrics[2]',
        message: 'dangling reference: no metric has the id "nope"',
      },
    ])
    expect(checkMetricRefs(['new-labs'], report, { location: { file: 'x' } })).toEqual([])
  })
})

describe('helpers', () => {
  it('writes data paths the way people read them', () => {
    expect(formatDataPath(['sections', 2, 'keywords', 0, 'title'])).toBe('sections[2].keywords[0].title')
    expect(formatDataPath(['$schema'])).toBe('$schema')
    expect(formatDataPath(['meta', 'a b'])).toBe('meta["a b"]')
    expect(formatDataPath([])).toBe('')
  })

  it('suggests a close name for a typo but not for an unrelated word', () => {
    expect(closest('titel', ['id', 'title', 'lead'])).toBe('title')
    expect(closest('x', ['id', 'title'])).toBeUndefined()
    expect(closest('colour', ['id', 'title'])).toBeUndefined()
  })
})

describe('schema/report.schema.json', () => {
  it('is what `npm run schema` generates from src/data/types.ts (run it after changing the types)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(reportSchemaText())
  })
})
