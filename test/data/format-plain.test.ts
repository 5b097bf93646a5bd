// Figures are written without Intl when JavaScript's own digits (with commas in English) are what
// Intl would write; the two must never differ, whatever the number.
import { describe, expect, it } from 'vitest'
import { formatNumber } from '../../src/i18n/figures.js'

const intl = {
  'zh-CN': new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 10, useGrouping: false }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 10, useGrouping: true }),
}
const clean = (v: number) => Number(v.toPrecision(12))

describe('formatNumber', () => {
  it('writes what Intl writes, for figures as reports state them and for awkward numbers', () => {
    const values = [
      0,
      1,
      -3.5,
      7.5,
      240,
      1.3,
      63.8 * 1e4,
      0.1 + 0.2,
      1e21,
      1e-7,
      123456789.123,
      0.00123456789012,
      2 ** 53,
    ]
    // A fixed pseudo-random walk over many magnitudes, so that the test is the same on every run.
    let seed = 7
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 16807) % 2147483647
      values.push((seed / 2147483647 - 0.3) * 10 ** ((i % 30) - 12))
    }
    for (const locale of ['zh-CN', 'en'] as const)
      for (const v of values)
        expect(formatNumber(v, locale), `${locale} ${v}`).toBe(intl[locale].format(clean(v)))
  })
})
