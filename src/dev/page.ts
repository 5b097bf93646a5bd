// The pages `huibao dev` serves: the built deck.html with the dev client added, and the handout view.
// The deck's Content-Security-Policy stays as built; the dev page adds to it only the client script
// (by its hash) and connections to its own origin (for the events and the new deck).
import { escapeHtml } from '../html/escape.js'
import { clientScript } from './client-bundle.js'
import type { DevPageData } from './events.js'

export type { DevPageData } from './events.js'

/** JSON safe inside <script type="application/json">. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

async function devScripts(data: DevPageData): Promise<{ tags: string; hash: string }> {
  const { code, hash } = await clientScript()
  const tags = `<script type="application/json" id="hb-dev">${jsonForHtml(data)}</script>\n<script>${code}</script>\n`
  return { tags, hash }
}

/** deck.html as built, plus the dev client; the CSP gains the client's hash and connect-src 'self'. */
export async function deckPage(
  deckHtml: string | undefined,
  data: DevPageData,
  title: string,
): Promise<string> {
  const { tags, hash } = await devScripts(data)
  if (!deckHtml) {
    // No good deck yet (the first build failed): the overlay alone; the page loads the deck when one is ready.
    return shell(title, '', tags, hash)
  }
  const withCsp = deckHtml.replace(
    /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/,
    (_, open: string, csp: string, close: string) =>
      `${open}${csp.replace(/script-src /, `script-src ${hash} `)}; connect-src 'self'${close}`,
  )
  const at = withCsp.lastIndexOf('</body>')
  return `${withCsp.slice(0, at)}${tags}${withCsp.slice(at)}`
}

/** The handout view: the client shows the print PDF's pages (src/dev/client/handout.ts). */
export async function handoutPage(data: DevPageData, title: string): Promise<string> {
  const { tags, hash } = await devScripts(data)
  return shell(title, '', tags, hash)
}

function shell(title: string, body: string, tags: string, hash: string): string {
  const csp = `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src ${hash}; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'`
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body style="margin:0;background:#555">',
    body,
    tags,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
