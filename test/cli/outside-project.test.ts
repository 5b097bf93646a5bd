// A project of its own, outside huibao's folder (what `huibao init` makes anywhere): its report uses
// huibao's built-in templates and themes, and every output builds.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { projectRoot } from '../support/browser.js'

it('builds the deck, handout and PowerPoint of a new report in a folder outside huibao', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'huibao-project-'))
  const cli = join(projectRoot, 'src', 'bin', 'huibao.js')
  const env = { ...process.env, NO_COLOR: '1' }
  execFileSync(process.execPath, [cli, 'init', 'city-2030', '--year', '2030'], { cwd: dir, env })
  execFileSync(process.execPath, [cli, 'build', 'data/city-2030', '-f', 'deck-pdf,handout-pdf,deck-pptx'], {
    cwd: dir,
    env,
    timeout: 240_000,
  })
  for (const file of ['deck.pdf', 'handout.pdf', 'deck.pptx']) {
    expect(existsSync(join(dir, 'output', 'city-2030', 'city-2030', file)), file).toBe(true)
  }
})
