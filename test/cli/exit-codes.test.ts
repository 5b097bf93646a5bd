// Exit codes, one test per code, through the real command line where a user can cause the code; the
// code for a bug (70) cannot be caused from outside, so the table is asked directly. Signals (130,
// 143, 129) are in test/hardening/faults.test.ts. And a guard: only the CLI and the table choose
// exit codes (src/exit-codes.ts); no other module calls process.exit or returns an error code.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BuildFailedError,
  BuildTimeoutError,
  ConfigError,
  ExitCode,
  InternalError,
  UsageError,
} from '../../src/errors.js'
import { EXIT_CODES, exitCodeFor } from '../../src/exit-codes.js'
import { scratchReport } from '../hardening/support.js'
import { projectRoot } from '../support/browser.js'
import { huibao } from '../support/cli.js'

describe('exit codes through the command line', () => {
  it('0: a report without problems validates', async () => {
    const run = await huibao('validate', 'data/henan-2023')
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(ExitCode.ok)
  })

  it('1: a report with a wrong value fails naming its file and line', async () => {
    const { report } = await scratchReport()
    const file = join(report, 'report.yaml')
    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/^\s*year: \d+/m)
    await writeFile(file, text.replace(/^(\s*)year: \d+/m, '$1year: twenty'))
    const run = await huibao('validate', report)
    expect(run.stderr).toMatch(/report\.yaml:\d+/)
    expect(run.code).toBe(ExitCode.invalidInput)
  })

  it('2: an unknown option is a usage error', async () => {
    const run = await huibao('build', 'data/henan-2023', '--no-such-option')
    expect(run.stderr).toMatch(/unknown option/)
    expect(run.code).toBe(ExitCode.usage)
  })

  it('3: a browser that does not start is the machine’s problem', async () => {
    const run = await huibao('doctor', '--browser', '/bin/false')
    expect(`${run.stdout}${run.stderr}`).toMatch(/cannot build PDFs here yet/)
    expect(run.code).toBe(ExitCode.environment)
  })
})

describe('the exit code table', () => {
  it('70: anything that is not one of huibao’s errors is a bug', () => {
    expect(exitCodeFor(new TypeError('undefined is not a function'))).toBe(ExitCode.internal)
    expect(exitCodeFor(new InternalError('edition x failed: oops'))).toBe(ExitCode.internal)
    expect(exitCodeFor('a thrown string')).toBe(ExitCode.internal)
  })

  it('maps each class to its code, subclasses included', () => {
    expect(exitCodeFor(new ConfigError('bad'))).toBe(ExitCode.invalidInput)
    expect(exitCodeFor(new UsageError('bad'))).toBe(ExitCode.usage)
    expect(exitCodeFor(new BuildTimeoutError('slow'))).toBe(ExitCode.environment)
    expect(EXIT_CODES.map(([, code]) => code).sort()).toEqual([1, 2, 3, 70])
  })

  it('gives a build the code of its most serious failure, whatever the order', () => {
    const failures = [
      { id: 'a', error: new ConfigError('bad data') },
      { id: 'b', error: new TypeError('a bug') },
      { id: 'c', error: new UsageError('bad flag') },
    ]
    expect(exitCodeFor(new BuildFailedError('3 failed', failures))).toBe(ExitCode.internal)
    expect(exitCodeFor(new BuildFailedError('3 failed', [...failures].reverse()))).toBe(ExitCode.internal)
    expect(exitCodeFor(new BuildFailedError('1 failed', [failures[0] as (typeof failures)[0]]))).toBe(
      ExitCode.invalidInput,
    )
  })
})

describe('who chooses an exit code', () => {
  it('only src/cli.ts and src/exit-codes.ts: no other module exits or returns an error code', async () => {
    const offenders: string[] = []
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) await walk(path)
        else if (/\.(ts|js)$/.test(entry.name)) {
          const rel = relative(projectRoot, path)
          if (rel === 'src/cli.ts' || rel === 'src/exit-codes.ts' || rel.startsWith('src/bin/')) continue
          const text = await readFile(path, 'utf8')
          text.split('\n').forEach((line, i) => {
            if (/process\.exit\((?!exitCodeFor\()/.test(line) || /ExitCode\.(?!ok\b)\w+/.test(line)) {
              offenders.push(`${rel}:${i + 1}: ${line.trim()}`)
            }
          })
        }
      }
    }
    await walk(join(projectRoot, 'src'))
    expect(offenders).toEqual([])
  })
})
