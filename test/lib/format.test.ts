import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatCompact,
  formatCount,
  formatDate,
  formatDateRange,
  formatNumber,
  formatPercent,
  formatPoints,
  parseIsoDate,
} from '../../src/lib/format.ts';

describe('formatNumber', () => {
  it('groups digits in both locales', () => {
    expect(formatNumber('zh-CN', 350000)).toBe('350,000');
    expect(formatNumber('en', 350000)).toBe('350,000');
    expect(formatNumber('en', 0)).toBe('0');
  });
  it('rounds to the requested digits', () => {
    expect(formatNumber('en', 1234.567, { digits: 1 })).toBe('1,234.6');
    expect(formatNumber('en', 2, { digits: 2, fixed: true })).toBe('2.00');
    expect(formatNumber('en', 1234.567)).toBe('1,235');
  });
  it('prints missing values as a dash', () => {
    expect(formatNumber('en', null)).toBe(MISSING);
    expect(formatNumber('zh-CN', undefined)).toBe(MISSING);
    expect(formatNumber('zh-CN', Number.NaN)).toBe(MISSING);
    expect(formatNumber('en', Number.POSITIVE_INFINITY)).toBe(MISSING);
  });
});

describe('formatCount', () => {
  it('writes counts in running text with 万 in Chinese, in full in English', () => {
    expect(formatCount('zh-CN', 712_796)).toBe('71.3万');
    expect(formatCount('zh-CN', 376_200)).toBe('37.6万');
    expect(formatCount('zh-CN', 9_999)).toBe('9,999');
    expect(formatCount('en', 712_796)).toBe('712,796');
  });
});

describe('formatCompact', () => {
  it('uses 万 and 亿 in Chinese', () => {
    expect(formatCompact('zh-CN', 12000)).toBe('1.2万');
    expect(formatCompact('zh-CN', 350000)).toBe('35万');
    expect(formatCompact('zh-CN', 350_000_000)).toBe('3.5亿');
    expect(formatCompact('zh-CN', 123_456_789)).toBe('1.2亿');
    expect(formatCompact('zh-CN', 1.2e12)).toBe('1.2万亿');
  });
  it('writes Chinese numbers under 10,000 in full', () => {
    expect(formatCompact('zh-CN', 9999)).toBe('9,999');
    expect(formatCompact('zh-CN', 25)).toBe('25');
  });
  it('uses words from one million in English', () => {
    expect(formatCompact('en', 1_200_000)).toBe('1.2 million');
    expect(formatCompact('en', 3_500_000_000)).toBe('3.5 billion');
    expect(formatCompact('en', 286_520_000)).toBe('286.5 million');
  });
  it('writes English numbers under one million in full', () => {
    expect(formatCompact('en', 350_000)).toBe('350,000');
    expect(formatCompact('en', 999_999)).toBe('999,999');
  });
  it('handles negatives and missing values', () => {
    expect(formatCompact('zh-CN', -25_000)).toBe('-2.5万');
    expect(formatCompact('en', -2_500_000)).toBe('-2.5 million');
    expect(formatCompact('en', null)).toBe(MISSING);
  });
  it('respects digits', () => {
    expect(formatCompact('zh-CN', 12_345, { digits: 2 })).toBe('1.23万');
    expect(formatCompact('en', 2_000_000, { digits: 1, fixed: true })).toBe('2.0 million');
  });
});

describe('formatPercent', () => {
  it('shows ratios as percents', () => {
    expect(formatPercent('zh-CN', 0.553)).toBe('55.3%');
    expect(formatPercent('en', 0.55)).toBe('55%');
    expect(formatPercent('en', 0.55, { fixed: true })).toBe('55.0%');
    expect(formatPercent('en', 1)).toBe('100%');
    expect(formatPercent('en', 0.12345, { digits: 2 })).toBe('12.35%');
  });
  it('prints missing values as a dash', () => {
    expect(formatPercent('zh-CN', null)).toBe(MISSING);
  });
});

describe('formatPoints', () => {
  it('writes Chinese percentage points', () => {
    expect(formatPoints('zh-CN', 2.1)).toBe('+2.1个百分点');
    expect(formatPoints('zh-CN', -0.5)).toBe('-0.5个百分点');
    expect(formatPoints('zh-CN', 0)).toBe('0个百分点');
  });
  it('writes English percentage points, long and short', () => {
    expect(formatPoints('en', 2.1)).toBe('+2.1 percentage points');
    expect(formatPoints('en', -0.5)).toBe('-0.5 percentage points');
    expect(formatPoints('en', 1)).toBe('+1 percentage point');
    expect(formatPoints('en', 0.2, { style: 'short' })).toBe('+0.2 pp');
  });
  it('can drop the sign', () => {
    expect(formatPoints('en', 2.1, { signed: false })).toBe('2.1 percentage points');
  });
  it('prints missing values as a dash', () => {
    expect(formatPoints('en', undefined)).toBe(MISSING);
  });
});

describe('formatDate', () => {
  it('formats full dates', () => {
    expect(formatDate('zh-CN', '2020-12-31')).toBe('2020年12月31日');
    expect(formatDate('en', '2020-12-31')).toBe('31 Dec 2020');
    expect(formatDate('en', '2018-09-21')).toBe('21 Sep 2018');
    expect(formatDate('zh-CN', '2013-09-05')).toBe('2013年9月5日');
  });
  it('keeps the precision of the input', () => {
    expect(formatDate('zh-CN', '2020-05')).toBe('2020年5月');
    expect(formatDate('en', '2020-05')).toBe('May 2020');
    expect(formatDate('zh-CN', '2017')).toBe('2017年');
    expect(formatDate('en', '2017')).toBe('2017');
  });
  it('takes the date part of a timestamp as written', () => {
    expect(formatDate('en', '2026-11-21T23:30:00Z')).toBe('21 Nov 2026');
    expect(formatDate('zh-CN', '2026-01-01T00:00:00+08:00')).toBe('2026年1月1日');
  });
  it('is independent of the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Honolulu';
      expect(formatDate('en', '2020-01-01')).toBe('1 Jan 2020');
      process.env.TZ = 'Asia/Shanghai';
      expect(formatDate('zh-CN', '2020-12-31')).toBe('2020年12月31日');
    } finally {
      process.env.TZ = saved;
    }
  });
  it('prints missing values as a dash and rejects non-dates', () => {
    expect(formatDate('en', null)).toBe(MISSING);
    expect(formatDate('en', '')).toBe(MISSING);
    expect(() => formatDate('en', '31/12/2020')).toThrow(/not an ISO date/);
    expect(() => formatDate('en', '2021-02-29')).toThrow(/day out of range/);
    expect(() => formatDate('en', '2021-13-01')).toThrow(/month out of range/);
  });
  it('formats ranges', () => {
    expect(formatDateRange('zh-CN', '2012-12-31', '2024-12-31')).toBe(
      '2012年12月31日至2024年12月31日',
    );
    expect(formatDateRange('en', '2012-12-31', '2024-12-31')).toBe('31 Dec 2012 – 31 Dec 2024');
  });
});

describe('parseIsoDate', () => {
  it('accepts leap days', () => {
    expect(parseIsoDate('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29, precision: 'day' });
  });
});
