// Runs the real huibao command line, as a user would, without colours.
import { execFile } from 'node:child_process'
import { projectRoot } from './browser.js'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function huibao(...args: string[]): Promise<CliResult> {
  return huibaoWithin(60_000, ...args)
}

/** As huibao(), for a command that takes longer than a minute (a build with PDFs on a busy machine). */
export function huibaoWithin(timeout: number, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/bin/huibao.js', ...args],
      { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
