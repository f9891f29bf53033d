import { describe, expect, it } from 'vitest';
import { targetStatus, type MetricPoint, type StatusTarget } from '../../src/lib/status/target-status.ts';

const point = (period: string, value: number | null, numerator: number | null = null, denominator: number | null = null, suppressed = false): MetricPoint => ({ period, value, numerator, denominator, suppressed });
const ningxia: StatusTarget = { id: 'ningxia-2020-migrant', metric: 'migrant_enrollment_rate', comparator: { type: 'at_least', value: 0.55 }, baseline: '2019-12-31', deadline: '2020-12-31' };
const series = [point('2018-12-31', 0.34), point('2019-12-31', 0.365), point('2020-03-31', 0.405), point('2020-06-30', 0.445), point('2020-09-30', 0.49), point('2020-12-31', 0.523), point('2021-12-31', 0.56)];

describe('targetStatus', () => {
  const rows = targetStatus(ningxia, '640000', series, 'rate');
  const at = (period: string) => rows.find((r) => r.period === period)!;

  it('starts at the baseline', () => {
    expect(rows.map((r) => r.period)).toEqual(['2019-12-31', '2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31', '2021-12-31']);
  });

  it('compares the value with the straight path to the target before the deadline', () => {
    // Expected on 2020-06-30: 0.365 + (0.55 − 0.365) × 182/366 ≈ 0.457; progress 0.08 of 0.092 due: 87% → at risk.
    expect(at('2020-06-30').expected).toBeCloseTo(0.365 + 0.185 * (182 / 366), 6);
    expect(at('2020-06-30').status).toBe('at_risk');
    expect(at('2020-06-30').gap).toBeCloseTo(10.5, 6);
    expect(at('2020-03-31').status).toBe('at_risk');
    const fast = targetStatus(ningxia, '640000', [point('2019-12-31', 0.365), point('2020-03-31', 0.42), point('2020-06-30', 0.39)], 'rate');
    expect(fast.map((r) => r.status)).toEqual(['on_track', 'on_track', 'off_track']);
  });

  it('projects the recent trend to the deadline', () => {
    expect(at('2020-09-30').projected).toBeGreaterThan(0.52);
    expect(at('2020-09-30').projected).toBeLessThan(0.56);
  });

  it('says missed by N points at the deadline, and where it stands now afterwards', () => {
    expect(at('2020-12-31')).toMatchObject({ status: 'missed', deadline_value: 0.523, first_met: null });
    expect(at('2020-12-31').deadline_gap).toBeCloseTo(2.7, 6);
    expect(at('2021-12-31')).toMatchObject({ status: 'missed', value: 0.56, deadline_value: 0.523 });
    expect(at('2021-12-31').gap).toBeCloseTo(-1, 6);
  });

  it('records the first period a target was met', () => {
    const met = targetStatus({ ...ningxia, comparator: { type: 'at_least', value: 0.44 } }, '640000', series, 'rate');
    expect(met.find((r) => r.period === '2020-12-31')).toMatchObject({ status: 'met', first_met: '2020-06-30' });
    expect(met.find((r) => r.period === '2020-06-30')!.status).toBe('on_track');
  });

  it('judges full coverage, with the enterprises still to fix as the published cell states them', () => {
    const hebei: StatusTarget = { id: 'hebei', metric: 'coverage_100plus_nonpublic', comparator: { type: 'all' }, baseline: '2018-09-30', deadline: '2018-11-30' };
    const rows = targetStatus(hebei, '130000', [point('2018-09-30', 0.6, 60, 100), point('2018-11-30', 0.96, 96, 100), point('2018-12-31', 0.98, 98, 100)], 'rate');
    // 100 − 96: the difference of two published numbers, so shown even when small.
    expect(rows[1]).toMatchObject({ status: 'missed', target_value: 1, still_to_fix: 4 });
    expect(rows[0]).toMatchObject({ still_to_fix: 40 });
    expect(rows[1]!.deadline_gap).toBeCloseTo(4, 6);
  });

  it('judges standing requirements at every period, and yearly increases', () => {
    const rule: StatusTarget = { id: 'rule', metric: 'timely_founding_rate', comparator: { type: 'all' }, baseline: '2013-09-05', deadline: null };
    expect(targetStatus(rule, '330600', [point('2013-12-31', 1, 10, 10), point('2014-12-31', 0.9, 9, 10)], 'rate').map((r) => r.status)).toEqual(['compliant', 'not_compliant']);
    const grow: StatusTarget = { id: 'grow', metric: 'new_unions', comparator: { type: 'increase' }, baseline: '2013-12-31', deadline: null };
    const counts = targetStatus(grow, '330600', [point('2013-12-31', 10), point('2014-12-31', 12), point('2015-12-31', 12)], 'count');
    expect(counts.map((r) => [r.status, r.target_value])).toEqual([['no_data', null], ['compliant', 10], ['not_compliant', 12]]);
  });

  it('shows suppressed and tracked values without judging them', () => {
    expect(targetStatus(ningxia, '640104', [point('2020-12-31', null, null, null, true)], 'rate')[0]!.status).toBe('suppressed');
    expect(targetStatus({ ...ningxia, comparator: { type: 'tracked' } }, '640000', series, 'rate').every((r) => r.status === 'tracked')).toBe(true);
  });
});
