// English typography of the rendered text: the data keeps straight quotes and apostrophes (easy to
// type and to search), the slides and the print show curly ones; and a figure is never broken from
// its unit at a line end ("RMB 24 | billion", "reached RMB | 100 billion", "build 3 | new parks").
// Applied to the HTML's text only, never to the data, scripts, styles or charts.
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

const NBSP = '\u00a0'
/** A currency before its amount: "RMB 24" */
const CURRENCY = /\b(RMB|USD|EUR) (?=\d|$)/g
/** A number and the word after it (its magnitude or unit): "24 billion", "6.4 million people" */
const NUMBER_WORD = /(\d%?) (?=[A-Za-z])/g
/** A magnitude and the unit after it, and units of two words: "million people", "square metres" */
const UNIT_WORDS =
  /\b(thousand|million|billion|trillion|square|cubic|percentage) (?=(?:people|households|units|tonnes|metres|kilometres|hectares|mu|jin|km|points|visits|trips|beds|vehicles|rooms|times|years|days|hours|kW|kWh|MW|TEU)\b)/g

/**
 * No-break spaces inside an English figure: between a currency and its amount, a number and the word
 * that follows it, a magnitude and its unit. `acrossElements`: also where a figure set off in its own
 * element (the print's <strong class="figure">1</strong>) ends in a number and the next text goes on
 * with its word (a slide's big number and its unit, "7.186" and "million"). The deck's English
 * cards shrink such a figure to their width (themes' container query units), so that it fits whole
 * instead of the word itself breaking.
 */
export function bindFigures(html: string, options: { acrossElements?: boolean } = {}): string {
  let previous = ''
  return mapProseText(html, (raw) => {
    let text = raw
      .replace(CURRENCY, `$1${NBSP}`)
      .replace(NUMBER_WORD, `$1${NBSP}`)
      .replace(UNIT_WORDS, `$1${NBSP}`)
    if (options.acrossElements && /\d%?$/.test(previous) && /^ [A-Za-z]/.test(text))
      text = `${NBSP}${text.slice(1)}`
    if (text.trim()) previous = text
    return text
  })
}

/** The English typesetting of rendered HTML: curly quotes, figures kept whole. */
export function typesetEnglish(html: string, options: { acrossElements?: boolean } = {}): string {
  return bindFigures(curlyQuotes(html), options)
}
