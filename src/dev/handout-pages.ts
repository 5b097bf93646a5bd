// Pictures of the print PDF's pages for the handout view (src/dev/client/handout.ts), which keeps the
// reader's page across rebuilds by replacing pictures in place; a PDF viewer in a frame starts again
// at page 1. Drawn by poppler's pdftoppm, which the project's setup installs (.ci/setup.sh); without
// it the view falls back to the PDF itself, and the server says so once.
import { execFile } from 'node:child_process'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from '../log/logger.js'

/** Screen resolution for an A4 page about 800 px wide at 96 dpi. */
const DPI = 96

let missingTold = false

/**
 * Writes `dir`/1.png, 2.png, … for the pages of `pdf` (a new folder: a page being shown is never
 * rewritten) and returns how many; 0 when pdftoppm is not installed.
 */
export async function drawPages(pdf: string, dir: string, logger: Logger): Promise<number> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  try {
    await promisify(execFile)('pdftoppm', ['-r', String(DPI), '-png', pdf, join(dir, 'p')])
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    if (!missingTold)
      logger.warn('handout view: pdftoppm (poppler-utils) is not installed; showing the PDF itself')
    missingTold = true
    return 0
  }
  // pdftoppm names pages p-1.png or p-01.png (as many digits as the last page number has)
  const names = (await readdir(dir)).filter((n) => /^p-\d+\.png$/.test(n))
  for (const name of names) await rename(join(dir, name), join(dir, `${Number(/\d+/.exec(name)?.[0])}.png`))
  return names.length
}
