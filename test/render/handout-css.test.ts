// The handout's style sheets are not optional: a layout sheet of templates/handout/ or a theme's
// handout.css that is missing stops the handout with an error naming the file, instead of printing
// an unstyled page.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { BuildContext } from '../../src/context.js'
import { TemplateRenderError } from '../../src/errors.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { renderHandout } from '../../src/render/handout.js'
import { projectRoot, sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'huibao-handout-css-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** A project with huibao's handout templates and themes, less one file. */
async function projectWithout(name: string, file: string): Promise<string> {
  const root = join(scratch, name)
  await cp(join(projectRoot, 'templates', 'handout'), join(root, 'templates', 'handout'), { recursive: true })
  await cp(join(projectRoot, 'themes'), join(root, 'themes'), { recursive: true })
  await rm(join(root, file))
  return root
}

describe('handout style sheets', () => {
  test.each([
    ['print', 'handout', join('templates', 'handout', 'print.css')],
    ['reading-copy', 'reading-copy', join('templates', 'handout', 'reading-copy.css')],
    ['theme', 'reading-copy', join('themes', 'formal', 'handout.css')],
  ] as const)('fails naming the missing %s sheet (%s)', async (name, kind, file) => {
    const root = await projectWithout(name, file)
    const ctx: BuildContext = {
      projectRoot: root,
      logger: createMemoryLogger(),
      session: await sharedSession(),
      cache: true,
    }
    const edition = await exampleEdition({ theme: { name: 'formal' } })
    const run = renderHandout(edition, ctx, kind)
    await expect(run).rejects.toThrow(TemplateRenderError)
    await expect(run).rejects.toThrow(`style sheet ${join(root, file)} does not exist; the handout needs it`)
  })
})
