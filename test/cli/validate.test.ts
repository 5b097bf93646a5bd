// `huibao validate` through the real CLI: a node process running src/bin/huibao.js, as users run it.
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { huibao } from '../support/cli.js'

const root = path.resolve(import.meta.dirname, '../..')
const fixtures = 'test/fixtures/validate'

const broken: [string, RegExp][] = [
  ['syntax-error', /3 YAML syntax errors[\s\S]*report\.yaml:8:3: Map keys must be unique/],
  ['wrong-type', /meta\.year: expected a whole number, found the string "2021"/],
  ['missing-required', /sections\[0\]\.title: missing required field "title"/],
  ['unknown-field', /meta\.foo: unknown field "foo"/],
  ['duplicate-id', /duplicate metric id "gdp-growth"/],
  ['dangling-metric-ref', /dangling reference: no metric has the id "platform-investmnt"/],
  ['value-disagrees-with-sentence', /the figure "204亿元以上" .* does not appear in its sentence/],
  ['empty-file', /report\.yaml:1:1: file is empty/],
  ['non-utf8', /report\.yaml:5:14: file is not valid UTF-8: byte 0xC4 at byte offset 114/],
  ['anchor-bomb', /report\.yaml:3:8: file expands YAML aliases/],
  ['binary-file', /report\.yaml:3:1: file is binary/],
]

describe.concurrent('huibao validate on broken data', () => {
  it.each(broken)('exits 1 for %s, naming the file and line without a stack trace', async (name, message) => {
    const { code, stderr } = await huibao('validate', `${fixtures}/${name}`)
    expect(code).toBe(1)
    expect(stderr).toContain(`${fixtures}/${name}/report.yaml:`)
    expect(stderr).toMatch(/report\.yaml:\d+/)
    expect(stderr).toMatch(message)
    expect(stderr).not.toContain('    at ')
  })

  describe('a ten-megabyte file', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'huibao-big-'))
      await writeFile(path.join(dir, 'report.yaml'), `x: "${'长'.repeat((10 * 1024 * 1024) / 3)}"\n`)
    })
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    it('is refused with its size and the limit', async () => {
      const { code, stderr } = await huibao('validate', dir)
      expect(code).toBe(1)
      expect(stderr).toContain(path.join(dir, 'report.yaml'))
      expect(stderr).toMatch(/file is too large to be a report: 10\.0 MB \(\d+ bytes\); the limit is 5\.0 MB/)
      expect(stderr).not.toContain('    at ')
    })
  })

  it('validates every path given and reports all failures together', async () => {
    const { code, stderr } = await huibao(
      'validate',
      `${fixtures}/valid`,
      `${fixtures}/empty-file`,
      `${fixtures}/wrong-type/report.yaml`,
    )
    expect(code).toBe(1)
    expect(stderr).toContain(`✓ ${fixtures}/valid/report.yaml: 1 section, 1 keyword, 5 metrics`)
    expect(stderr).toContain('2 of 3 reports have problems')
    expect(stderr).toContain(`${fixtures}/empty-file/report.yaml:1:1: file is empty`)
    expect(stderr).toContain(
      `${fixtures}/wrong-type/report.yaml:26:14: targets.metrics[0].value: expected a number`,
    )
  })

  it('says when a path does not exist', async () => {
    const { code, stderr } = await huibao('validate', 'data/no-such-report')
    expect(code).toBe(1)
    expect(stderr).toContain('cannot find data/no-such-report: no such file or folder')
  })
})

describe('huibao validate on good data', () => {
  it('exits 0 for the small valid fixture and prints what it checked', async () => {
    const { code, stderr } = await huibao('validate', `${fixtures}/valid`)
    expect(stderr).toBe(`✓ ${fixtures}/valid/report.yaml: 1 section, 1 keyword, 5 metrics\n`)
    expect(code).toBe(0)
  })

  it.skipIf(!existsSync(path.join(root, 'data/zhengzhou-2021/report.yaml')))(
    'exits 0 for the example report data/zhengzhou-2021',
    async () => {
      const { code, stderr } = await huibao('validate', 'data/zhengzhou-2021')
      expect(stderr).toMatch(/^✓ data\/zhengzhou-2021\/report\.yaml: 8 sections, \d+ keywords, \d+ metrics/)
      expect(code).toBe(0)
    },
  )
})
