/**
 * How the pages show published values (src/lib/site-values.ts) and the value formatters
 * added to the formatting module for them (formatValue, formatGap, formatBytes).
 */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatGap, formatValue } from '../../src/lib/format.ts';
import type { StatusRow, TargetDefinition } from '../../src/lib/contract/published.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import {
  categoryName,
  deadlineVerdict,
  showNeeded,
  neededLabel,
  showValue,
  statusInSentence,
  stillToFixLabel,
  targetText,
} from '../../src/lib/site-values.ts';

const row = (over: Partial<StatusRow>): StatusRow => ({
  target: 't',
  metric: 'coverage_50plus',
  headline: true,
  region: '640000',
  period: '2020-12-31',
  value: 0.9,
  target_value: 1,
  gap: 10,
  needed_to_meet: 12,
  expected: null,
  projected: null,
  judged_period: null,
  judged_value: null,
  judged_gap: null,
  progress: null,
  first_met: null,
  status: 'off_track',
  ...over,
});

describe('formatValue, formatGap, formatBytes', () => {
  it('formats rates as percents and counts as numbers', () => {
    expect(formatValue('zh-CN', 0.523, 'rate')).toBe('52.3%');
    expect(formatValue('en', 0.5, 'rate', { fixed: true })).toBe('50.0%');
    expect(formatValue('zh-CN', 12345, 'count')).toBe('12,345');
    expect(formatValue('zh-CN', 12345, 'count', { compact: true })).toBe('1.2万');
    expect(formatValue('en', 1_234_567, 'count', { compact: true })).toBe('1.2 million');
    expect(formatValue('en', null, 'rate')).toBe('—');
  });

  it('formats gaps in points for rates and in units for counts', () => {
    expect(formatGap('zh-CN', 2.7, 'rate')).toBe('2.7个百分点');
    expect(formatGap('en', 2.7, 'rate')).toBe('2.7 percentage points');
    expect(formatGap('en', 9, 'count')).toBe('9');
    expect(formatGap('en', 9, 'count', { signed: true })).toBe('+9');
  });

  it('formats file sizes', () => {
    expect(formatBytes('en', 512)).toBe('512 B');
    expect(formatBytes('en', 56_216)).toBe('54.9 KB');
    expect(formatBytes('zh-CN', 1_648_842)).toBe('1.6 MB');
    expect(formatBytes('en', null)).toBe('—');
  });
});

describe('published values on the pages', () => {
  it('shows suppressed values as not published, absent ones as a dash', () => {
    expect(showValue('zh-CN', { value: null, suppressed: true }, 'rate')).toBe('不予公布');
    expect(showValue('en', { value: null, suppressed: true }, 'rate')).toBe('not published');
    expect(showValue('en', undefined, 'rate')).toBe('—');
    expect(showValue('en', { value: 0.25, suppressed: false }, 'rate')).toBe('25.0%');
  });

  it('shows what is needed to meet with its cell: small counts too, nothing for a withheld cell', () => {
    expect(showNeeded('en', row({ needed_to_meet: 3 }))).toBe('3');
    expect(showNeeded('zh-CN', row({ status: 'suppressed', needed_to_meet: null }))).toBe('不予公布');
    expect(showNeeded('en', row({}))).toBe('12');
    expect(showNeeded('en', row({ needed_to_meet: 1234 }))).toBe('1,234');
  });

  it('says what needed-to-meet counts: the units without for full coverage, the numerator to add for a level', () => {
    const migrant = { id: 'migrant_enrollment_rate', unit: 'rate', numerator: 'migrant_members', label: { zh: '农民工入会率', en: 'Migrant-worker enrollment rate' } } as MetricDefinition;
    expect(neededLabel('en', { type: 'at_least', value: 0.55 }, migrant)).toBe('More migrant-worker members needed to meet the target');
    expect(neededLabel('zh-CN', { type: 'at_least', value: 0.55 }, migrant)).toBe('达标还需增加的农民工会员人数');
    const coverage = {
      id: 'coverage_50plus',
      unit: 'rate',
      numerator: 'unionized',
      label: { zh: 'x', en: 'x' },
      still_lacks: { zh: '尚未建会的50人以上企业', en: 'Enterprises of 50+ employees still without a union' },
    } as MetricDefinition;
    expect(neededLabel('zh-CN', { type: 'all' }, coverage)).toBe('尚未建会的50人以上企业');
  });

  it('says targets, statuses, groups and what is missing in words', () => {
    expect(targetText('zh-CN', { type: 'at_least', value: 0.55 }, 'rate')).toBe('不低于55%');
    expect(targetText('en', { type: 'between', min: 10, max: 20 }, 'count')).toBe('10 to 20');
    expect(targetText('en', { type: 'all' }, 'rate')).toBe('all (100%)');
    expect(statusInSentence('en', 'not_compliant')).toBe('not compliant');
    expect(statusInSentence('zh-CN', 'not_compliant')).toBe('不符合要求');
    expect(categoryName('zh-CN', 'group', 'courier')).toBe('快递员');
    expect(categoryName('en', 'group', 'other')).toMatch(/^Other/);
    const lacking = { id: 'r', unit: 'rate', still_lacks: { zh: '尚未入会的职工', en: 'Employees not yet members' } } as MetricDefinition;
    expect(stillToFixLabel('zh-CN', lacking)).toBe('尚未入会的职工');
    expect(stillToFixLabel('en', lacking)).toBe('Employees not yet members');
    expect(() => stillToFixLabel('en', { id: 'no_words', unit: 'rate' } as MetricDefinition)).toThrow(/no_words has no still_lacks/);
  });

  it('reads the verdict at the deadline from the first row on or after it', () => {
    const target = { deadline: '2020-12-31' } as TargetDefinition;
    const rows = [
      row({ period: '2020-06-30', status: 'at_risk' }),
      row({ period: '2020-12-31', status: 'missed', judged_period: '2020-12-31', judged_value: 0.538, judged_gap: 1.2 }),
      row({ period: '2021-12-31', status: 'missed', judged_period: '2020-12-31', judged_value: 0.538, judged_gap: 1.2, value: 0.56 }),
    ];
    expect(deadlineVerdict(target, rows)).toEqual({ period: '2020-12-31', value: 0.538, gap: 1.2, status: 'missed' });
    expect(deadlineVerdict({ deadline: null } as TargetDefinition, rows)).toBeUndefined();
    expect(deadlineVerdict({ deadline: '2030-12-31' } as TargetDefinition, rows)).toBeUndefined();
  });

  it('gives a tracked requirement the value of its row at the deadline (nothing is judged)', () => {
    const target = { deadline: '2020-12-31' } as TargetDefinition;
    const rows = [
      row({ period: '2019-12-31', status: 'baseline', value: 0.7 }),
      row({ period: '2020-12-31', status: 'tracked', value: 0.824 }),
      row({ period: '2021-12-31', status: 'tracked', value: 0.83 }),
    ];
    expect(deadlineVerdict(target, rows)).toEqual({ period: '2020-12-31', value: 0.824, gap: null, status: 'tracked' });
  });
});
