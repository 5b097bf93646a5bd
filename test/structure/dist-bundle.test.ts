// What `npm run build` leaves out of dist/ or changes on the way in (src/bin/build-dist.js), checked on
// the dist/ the suite built: a package update that undoes one of these fails here, not silently.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const dist = join(resolve(import.meta.dirname, '..', '..'), 'dist')
const code = [join(dist, 'cli.js'), ...readdirSync(join(dist, 'chunks')).map((f) => join(dist, 'chunks', f))]
  .filter((f) => f.endsWith('.js'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n')

describe('dist bundle', () => {
  it('bundles puppeteer-core, Marp, pdf-lib and Handlebars instead of importing them from node_modules', () => {
    for (const pkg of ['puppeteer-core', '@marp-team/marp-core', 'pdf-lib', 'handlebars', 'budoux']) {
      expect(code).not.toMatch(new RegExp(`from ["']${pkg}["']`))
    }
    expect(code).toContain('// node_modules/pdf-lib/')
  })

  it("leaves out BudouX's HTML parser (linkedom), Puppeteer's download proxy and Handlebars' source maps", () => {
    expect(code).not.toContain('// node_modules/linkedom/')
    expect(code).not.toContain('// node_modules/proxy-agent/')
    expect(code).not.toContain('// node_modules/source-map/')
  })

  it("encodes Puppeteer's answers to page requests with Node's base64", () => {
    const encode =
      /function stringToBase64\(str\) \{[^}]*\}\s*function typedArrayToBase64\(typedArray\) \{([^}]*)\}/.exec(
        code,
      )
    expect(encode?.[1]).toContain('toString("base64")')
  })
})
