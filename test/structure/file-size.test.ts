// Small files: every module of src/ fits on a few screens (300 lines), so that a newcomer can read
// one whole. A file that grows past it is split along a seam, not trimmed of comments.
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { projectRoot } from '../support/browser.js'

const LIMIT = 300

it(`keeps every file in src/ at ${LIMIT} lines or fewer`, async () => {
  const over: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (/\.(ts|js|css)$/.test(entry.name)) {
        const lines = (await readFile(path, 'utf8')).split('\n').length - 1
        if (lines > LIMIT) over.push(`${relative(projectRoot, path)}: ${lines} lines`)
      }
    }
  }
  await walk(join(projectRoot, 'src'))
  expect(over).toEqual([])
})
