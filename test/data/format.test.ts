import { describe, expect, it } from 'vitest'
import type { Metric } from '../../src/data/types.js'
import { formatMetric, formatNumber, zhAlternativeFigures } from '../../src/i18n/figures.js'

function metric(fields: Partial<Metric>): Metric {
  return {
    id: 'm',
    label: 'label',
    value: 1,
    unit: '',
    comparator: 'exact',
    kind: 'level',
    sentence: 's',
    ...fields,
  }
}

describe('formatNumber', () => {
  it('writes Chinese numbers without thousands separators, as the reports do', () => {
    expect(formatNumber(1200, 'zh-CN')).toBe('1200')
    expect(formatNumber(1234567.5, 'zh-CN')).toBe('1234567.5')
    expect(formatNumber(7.5, 'zh-CN')).toBe('7.5')
  })

  it('groups English numbers with commas', () => {
    expect(formatNumber(1200, 'en')).toBe('1,200')
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5')
  })

  it('hides floating-point noise', () => {
    expect(formatNumber(0.1 + 0.2, 'zh-CN')).toBe('0.3')
    expect(formatNumber(63.8 * 1e4, 'en')).toBe('638,000')
  })

  it('keeps negative numbers and zero', () => {
    expect(formatNumber(-3.5, 'zh-CN')).toBe('-3.5')
    expect(formatNumber(0, 'en')).toBe('0')
  })
})

describe('formatMetric in Chinese', () => {
  const cases: [Partial<Metric>, string][] = [
    [{ value: 7.5, unit: '%', comparator: 'at-least' }, '7.5%以上'],
    [{ value: 240, scale: '亿', unit: '元', comparator: 'at-least' }, '240亿元以上'],
    [{ value: 3, upper: 5, unit: '个', comparator: 'range' }, '3至5个'],
    [{ value: 2, unit: '个', comparator: 'not-less-than' }, '不少于2个'],
    [{ value: 4, unit: '%', comparator: 'within' }, '4%以内'],
    [{ value: 10, unit: '个', comparator: 'about' }, '10个左右'],
    [{ value: 63.8, scale: '万', unit: '平方米', comparator: 'exact' }, '63.8万平方米'],
    [{ value: 5, unit: '%', comparator: 'exact' }, '5%'],
    [{ value: 1.5, scale: '万', unit: '套', comparator: 'exact' }, '1.5万套'],
    [{ value: 30, unit: '', comparator: 'exact' }, '30'],
    [{ value: 100, upper: 200, scale: '亿', unit: '元', comparator: 'range' }, '100至200亿元'],
  ]
  it.each(cases)('writes %o as %s', (fields, expected) => {
    expect(formatMetric(metric(fields), 'zh-CN')).toBe(expected)
  })

  it('writes a range without an upper bound as its lower value (validation reports the missing upper)', () => {
    expect(formatMetric(metric({ value: 3, unit: '个', comparator: 'range' }), 'zh-CN')).toBe('3个')
  })
})

describe('formatMetric in English', () => {
  const cases: [Partial<Metric>, string][] = [
    [{ value: 7.5, unit: '%', comparator: 'at-least' }, '7.5% or more'],
    [{ value: 240, scale: '亿', unit: '元', comparator: 'at-least' }, 'RMB 24 billion or more'],
    [{ value: 3, upper: 5, unit: '个', comparator: 'range' }, '3 to 5'],
    [{ value: 2, unit: '个', comparator: 'not-less-than' }, 'at least 2'],
    [{ value: 4, unit: '%', comparator: 'within' }, 'within 4%'],
    [{ value: 10, unit: '个', comparator: 'about' }, 'about 10'],
    [{ value: 63.8, scale: '万', unit: '平方米', comparator: 'exact' }, '638,000 square metres'],
    [{ value: 1.5, scale: '万', unit: '套', comparator: 'exact' }, '15,000 units'],
    [{ value: 1200, scale: '万', unit: '吨', comparator: 'exact' }, '12 million tonnes'],
    [{ value: 5000, scale: '万', unit: '元', comparator: 'exact' }, 'RMB 50 million'],
    [{ value: 800, unit: '元', comparator: 'exact' }, 'RMB 800'],
    [{ value: 100, upper: 200, scale: '亿', unit: '元', comparator: 'range' }, 'RMB 10 to 20 billion'],
    [{ value: 3, upper: 5, scale: '万', unit: '人', comparator: 'range' }, '30,000 to 50,000 people'],
    [{ value: 0.5, unit: '个百分点', comparator: 'exact' }, '0.5 percentage points'],
    [{ value: 5, unit: '家', comparator: 'at-least' }, '5 or more'],
    [{ value: 12, unit: '班', comparator: 'exact' }, '12 trips'],
  ]
  it.each(cases)('writes %o as %s', (fields, expected) => {
    expect(formatMetric(metric(fields), 'en')).toBe(expected)
  })

  it('keeps a unit it has no English word for in Chinese after the number', () => {
    expect(formatMetric(metric({ value: 5, unit: '栋', comparator: 'exact' }), 'en')).toBe('5 栋')
  })
})

describe('zhAlternativeFigures', () => {
  it('offers Chinese numerals for small whole numbers, with 两 for 2', () => {
    expect(zhAlternativeFigures(metric({ value: 2, unit: '个', comparator: 'exact' }))).toEqual([
      '二个',
      '两个',
    ])
    expect(zhAlternativeFigures(metric({ value: 3, upper: 5, unit: '个', comparator: 'range' }))).toEqual([
      '三至五个',
    ])
  })

  it('offers nothing for fractions or large numbers', () => {
    expect(zhAlternativeFigures(metric({ value: 7.5, unit: '%' }))).toEqual([])
    expect(zhAlternativeFigures(metric({ value: 240, unit: '元' }))).toEqual([])
  })
})
