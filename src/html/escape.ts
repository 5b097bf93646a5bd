// One way to put text into HTML, for element text and attribute values alike. The `entities`
// package (the one parse5 and markdown-it use) escapes & < > " ' ; a text escaped here reads back
// unchanged through decodeEntities (src/html/text.ts).
import { escapeUTF8 } from 'entities'

/** Text safe inside an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return escapeUTF8(text)
}
