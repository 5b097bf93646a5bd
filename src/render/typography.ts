// English typography of the rendered text: the data keeps straight quotes and apostrophes (easy to
// type and to search), the slides and the print show curly ones. Applied to the HTML's text only,
// never to the data, scripts, styles or charts.
import { mapProseText } from './phrase-breaks.js'

const DOUBLE = /"|&quot;|&#34;|&#x22;/gi
const SINGLE = /'|&#39;|&#x27;|&apos;/gi

/** Opening after nothing, a space or an opening bracket or dash; closing (or apostrophe) otherwise. */
function curl(text: string, quote: RegExp, open: string, close: string): string {
  return text.replace(quote, (_match, offset: number, whole: string) => {
    const before = whole
      .slice(0, offset)
      .replace(/&[#\w]+;$/, ' ')
      .slice(-1)
    return before === '' || /[\s([{\u2014\u2013/-]/.test(before) ? open : close
  })
}

export function curlyQuotes(html: string): string {
  return mapProseText(html, (raw) => curl(curl(raw, DOUBLE, '“', '”'), SINGLE, '‘', '’'))
}
