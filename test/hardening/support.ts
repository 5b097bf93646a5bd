// Shared by the hardening tests: a scratch copy of the example report, a "secret" file outside the
// project (whose bytes must never reach an output), and the CLI run with a private temp folder.
import { spawn } from 'node:child_process'
import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { printError } from '../../src/cli/print-error.js'

export const projectRoot = path.resolve(import.meta.dirname, '..', '..')
export const exampleReport = path.join(projectRoot, 'data', 'zhengzhou-2021')
export const SECRET = 'HUIBAO-OUTSIDE-SECRET-7f3a9c'

export interface Scratch {
  /** a folder outside the project */
  dir: string
  /** a copy of the example report in it */
  report: string
  /** a file outside the project holding SECRET */
  secret: string
}

/** A copy of the example report in a fresh temp folder, and a secret file beside it. */
export async function scratchReport(): Promise<Scratch> {
  const dir = await mkdtemp(path.join(tmpdir(), 'huibao-hardening-'))
  const report = path.join(dir, 'report')
  await cp(exampleReport, report, { recursive: true })
  const secret = path.join(dir, 'secret.svg')
  await writeFile(secret, `<svg xmlns="http://www.w3.org/2000/svg"><text>${SECRET}</text></svg>`)
  return { dir, report, secret }
}

/** What the CLI would print for an error, and the exit code it would choose. */
export function render(error: unknown): { code: number; text: string } {
  let text = ''
  const code = printError(error, false, { write: (s: string) => (text += s) })
  // colours are on where CI is set (picocolors): the text is compared without them
  return { code, text: stripVTControlCharacters(text) }
}

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the CLI with its own TMPDIR; `onOutput` sees output as it comes (to send a signal mid-build). */
export function runCli(
  args: string[],
  options: { tmp?: string; onOutput?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'src/bin/huibao.js'), ...args], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        ...(options.tmp ? { TMPDIR: options.tmp } : {}),
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d
      options.onOutput?.(stdout + stderr, child)
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d
      options.onOutput?.(stdout + stderr, child)
    })
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}
