// How a metric is written out: in Chinese exactly as the report states it ("7.5%以上", "240亿元以上",
// "3至5个"), in English as an English reader expects it ("7.5% or more", "RMB 24 billion or more").
// Validation uses the Chinese form to check that each figure appears in its sentence, so the Chinese
// rule must stay literal: prefix + number + (至 upper) + scale + unit + suffix.
import type { Metric } from '../data/types.js'

export type Locale = 'zh-CN' | 'en'

/** What each Chinese scale word multiplies by. */
export const scaleFactor = { 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12 } as const

/** Removes binary floating-point noise: 63.8 * 1e4 is 638000.0000000001. */
function clean(value: number): number {
  return Number(value.toPrecision(12))
}

/** A plain number: "7.5", "1200" in Chinese (reports write no thousands separators), "1,200" in English. */
export function formatNumber(value: number, locale: Locale): string {
  const v = clean(value)
  const plain = String(v)
  if (!PLAIN_DECIMAL.test(plain)) return numberFormat(locale).format(v)
  return locale === 'en' ? plain.replace(/^-?\d+/, (whole) => whole.replace(THOUSANDS, ',')) : plain
}

/**
 * What JavaScript writes for a number is what Intl writes (in Chinese as it is, in English with a
 * comma between thousands) whenever it has no exponent and at most 10 decimals. Validation formats
 * every figure of every edition, and creating the first Intl.NumberFormat alone costs tens of
 * milliseconds; test/data/format-plain.test.ts holds the two to the same answers.
 */
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g
const PLAIN_DECIMAL = /^-?\d+(?:\.\d{1,10})?$/

// Creating an Intl.NumberFormat is slow; a report formats hundreds of figures.
const numberFormats = new Map<Locale, Intl.NumberFormat>()
function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      maximumFractionDigits: 10,
      useGrouping: locale === 'en',
    })
    numberFormats.set(locale, format)
  }
  return format
}

const zhPrefix: Partial<Record<Metric['comparator'], string>> = { 'not-less-than': '不少于' }
const zhSuffix: Partial<Record<Metric['comparator'], string>> = {
  'at-least': '以上',
  about: '左右',
  within: '以内',
}

function formatZh(m: Metric): string {
  const range = m.comparator === 'range' && m.upper !== undefined ? `至${formatNumber(m.upper, 'zh-CN')}` : ''
  return `${zhPrefix[m.comparator] ?? ''}${formatNumber(m.value, 'zh-CN')}${range}${m.scale ?? ''}${m.unit}${
    zhSuffix[m.comparator] ?? ''
  }`
}

/**
 * huibao's English words for the units these reports use. An empty word drops the unit: Chinese
 * measure words (个, 家, 项) only count, and the metric's label says what is counted. Units missing
 * here are kept in Chinese after the number. A unit means what its report says it means (户 is a
 * household in one report and a market entity in another), so a report's locales/en.yaml may give
 * its own word under `units:` (src/merge/unit-words.ts), and a figure its own `unitText`.
 */
const enUnits: Record<string, string> = {
  '': '',
  个: '',
  家: '',
  项: '',
  所: '',
  座: '',
  条: '',
  处: '',
  批: '',
  只: '',
  件: '',
  台: '',
  张: '',
  人: 'people',
  名: 'people',
  位: 'people',
  人次: 'visits',
  户: 'households',
  套: 'units',
  间: 'rooms',
  班: 'trips',
  头: 'head',
  部: '',
  场: 'performances',
  床: 'beds',
  辆: 'vehicles',
  平方米: 'square metres',
  平方公里: 'km²',
  公里: 'km',
  千米: 'km',
  米: 'm',
  亩: 'mu',
  公顷: 'hectares',
  吨: 'tonnes',
  斤: 'jin',
  公斤: 'kg',
  立方米: 'cubic metres',
  千瓦: 'kW',
  千瓦时: 'kWh',
  兆瓦: 'MW',
  年: 'years',
  天: 'days',
  小时: 'hours',
  倍: 'times',
  个百分点: 'percentage points',
  标箱: 'TEU',
}

/** English unit text with its leading space (or none for %), and whether the unit is money. */
function enUnit(unit: string): { text: string; money: boolean } {
  if (unit === '元') return { text: '', money: true }
  if (unit === '%') return { text: '%', money: false }
  const word = enUnits[unit]
  if (word === undefined) return { text: ` ${unit}`, money: false }
  return { text: word ? ` ${word}` : '', money: false }
}

/**
 * Scales an amount for English: 240亿 is 24 billion, 1.5万 is 15,000. Returns the numbers and the
 * magnitude word shared by both ends of a range (chosen by the larger end).
 */
function enAmounts(values: number[], scale: Metric['scale']): { numbers: string[]; magnitude: string } {
  const factor = scale ? scaleFactor[scale] : 1
  const totals = values.map((v) => clean(v * factor))
  const largest = Math.max(...totals.map(Math.abs))
  const [divisor, magnitude] =
    largest >= 1e12
      ? [1e12, ' trillion']
      : largest >= 1e9
        ? [1e9, ' billion']
        : largest >= 1e6
          ? [1e6, ' million']
          : [1, '']
  return { numbers: totals.map((t) => formatNumber(t / divisor, 'en')), magnitude }
}

/** The unit of a metric in English: its own unitText (from the locale's units table) before ours. */
function enUnitOf(m: Metric): { text: string; money: boolean } {
  const unit = enUnit(m.unit)
  if (m.unitText === undefined || unit.money || m.unit === '%') return unit
  return { text: m.unitText ? ` ${m.unitText}` : '', money: false }
}

function formatEn(m: Metric): string {
  const isRange = m.comparator === 'range' && m.upper !== undefined
  const { numbers, magnitude } = enAmounts(isRange ? [m.value, m.upper as number] : [m.value], m.scale)
  const unit = enUnitOf(m)
  const amount = isRange ? `${numbers[0]} to ${numbers[1]}` : (numbers[0] as string)
  const figure = `${unit.money ? 'RMB ' : ''}${amount}${magnitude}${unit.text}`
  switch (m.comparator) {
    case 'at-least':
      return `${figure} or more`
    case 'not-less-than':
      return `at least ${figure}`
    case 'about':
      return `about ${figure}`
    case 'within':
      return `within ${figure}`
    default:
      return figure
  }
}

/** The figure of a metric as text: "7.5%以上" / "7.5% or more". */
export function formatMetric(metric: Metric, locale: Locale): string {
  return locale === 'en' ? formatEn(metric) : formatZh(metric)
}

const zhDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/**
 * Other ways the Chinese text may write the same figure: small whole numbers in Chinese numerals
 * ("两个", "三至五个"). Validation accepts these besides formatMetric's form.
 */
export function zhAlternativeFigures(metric: Metric): string[] {
  const numeral = (n: number): string[] => {
    if (!Number.isInteger(n) || n < 1 || n > 10) return []
    const forms = [zhDigits[n] as string]
    if (n === 2) forms.push('两')
    return forms
  }
  const lows = numeral(metric.value)
  if (lows.length === 0) return []
  const highs = metric.comparator === 'range' && metric.upper !== undefined ? numeral(metric.upper) : ['']
  const out: string[] = []
  for (const low of lows) {
    for (const high of highs) {
      const range = high ? `至${high}` : ''
      out.push(
        `${zhPrefix[metric.comparator] ?? ''}${low}${range}${metric.scale ?? ''}${metric.unit}${
          zhSuffix[metric.comparator] ?? ''
        }`,
      )
    }
  }
  return out
}
