// The scripts that run inside Chromium pages (deck.html's runtime, the chart page's drawing and
// measuring) are TypeScript modules, type-checked with the rest (`npm run typecheck`, DOM types).
// esbuild bundles each into one self-contained IIFE: the page has no module loader, and the text
// must carry any helper the compiled code calls. `npm run build` bundles them once and puts the text
// into dist/; running from src/ (tests, tsx), src/utils/page-scripts.ts calls this on first use.
// Plain JavaScript, like build-dist.js, so that it runs before anything is built.
import { join } from 'node:path'
import { build } from 'esbuild'
import { SRC } from './dist.js'

/** Each page script: its entry module below src/. */
export const PAGE_SCRIPTS = {
  deckRuntime: 'export/deck-runtime/main.ts',
  chartPage: 'charts/page-script/main.ts',
}

/** The bundled text of one page script, ready to go between <script> and </script>. */
export async function bundlePageScript(name) {
  const entry = PAGE_SCRIPTS[name]
  if (!entry) throw new Error(`no page script named ${name}`)
  const result = await build({
    entryPoints: [join(SRC, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    // the Chromium that puppeteer-core drives, and any browser a deck.html is presented in since 2023
    target: 'chrome115',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  })
  const text = result.outputFiles[0]?.text ?? ''
  // inside <script>, "</script" would end the element early
  if (text === '' || /<\/script/i.test(text)) {
    throw new Error(`page script ${entry}: bundle is empty or contains "</script"`)
  }
  return text
}

/** Every page script bundled, by name (for esbuild's define in build-dist.js). */
export async function bundleAllPageScripts() {
  const names = Object.keys(PAGE_SCRIPTS)
  const texts = await Promise.all(names.map((name) => bundlePageScript(name)))
  return Object.fromEntries(names.map((name, i) => [name, texts[i]]))
}
