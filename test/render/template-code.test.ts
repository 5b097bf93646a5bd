// The built-in templates' code compiled into dist/ (src/bin/precompile-templates.js) is the code the
// run time would compile itself, sits in dist/ under the key the run time looks up, and a template
// changed since the build is compiled again instead of running stale code.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Handlebars from 'handlebars'
import { describe, expect, it } from 'vitest'
import { precompileBuiltInTemplates } from '../../src/bin/precompile-templates.js'
import { TEMPLATE_COMPILE_OPTIONS, templateCodeKey } from '../../src/bin/template-code-key.js'
import { templateCode } from '../../src/render/template-code.js'

const root = resolve(import.meta.dirname, '..', '..')
const builtIn = precompileBuiltInTemplates()

function hbsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? hbsFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
  )
}

describe('built-in template code', () => {
  const files = hbsFiles(join(root, 'templates'))

  it('holds every built-in template, compiled exactly as the run time compiles it', () => {
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      const key = templateCodeKey(source, TEMPLATE_COMPILE_OPTIONS)
      expect(builtIn[key], file).toBe(templateCode(source))
    }
  })

  it('is in dist/ under the keys the run time looks up (the suite built dist/ before it ran)', () => {
    const dist = readdirSync(join(root, 'dist', 'chunks'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(root, 'dist', 'chunks', f), 'utf8'))
      .join('\n')
    // esbuild writes a key that is a valid identifier without quotes
    for (const key of Object.keys(builtIn)) expect(new RegExp(`\\b${key}\\b`).test(dist), key).toBe(true)
  })

  it('compiles a changed template at run time, and its syntax errors still show', () => {
    const source = `${readFileSync(files[0] as string, 'utf8')}\n{{! changed }}`
    expect(builtIn[templateCodeKey(source, TEMPLATE_COMPILE_OPTIONS)]).toBeUndefined()
    const render = Handlebars.template(new Function(`return ${templateCode('<b>{{name}}</b>')}`)())
    expect(render({ name: '<x>' })).toBe('<b>&lt;x&gt;</b>')
    expect(() => templateCode('{{#if x}}')).toThrow(/Parse error|doesn't match|Expecting/)
  })
})
