// The quick read of plain YAML (src/data/quick-yaml.ts) must give exactly the full parser's value, and
// leave to the full parser every file it could read differently or that has something wrong.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { loadYaml } from '../../src/data/load-yaml.js'
import { quickYamlValue } from '../../src/data/quick-yaml.js'
import { DataParseError } from '../../src/errors.js'
import { projectRoot } from '../support/browser.js'

const full = (text: string) => parseDocument(text, { uniqueKeys: true }).toJS()

describe('quick YAML read', () => {
  it('gives the full parser’s value for every YAML file of the project that it reads', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: projectRoot })
      .toString()
      .trim()
      .split('\n')
    let quick = 0
    for (const file of files) {
      const text = readFileSync(join(projectRoot, file), 'utf8').replace(/\r\n?/g, '\n')
      const value = quickYamlValue(text)
      if (value === undefined) continue
      quick++
      expect(value, file).toStrictEqual(full(text))
    }
    // the example reports, their editions and locales are plain YAML
    expect(quick).toBeGreaterThan(files.length / 2)
  })

  it('reads scalars as the YAML 1.2 core schema does', () => {
    const text =
      'a: 012\nb: 0o14\nc: 0x1F\nd: +5\ne: 1.\nf: .5\ng: 1e3\nh: yes\ni: ~\nj: 2021-04-28\nk: "x\\ty"\n'
    expect(quickYamlValue(text)).toStrictEqual(full(text))
  })

  it.each([
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['merge keys', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a YAML directive', '%YAML 1.1\n---\na: yes\n'],
    ['a complex key', '? [a, b]\n: c\n'],
    ['underscored and binary numbers', 'a: 1_000\nb: 0b101\n'],
    ['a control character written as an escape', 'a: "\\e"\n'],
    ['a key that reaches the prototype', '__proto__: 1\n'],
    ['an over-long title', `title: ${'长'.repeat(1001)}\n`],
    ['a syntax error', 'a: [1, 2\n'],
    ['no data', '# only a comment\n'],
  ])('leaves %s to the full parser', (_, text) => {
    expect(quickYamlValue(text)).toBeUndefined()
  })

  it('names the line of a value in a file read quickly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huibao-quick-yaml-'))
    const file = join(dir, 'plain.yaml')
    await writeFile(file, 'meta:\n  title: 报告\nsections:\n  - id: one\n    title: 第一\n')
    const loaded = await loadYaml(file)
    expect(loaded.value).toEqual({ meta: { title: '报告' }, sections: [{ id: 'one', title: '第一' }] })
    expect(loaded.locate(['sections', 0, 'title'])).toMatchObject({ line: 5, column: 12 })
    expect(loaded.locate(['sections', 0, 'title'], { key: true })).toMatchObject({ line: 5, column: 5 })
  })

  it('still reports a broken file with its place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huibao-quick-yaml-'))
    const file = join(dir, 'broken.yaml')
    await writeFile(file, 'a: 1\na: 2\n')
    const error = await loadYaml(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataParseError)
    expect((error as DataParseError).problems[0]?.location).toMatchObject({
      file: expect.stringContaining('broken.yaml'),
      line: 2,
    })
  })
})
