import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  firstInvalidUtf8,
  loadReport,
  loadYaml,
  MAX_FILE_BYTES,
  resolveReportFile,
} from '../../src/data/load.js'
import { DataParseError, type ReportError } from '../../src/errors.js'
import { createMemoryLogger } from '../../src/log/logger.js'

const fixtures = path.resolve(import.meta.dirname, '../fixtures/validate')
const fixture = (name: string) => path.join(fixtures, name, 'report.yaml')

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'huibao-load-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(tmp, name)
  await writeFile(file, content)
  return file
}

async function failure(promise: Promise<unknown>): Promise<ReportError> {
  try {
    await promise
  } catch (error) {
    return error as ReportError
  }
  throw new Error('expected a failure')
}

describe('loadYaml', () => {
  it('locates a value by its data path with line and column', async () => {
    const { locate, displayFile } = await loadYaml(fixture('valid'))
    expect(locate(['sections', 0, 'keywords', 0, 'metrics', 1, 'value'])).toEqual({
      file: displayFile,
      line: 60,
      column: 20,
    })
    expect(locate(['meta', 'city'])).toMatchObject({ line: 6, column: 9 })
  })

  it('locates the key itself when asked', async () => {
    const { locate } = await loadYaml(fixture('valid'))
    expect(locate(['meta', 'city'], { key: true })).toMatchObject({ line: 6, column: 3 })
  })

  it('falls back to the nearest existing parent for a path that does not exist', async () => {
    const { locate } = await loadYaml(fixture('valid'))
    expect(locate(['meta', 'nothing-here'])).toEqual(locate(['meta']))
    expect(locate(['sections', 0, 'keywords', 7, 'title'])).toEqual(locate(['sections', 0, 'keywords']))
    expect(locate(['meta'])).toMatchObject({ line: 5, column: 3 })
  })

  it('names files relative to the working directory', async () => {
    const { displayFile, file } = await loadYaml(fixture('valid'))
    expect(displayFile).toBe('test/fixtures/validate/valid/report.yaml')
    expect(path.isAbsolute(file)).toBe(true)
  })

  it('accepts a UTF-8 byte order mark', async () => {
    const file = await write('bom.yaml', '\uFEFFid: x\n')
    expect((await loadYaml(file)).value).toEqual({ id: 'x' })
  })

  it('reports every YAML syntax error of a file at once, each with line and column', async () => {
    const error = await failure(loadYaml(fixture('syntax-error')))
    expect(error).toBeInstanceOf(DataParseError)
    expect(error.message).toBe('test/fixtures/validate/syntax-error/report.yaml: 3 YAML syntax errors')
    expect(error.problems.map((p) => [p.location?.line, p.location?.column])).toEqual([
      [8, 3],
      [20, 1],
      [21, 1],
    ])
    expect(error.problems[0]?.message).toBe('Map keys must be unique')
  })

  it('says that a file with several documents is not one report', async () => {
    const error = await failure(loadYaml(await write('multi.yaml', 'a: 1\n---\nb: 2\n')))
    expect(error.problems[0]?.message).toMatch(/more than one YAML document/)
    expect(error.problems[0]?.location?.line).toBe(2)
  })

  it('refuses a file over 5 MB before parsing, giving its size and the limit', async () => {
    const file = await write('big.yaml', 'a'.repeat(MAX_FILE_BYTES + 1))
    const error = await failure(loadYaml(file))
    expect(error).toBeInstanceOf(DataParseError)
    expect(error.message).toMatch(/too large.*5\.0 MB \(5242881 bytes\); the limit is 5\.0 MB/)
  })

  it('reads a file of exactly 5 MB', async () => {
    // Many lines within the text limits (one 5 MB value would be refused as too long for a field).
    const line = `- ${'a'.repeat(997)}\n`
    const count = Math.floor((MAX_FILE_BYTES - 3) / line.length)
    const rest = MAX_FILE_BYTES - 3 - count * line.length
    const text = `x:\n${line.repeat(count)}- ${'a'.repeat(rest - 3)}\n`
    expect(Buffer.byteLength(text)).toBe(MAX_FILE_BYTES)
    const file = await write('limit.yaml', text)
    expect(((await loadYaml(file)).value as { x: string[] }).x).toHaveLength(count + 1)
  })

  it('reports the first byte that is not UTF-8 with its offset, line and column', async () => {
    const bytes = new Uint8Array([...Buffer.from('id: x\ntitle: 报告'), 0xff, ...Buffer.from('\n')])
    const error = await failure(loadYaml(await write('latin.yaml', bytes)))
    expect(error.message).toBe('file is not valid UTF-8: byte 0xFF at byte offset 19')
    expect(error.location).toMatchObject({ line: 2, column: 10 })
  })

  it('suggests that a GBK file be saved as UTF-8', async () => {
    const error = await failure(loadYaml(fixture('non-utf8')))
    expect(error.hint).toMatch(/GBK/)
    expect(error.location?.line).toBe(5)
  })

  it('refuses a binary file, naming the first NUL byte', async () => {
    const error = await failure(loadYaml(fixture('binary-file')))
    expect(error.message).toMatch(/binary.*NUL byte at byte offset 8/)
  })

  it('refuses UTF-16 text', async () => {
    const error = await failure(loadYaml(await write('utf16.yaml', Buffer.from('\uFEFFid: x\n', 'utf16le'))))
    expect(error.message).toMatch(/UTF-16/)
  })

  it('says that an empty or blank file is empty', async () => {
    expect((await failure(loadYaml(fixture('empty-file')))).message).toBe('file is empty')
    expect((await failure(loadYaml(await write('blank.yaml', '\n  \n\t\n')))).message).toBe('file is empty')
  })

  it('says that a file of comments holds no data', async () => {
    const error = await failure(loadYaml(await write('comments.yaml', '# just a note\n')))
    expect(error.message).toMatch(/no data/)
  })

  it('stops an alias bomb early, pointing at the first alias', async () => {
    const error = await failure(loadYaml(fixture('anchor-bomb')))
    expect(error.message).toMatch(/aliases .* more than 100 times/)
    expect(error.location).toMatchObject({ line: 3, column: 8 })
  })

  it('reads a few aliases normally', async () => {
    const file = await write('alias.yaml', 'a: &x [1, 2]\nb: *x\n')
    expect((await loadYaml(file)).value).toEqual({ a: [1, 2], b: [1, 2] })
  })

  it('reports data nested too deeply instead of overflowing the stack', async () => {
    const file = await write('deep.yaml', `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)
    const error = await failure(loadYaml(file))
    expect(error).toBeInstanceOf(DataParseError)
    expect(error.problems[0]?.message).toBe('the data is nested too deeply to read')
  })

  it('passes YAML warnings to the logger with file and line', async () => {
    const logger = createMemoryLogger()
    await loadYaml(await write('tag.yaml', 'a: 1\nb: !custom x\n'), { logger })
    expect(logger.warnings).toHaveLength(1)
    expect(logger.warnings[0]).toMatch(/tag\.yaml:2: /)
  })
})

describe('firstInvalidUtf8', () => {
  it('accepts ASCII, Chinese and four-byte characters', () => {
    expect(firstInvalidUtf8(Buffer.from('a 报告 😀'))).toBe(-1)
  })

  it('finds overlong forms, surrogates, stray continuation bytes and cut-off sequences', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1)
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0)
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0x80]))).toBe(2)
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe6, 0x8a]))).toBe(1)
    expect(firstInvalidUtf8(new Uint8Array([0xf5, 0x80, 0x80, 0x80]))).toBe(0)
  })
})

describe('loadReport', () => {
  it('reads report.yaml from a report folder', async () => {
    const loaded = await loadReport(path.join(fixtures, 'valid'))
    expect(loaded.dir).toBe(path.join(fixtures, 'valid'))
    expect(loaded.file).toBe(fixture('valid'))
    expect(loaded.report.sections).toHaveLength(1)
  })

  it('reads a YAML file given directly', async () => {
    const file = path.join(tmp, 'direct.yaml')
    await copyFile(fixture('valid'), file)
    const loaded = await loadReport(file)
    expect(loaded.dir).toBe(tmp)
    expect(loaded.report.id).toBe('mini-2021')
  })

  it('says when a path does not exist or a folder has no report.yaml', async () => {
    expect((await failure(resolveReportFile(path.join(tmp, 'missing')))).message).toMatch(
      /cannot find .*missing: no such file or folder/,
    )
    expect((await failure(loadReport(tmp))).message).toMatch(/has no report\.yaml/)
  })
})
