import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Edition } from '../../src/context.js'
import { TemplateRenderError } from '../../src/errors.js'
import { loadTemplateSet, renderTemplateSet } from '../../src/render/handlebars.js'
import { projectRoot } from '../support/browser.js'

const fixtures = join(projectRoot, 'test', 'fixtures', 'render')
const env = { edition: { strings: {} } as unknown as Edition, projectRoot }

async function renderError(fixture: string): Promise<TemplateRenderError> {
  const set = await loadTemplateSet(join(fixtures, fixture), 'main.hbs')
  try {
    renderTemplateSet(set, env, {})
  } catch (error) {
    return error as TemplateRenderError
  }
  throw new Error('expected a template error')
}

describe('template syntax errors', () => {
  it('name the template file, line and column of a mismatched block', async () => {
    const error = await renderError('syntax-error')
    expect(error).toBeInstanceOf(TemplateRenderError)
    expect(error.message).toContain("if doesn't match each")
    expect(error.location).toEqual({ file: join(fixtures, 'syntax-error', 'main.hbs'), line: 2, column: 4 })
  })

  it('name the partial, not the template that includes it', async () => {
    const error = await renderError('partial-syntax-error')
    expect(error.location?.file).toBe(join(fixtures, 'partial-syntax-error', 'partials', 'broken.hbs'))
    expect(error.location?.line).toBe(2)
  })
})
