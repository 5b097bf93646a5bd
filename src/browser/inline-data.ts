// Large data: URLs of a document (inline font subsets, pictures) taken out and served by URL instead.
// Chromium reports every data: URL a page loads in full in its network events, and request
// interception pauses on each one: a deck page with 96 inline font slices sent megabytes of events
// to Node, which spent about half a second of CPU reading them. Served from the page's own origin
// (src/browser/serve.ts), each is one short URL and its bytes cross once.

/** data: URLs shorter than this stay in the document: their events cost less than a request. */
const MIN_PAYLOAD = 4096

/**
 * A data: URL in a CSS url(…) or a src="…" attribute, the only places a document loads one from. Its
 * padding may be HTML-escaped in an attribute (Handlebars writes "=" as &#x3D;); the bytes decode the
 * same without it.
 */
const DATA_URL =
  /(url\(\s*["']?|\bsrc=["'])data:([a-z]+\/[\w.+-]+);base64,([A-Za-z0-9+/]+)(?:=|&#x3[dD];|&#61;)*/g

export interface InlineData {
  /** media type, e.g. font/ttf */
  type: string
  /** the bytes, base64 as they were in the document, without padding */
  base64: string
}

/**
 * The document with each large data: URL replaced by the URL `register` gives for its data. Text
 * elsewhere (a paragraph that reads "data:…") is left alone: only url(…) and src="…" are rewritten.
 */
export function externalizeDataUrls(html: string, register: (data: InlineData) => string): string {
  return html.replace(DATA_URL, (whole, opening: string, type: string, base64: string) =>
    base64.length < MIN_PAYLOAD ? whole : `${opening}${register({ type, base64 })}`,
  )
}
