// The text of a script that runs inside a Chromium page (deck.html's runtime, the chart page), as
// esbuild bundled it from its TypeScript modules (src/bin/page-scripts.js says which and how).
// In dist/, build-dist.js bundled them at build time and put the texts in through esbuild's define;
// running from src/ (tests, tsx) they are bundled on first use and kept in memory, so that nothing
// here depends on dist/ being built. Either way the text returned is the final one, the one that a
// Content-Security-Policy hash must be computed on.
import type { PageScriptName } from '../bin/page-scripts.js'

export type { PageScriptName }

/** Set by build-dist.js (esbuild define); absent when running from src/. */
declare const __HUIBAO_PAGE_SCRIPTS__: Record<PageScriptName, string> | undefined

const bundled = new Map<PageScriptName, Promise<string>>()

/** The bundled text of a page script (an IIFE), to put between <script> and </script>. */
export function pageScript(name: PageScriptName): Promise<string> {
  if (typeof __HUIBAO_PAGE_SCRIPTS__ !== 'undefined') return Promise.resolve(__HUIBAO_PAGE_SCRIPTS__[name])
  let text = bundled.get(name)
  if (!text) {
    text = import('../bin/page-scripts.js').then((m) => m.bundlePageScript(name))
    // a failed bundle is reported to every caller now, and tried again by the next one
    text.catch(() => bundled.delete(name))
    bundled.set(name, text)
  }
  return text
}
