// The cases of the hardening issue, each as it was found: paths that leave the project, special
// files, control characters, errors that blamed the wrong file, exit codes that lost their meaning.
import { execFileSync } from 'node:child_process'
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadReport, loadYaml } from '../../src/data/load.js'
import {
  BrowserCrashError,
  BuildFailedError,
  EnvironmentError,
  fromSystemError,
  type ReportError,
  TemplateRenderError,
} from '../../src/errors.js'
import { exitCodeFor } from '../../src/exit-codes.js'
import { loadEdition } from '../../src/merge/index.js'
import { safeReadText } from '../../src/utils/safe-read.js'
import { projectRoot, render, runCli, type Scratch, SECRET, scratchReport } from './support.js'

let s: Scratch
beforeAll(async () => {
  s = await scratchReport()
})
afterAll(async () => {
  await rm(s.dir, { recursive: true, force: true })
})

async function failure(promise: Promise<unknown>): Promise<ReportError> {
  try {
    await promise
  } catch (error) {
    return error as ReportError
  }
  throw new Error('expected a failure')
}

async function edition(id: string, text: string): Promise<ReportError> {
  await writeFile(path.join(s.report, 'editions', `${id}.yaml`), text)
  const base = await loadReport(s.report)
  return failure(loadEdition(s.report, id, { base, projectRoot }))
}

describe('paths from data stay inside the report or the project', () => {
  it('refuses a logo that is a symlink to a file outside, at the overlay line that names it', async () => {
    await symlink(s.secret, path.join(s.report, 'editions', 'logos', 'leak.svg'))
    const error = await edition('leak', 'base: zhengzhou-2021\npresentation:\n  logo: logos/leak.svg\n')
    const { code, text } = render(error)
    expect(code).toBe(1)
    expect(text).toMatch(
      /editions\/leak\.yaml:3:9: presentation\.logo: logo .*leak\.svg: is outside the project \(it leads to .*secret\.svg\)/,
    )
    expect(text).not.toContain(SECRET)
  })

  it('refuses a logo given as an absolute path outside the project', async () => {
    const error = await edition('abs', `base: zhengzhou-2021\npresentation:\n  logo: ${s.secret}\n`)
    expect(render(error).text).toMatch(/abs\.yaml:3:9: .*is outside the project/)
  })

  it('refuses a chart data file that is a named pipe instead of waiting for a writer', async () => {
    const fifo = path.join(s.dir, 'data.csv')
    execFileSync('mkfifo', [fifo])
    const error = await failure(safeReadText(fifo, { roots: [s.dir], what: 'data file' }))
    expect(error.message).toMatch(/data\.csv: is a named pipe \(FIFO\), not a regular file/)
  })

  it('counts bytes while reading: a device that never ends is refused, not read', async () => {
    const error = await failure(safeReadText('/dev/zero', { maxBytes: 1024 }))
    expect(error.message).toMatch(/is a device, not a regular file/)
  })

  it('refuses a file over the limit while reading it', async () => {
    const big = path.join(s.dir, 'big.csv')
    await writeFile(big, 'x'.repeat(300_000))
    const error = await failure(safeReadText(big, { roots: [s.dir], maxBytes: 100_000 }))
    expect(error.message).toMatch(/is larger than the limit of 98 KB/)
  })
})

describe('special files as report or edition', () => {
  it.each([
    ['a symlink to /dev/zero', async (f: string) => symlink('/dev/zero', f), /is a device/],
    ['a named pipe', async (f: string) => execFileSync('mkfifo', [f]), /is a named pipe/],
    ['a folder', async (f: string) => mkdir(f), /is a folder/],
  ])('validate exits 1 when report.yaml is %s, naming the path', async (_, make, message) => {
    const dir = path.join(s.dir, `special-${Math.random().toString(36).slice(2)}`)
    await mkdir(dir)
    await make(path.join(dir, 'report.yaml'))
    const run = await runCli(['validate', dir])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(path.join(dir, 'report.yaml'))
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toContain('    at ')
  })

  it('refuses an edition that is a folder or a named pipe as input (exit 1), not a bug', async () => {
    await mkdir(path.join(s.report, 'editions', 'folder.yaml'))
    const base = await loadReport(s.report)
    const asFolder = await failure(loadEdition(s.report, 'folder', { base, projectRoot }))
    expect(render(asFolder)).toMatchObject({
      code: 1,
      text: expect.stringMatching(/folder\.yaml: is a folder/),
    })
    execFileSync('mkfifo', [path.join(s.report, 'editions', 'pipe.yaml')])
    const asPipe = await failure(loadEdition(s.report, 'pipe', { base, projectRoot }))
    expect(render(asPipe)).toMatchObject({
      code: 1,
      text: expect.stringMatching(/pipe\.yaml: is a named pipe/),
    })
  })
})

