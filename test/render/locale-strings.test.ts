// Words that fit any report: no built-in string names a year or a place, a report overrides single
// strings in its own locales/, and a placeholder nobody fills is an error at the string's file:line.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { ReportError } from '../../src/errors.js'
import { loadLocale, translate } from '../../src/i18n/locale.js'
import { loadEdition } from '../../src/merge/edition.js'
import { projectRoot } from '../support/browser.js'

const LOCALES = ['zh-CN', 'en']
/** Place names: a Han name ending in a level word, the country, or the example's places in English. */
const PLACE = /[\p{Script=Han}]{2,}(?:省|市|县|区|州|自治区)|全国|中国|China|Zhengzhou|Henan|Beijing/u

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
  return [[prefix, String(value)]]
}

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('built-in locale strings', () => {
  it.each(LOCALES)('%s holds no year and no place name', async (locale) => {
    const text = await readFile(join(projectRoot, 'templates', 'locales', `${locale}.yaml`), 'utf8')
    const strings = flatten(parse(text))
    expect(strings.length).toBeGreaterThan(50)
    expect(strings.filter(([, s]) => /\d{4}/.test(s))).toEqual([])
    expect(strings.filter(([, s]) => PLACE.test(s))).toEqual([])
  })

  it('the place-name check finds the names it is meant to find', () => {
    for (const s of ['郑州市2021年', '河南省', '全国', 'Zhengzhou']) expect(PLACE.test(s)).toBe(true)
    for (const s of ['城市基础设施', '民生实事', '第{n}项重点工作']) expect(PLACE.test(s)).toBe(false)
  })
})

describe("a report's own locale strings", () => {
  async function reportWith(localeYaml: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'huibao-locale-'))
    dirs.push(dir)
    await cp(
      join(projectRoot, 'test', 'fixtures', 'validate', 'valid', 'report.yaml'),
      join(dir, 'report.yaml'),
    )
    await mkdir(join(dir, 'locales'))
    await writeFile(join(dir, 'locales', 'zh-CN.yaml'), localeYaml)
    return dir
  }

  it('override single keys and fill {year}, {region} and the other report values', async () => {
    const dir = await reportWith('common:\n  section: "{region}{year}年第{n}项任务"\n')
    const edition = await loadEdition(dir, 'mini-2021', { projectRoot })
    expect(translate(edition.strings, 'common.section', { n: '三' })).toBe('郑州市2021年第三项任务')
    expect(edition.strings['common.contents']).toBe(
      (await loadLocale(projectRoot, 'zh-CN'))['common.contents'],
    )
  })

  it('refuse a placeholder nobody fills, at the file and line of the string', async () => {
    const dir = await reportWith('# own words\ndeck:\n  cityTasks: "{year}年{count}项"\n')
    const error = (await loadEdition(dir, 'mini-2021', { projectRoot }).catch((e) => e)) as ReportError
    expect(error.message).toBe('1 locale string uses an unknown placeholder')
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]?.location).toMatchObject({ file: join(dir, 'locales', 'zh-CN.yaml'), line: 3 })
    expect(error.problems[0]?.message).toMatch(/^unknown placeholder \{count\} in "\{year\}年\{count\}项"/)
  })

  it('name the locale file and line when a template leaves a placeholder unfilled', async () => {
    const dir = await reportWith('common:\n  section: "任务{n}"\n')
    const edition = await loadEdition(dir, 'mini-2021', { projectRoot })
    const error = (() => {
      try {
        translate(edition.strings, 'common.section')
      } catch (e) {
        return e as ReportError
      }
    })()
    expect(error?.location).toMatchObject({ file: join(dir, 'locales', 'zh-CN.yaml'), line: 2 })
    expect(error?.message).toMatch(/locale string "common.section" uses \{n\}, which has no value here/)
  })
})
