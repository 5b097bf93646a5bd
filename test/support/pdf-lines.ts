// The printed lines of a PDF, as poppler finds them (pdftotext -bbox-layout): each line's text, page,
// left edge and the flow (column of text) it belongs to. Tests of line breaking read PDFs back so.
import { execFileSync } from 'node:child_process'
import { decodeEntities } from '../../src/html/text.js'
import { phraseBoundaries } from '../../src/render/phrase-breaks.js'

export interface PdfLine {
  page: number
  flow: number
  xMin: number
  yMin: number
  yMax: number
  text: string
}

const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/u

export function pdfLines(file: string): PdfLine[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const lines: PdfLine[] = []
  let flow = 0
  xml.split(/<page /).forEach((pageXml, pageIndex) => {
    for (const flowXml of pageXml.split(/<flow>/).slice(1)) {
      flow++
      for (const m of flowXml.matchAll(
        /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g,
      )) {
        const words = [...(m[4] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) =>
          decodeEntities(w[1] ?? ''),
        )
        // Chinese words join without a space, Latin words with one
        const text = words.reduce(
          (acc, w) => (acc && /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(w) ? `${acc} ${w}` : acc + w),
          '',
        )
        lines.push({
          page: pageIndex,
          flow,
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          yMax: Number(m[3]),
          text,
        })
      }
    }
  })
  return lines
}

/** Consecutive lines of one flow: a line and the next one below it, on the same page. */
export function* wraps(lines: PdfLine[]): Generator<[PdfLine, PdfLine]> {
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as PdfLine
    const b = lines[i] as PdfLine
    const height = a.yMax - a.yMin
    // the next line of the same paragraph: same flow, starts at (about) the same left edge or
    // further left (a first-line indent), and follows within two line heights
    if (a.flow !== b.flow || b.yMin <= a.yMin || b.yMin - a.yMax > height * 1.2) continue
    // a heading and its paragraph are set in different sizes
    if (Math.abs(b.yMax - b.yMin - height) > height * 0.08) continue
    if (b.xMin > a.xMin + height * 2.5) continue
    yield [a, b]
  }
}

/**
 * Every place where a Chinese line ends inside a word or phrase the segmenters keep whole (or right
 * after a number, away from its unit): the last characters of a line and the first of the next are
 * segmented together, and the line end must be one of their phrase boundaries.
 */
export function brokenPhrases(lines: PdfLine[], chartLabels: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = []
  for (const [a, b] of wraps(lines)) {
    // a chart's labels stand one under the other but are no wrapped paragraph (pdftotext may join
    // two labels of one chart row into one line)
    if (isChartText(a.text, chartLabels) || isChartText(b.text, chartLabels)) continue
    const end = a.text.slice(-12)
    const start = b.text.slice(0, 12)
    if (!(HAN.test(end.slice(-1)) || /\d/.test(end.slice(-1))) || !HAN.test(start.slice(0, 1))) continue
    if (!phraseBoundaries(end + start).includes(end.length)) out.push(`p${a.page}: ${end}|${start}`)
  }
  return out
}

/** A line made only of chart labels (longest first), with nothing of a paragraph left over. */
function isChartText(line: string, chartLabels: ReadonlySet<string>): boolean {
  if (chartLabels.has(line)) return true
  let rest = line
  for (const label of [...chartLabels].filter((l) => l.length > 1).sort((x, y) => y.length - x.length))
    rest = rest.split(label).join('')
  return rest !== line && !HAN.test(rest)
}

/** The texts a chart's SVG draws (each <text> element), to tell its labels from wrapped lines. */
export function svgTexts(svg: string): Set<string> {
  return new Set(
    [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
      decodeEntities((m[1] ?? '').replace(/<[^>]*>/g, '')).replace(/\s+/g, ''),
    ),
  )
}

/** Last lines of a paragraph that hold one Chinese character alone (with its punctuation). */
export function loneCharacters(lines: PdfLine[]): string[] {
  const out: string[] = []
  for (const [a, b] of wraps(lines)) {
    const bare = b.text.replace(/[\p{P}\s]/gu, '')
    if ([...bare].length === 1 && HAN.test(bare) && HAN.test(a.text.slice(-1)))
      out.push(`p${a.page}: ${a.text.slice(-10)}|${b.text}`)
  }
  return out
}