describe('text hygiene at load', () => {
  const title = async (value: string) => {
    const file = path.join(s.dir, `t-${Math.random().toString(36).slice(2)}.yaml`)
    await writeFile(file, `id: x\nmeta:\n  title: ${value}\n`)
    return failure(loadYaml(file))
  }
  it.each([
    ['NUL written as an escape', '"a\\0b"', /:3:10: meta\.title: U\+0000 \(NUL, a control character\)/],
    ['ESC written literally', 'a\u001b[31mb', /:3:11: U\+001B \(ESC, a control character\)/],
    ['a lone surrogate', '"a\\uD800b"', /:3:10: meta\.title: U\+D800 \(a lone surrogate/],
    ['a non-character', 'a\uFFFEb', /:3:11: U\+FFFE \(a Unicode non-character\)/],
  ])('refuses %s at file:line:column, naming the code point', async (_, value, message) => {
    const { code, text } = render(await title(value))
    expect(code).toBe(1)
    expect(text).toMatch(message)
  })

  it('refuses a 100 000-character title at the data, with a short message', async () => {
    const { code, text } = render(await title('长'.repeat(100_000)))
    expect(code).toBe(1)
    expect(text).toMatch(
      /:3:10: meta\.title: the text is 100000 characters long; the limit for a title or label is 1000/,
    )
    expect(text.length).toBeLessThan(2_000)
  })

  it('reads CR-only line endings as line endings', async () => {
    const file = path.join(s.dir, 'cr.yaml')
    await writeFile(file, 'id: x\rmeta:\r  title: 报告\r')
    expect((await loadYaml(file)).value).toEqual({ id: 'x', meta: { title: '报告' } })
  })

  it('calls an undefined alias undefined, not an alias bomb', async () => {
    const file = path.join(s.dir, 'alias.yaml')
    await writeFile(file, 'id: x\nmeta: *nope\n')
    const { text } = render(await failure(loadYaml(file)))
    expect(text).toMatch(/alias\.yaml:2:7: undefined YAML alias \*nope/)
    expect(text).not.toMatch(/bomb/)
  })

  it('names the line of an unknown theme', async () => {
    const error = await edition('themed', 'base: zhengzhou-2021\npresentation:\n  theme: nope\n')
    expect(render(error).text).toMatch(
      /themed\.yaml:3:10: unknown theme "nope": themes\/nope\/deck\.css does not exist/,
    )
  })

  it('blames an overlay that removes every section on the overlay', async () => {
    const base = await loadReport(s.report)
    const ids = base.report.sections.map((x) => `  - id: ${x.id}\n    remove: true\n`).join('')
    const error = await edition('bare', `base: zhengzhou-2021\nsections:\n${ids}`)
    expect(render(error).text).toMatch(/bare\.yaml:2:1: sections: the overlay removes every section/)
  })
})

describe('exit codes', () => {
  it('keeps the most serious class among failed editions and prints each cause', () => {
    const failed = new BuildFailedError('2 of 3 editions failed', [
      { id: 'a', error: new TemplateRenderError('broken template') },
      { id: 'b', error: new BrowserCrashError('the browser crashed (SIGKILL)', 'SIGKILL') },
    ])
    const { code, text } = render(failed)
    expect(code).toBe(3)
    expect(text).toMatch(/edition a:\n\s+broken template/)
    expect(text).toMatch(/edition b:\n\s+the browser crashed \(SIGKILL\)/)
  })

  it('turns file-system faults into input or environment errors that name the path', () => {
    const fault = (code: string) => Object.assign(new Error(code), { code, path: '/x/out', syscall: 'open' })
    expect(exitCodeFor(fault('EISDIR'))).toBe(1)
    expect(exitCodeFor(fault('ENOTDIR'))).toBe(1)
    expect(exitCodeFor(fault('ENOSPC'))).toBe(3)
    expect(exitCodeFor(fault('EACCES'))).toBe(3)
    expect(fromSystemError(fault('ENOSPC'))).toBeInstanceOf(EnvironmentError)
    expect(render(fault('ENOSPC')).text).toMatch(/\/x\/out: no space left on the device \(ENOSPC in open\)/)
    expect(exitCodeFor(new Error('something else'))).toBe(70)
  })

  it.each([
    [
      ['build', 'data/zhengzhou-2021', '-e', 'nope', '-f', 'deck-html'],
      /unknown edition "nope" in --edition/,
    ],
    [['build', 'data/zhengzhou-2021', '--all', '-e', 'nope'], /cannot be used with option '-e/],
    [['build', 'data/zhengzhou-2021', '-f', ''], /--formats names no output/],
    [['build', 'data/zhengzhou-2021', '--theme', 'nope'], /unknown theme "nope"/],
  ])('huibao %j is a usage error (exit 2)', async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('doctor does not tick /bin/false as a browser', async () => {
    const run = await runCli(['doctor', '--browser', '/bin/false'])
    expect(run.code).toBe(3)
    expect(run.stdout).not.toMatch(/✓ Browser/)
    expect(run.stdout).toMatch(/✗ Browser: \/bin\/false .*did not answer --version/)
  })

  it('-o /dev/null is an input error naming the path, not a bug', async () => {
    const run = await runCli(['build', 'data/zhengzhou-2021', '-f', 'deck-html', '-o', '/dev/null'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/\/dev\/null.*(ENOTDIR|EEXIST)/)
    expect(run.stderr).not.toContain('    at ')
  })
})
