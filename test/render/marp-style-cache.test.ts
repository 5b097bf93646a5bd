// Marp's packed theme CSS is kept on disk between processes, by everything it depends on.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { marpWithThemes } from '../../src/render/marp-instance.js'

const sheet = (color: string) => `/* @theme cachetest */\nsection { color: ${color}; }`
const markdown = '---\ntheme: cachetest\n---\n\n# One\n\n---\n\n# Two\n'

describe('Marp style cache', () => {
  const saved = process.env.HUIBAO_CACHE_DIR
  afterAll(() => {
    if (saved === undefined) delete process.env.HUIBAO_CACHE_DIR
    else process.env.HUIBAO_CACHE_DIR = saved
  })

  it('packs once, reads the packed CSS back in a new converter, and packs again for other sheets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huibao-marp-styles-'))
    try {
      process.env.HUIBAO_CACHE_DIR = dir
      // two project roots: two converters (as two processes would have), one cache folder
      const first = marpWithThemes([sheet('red')], join(dir, 'a')).render(markdown).css
      expect(first).toContain('red')
      const files = await readdir(join(dir, 'marp-styles'))
      expect(files).toHaveLength(1)
      const file = join(dir, 'marp-styles', files[0] as string)
      expect(await readFile(file, 'utf8')).toBe(first)

      // a new converter takes the kept CSS as it is: marked, the mark shows
      await writeFile(file, `${first}\n/* kept */`)
      expect(marpWithThemes([sheet('red')], join(dir, 'b')).render(markdown).css).toContain('/* kept */')

      // other sheets are another key: packed anew, never the kept CSS of the old ones
      const other = marpWithThemes([sheet('blue')], join(dir, 'c')).render(markdown).css
      expect(other).toContain('blue')
      expect(other).not.toContain('/* kept */')
      expect(await readdir(join(dir, 'marp-styles'))).toHaveLength(2)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
