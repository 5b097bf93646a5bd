// The second example report (data/henan-2023, a province's report in the form it was delivered)
// builds with nothing of its own outside its folder: building it leaves templates/, themes/ and src/
// byte for byte as they were, its outputs carry nothing of the first example, and no file of either
// example report refers to the other.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../support/browser.js'
import { huibaoWithin } from '../support/cli.js'

const first = 'zhengzhou-2021'
const second = 'henan-2023'
/**
 * Words that would show the first example leaking into the second's outputs: its id, its city (the
 * second report abbreviates it in 郑洛新 and never names it) and its year.
 */
const firstExampleWords = [first, '郑州', '2021']

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/** Every file under the shared folders, by path relative to the project, with its SHA-256. */
async function hashShared(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const folder of ['templates', 'themes', 'src']) {
    for (const file of await files(join(projectRoot, folder))) {
      out[relative(projectRoot, file)] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex')
    }
  }
  return out
}

describe('the second example report', () => {
  it('has no file that refers to the other example report, in either folder', async () => {
    // A reference is the other report's id (a base:, a path, a link); its place names may occur in
    // the text (the city's report names its province).
    const found: string[] = []
    for (const [report, other] of [
      [first, second],
      [second, first],
    ] as const) {
      for (const file of await files(join(projectRoot, 'data', report))) {
        if ((await readFile(file, 'utf8')).includes(other))
          found.push(`${relative(projectRoot, file)}: ${other}`)
      }
    }
    expect(found).toEqual([])
  })

  describe('built with every edition', () => {
    let out = ''
    afterAll(async () => {
      if (out) await rm(out, { recursive: true, force: true })
    })

    it('builds, and leaves templates/, themes/ and src/ byte for byte unchanged', async () => {
      out = await mkdtemp(join(tmpdir(), 'huibao-second-report-'))
      const before = await hashShared()
      expect(Object.keys(before).length).toBeGreaterThan(50)
      const formats = 'deck-html,deck-pdf,handout-pdf'
      const result = await huibaoWithin(600_000, 'build', `data/${second}`, '--all', '-f', formats, '-o', out)
      expect(result.stderr).not.toMatch(/error/)
      expect(result.code).toBe(0)
      expect(await hashShared()).toEqual(before)
    })

    it.each(['henan-2023', 'luoyang', 'en'])(
      'writes edition %s with nothing of the first example in it',
      async (id) => {
        const dir = join(out, second, id)
        const deck = await readFile(join(dir, 'deck.html'), 'utf8')
        const handout = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'handout.pdf'), '-'], {
          encoding: 'utf8',
        })
        // the salutation and part one's heading, as the edition's language writes them
        expect(handout).toContain(id === 'en' ? 'Fellow Deputies' : '各位代表')
        expect(handout).toContain(
          id === 'en' ? 'Review of Our Work in the Past Five Years' : '过去五年工作回顾',
        )
        const deckText = deck.replace(/<[^>]*>/g, ' ')
        for (const word of firstExampleWords) {
          expect(handout.includes(word), `handout.pdf holds "${word}"`).toBe(false)
          expect(deckText.includes(word), `deck.html holds "${word}"`).toBe(false)
        }
      },
    )
  })
})
