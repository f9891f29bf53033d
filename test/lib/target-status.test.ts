import { describe, expect, it } from 'vitest';
import { targetStatus, type MetricPoint, type StatusMetric, type StatusTarget } from '../../src/lib/status/target-status.ts';
import { neededToMeet } from '../../src/lib/status/needed-to-meet.ts';
import { annualGrowth, limitCoefficient, trendClass } from '../../src/lib/status/trend-progress.ts';

const point = (period: string, value: number | null, numerator: number | null = null, denominator: number | null = null, suppressed = false): MetricPoint => ({ period, value, numerator, denominator, suppressed });
const rate: StatusMetric = { unit: 'rate', accumulation: 'stock' };
const count: StatusMetric = { unit: 'count', accumulation: 'stock' };
const yearCount: StatusMetric = { unit: 'count', accumulation: 'year' };
const ningxia: StatusTarget = { id: 'ningxia-2020-migrant', metric: 'migrant_enrollment_rate', comparator: { type: 'at_least', value: 0.55 }, baseline: '2019-12-31', deadline: '2020-12-31' };
const series = [point('2018-12-31', 0.34), point('2019-12-31', 0.365), point('2020-03-31', 0.405), point('2020-06-30', 0.445), point('2020-09-30', 0.49), point('2020-12-31', 0.523), point('2021-12-31', 0.56)];

describe('targetStatus: a level by a deadline', () => {
  const rows = targetStatus(ningxia, '640000', series, rate);
  const at = (period: string) => rows.find((r) => r.period === period)!;

  it('starts at the baseline, which has no status', () => {
    expect(rows.map((r) => r.period)).toEqual(['2019-12-31', '2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31', '2021-12-31']);
    expect(at('2019-12-31')).toMatchObject({ status: 'baseline', judged_period: null, judged_value: null, progress: null });
  });

  it('compares the value with the straight path to the target before the deadline (Open SDG thresholds 95% and 60%)', () => {
    // Expected on 2020-06-30: 0.365 + (0.55 − 0.365) × 182/366 ≈ 0.457; progress 0.08 of 0.092 due: 87% → at risk.
    expect(at('2020-06-30').expected).toBeCloseTo(0.365 + 0.185 * (182 / 366), 6);
    expect(at('2020-06-30')).toMatchObject({ status: 'at_risk', judged_period: '2020-06-30', judged_value: 0.445 });
    expect(at('2020-06-30').progress).toBeCloseTo(0.08 / (0.185 * (182 / 366)), 5);
    expect(at('2020-06-30').gap).toBeCloseTo(10.5, 6);
    const fast = targetStatus(ningxia, '640000', [point('2019-12-31', 0.365), point('2020-03-31', 0.42), point('2020-06-30', 0.39)], rate);
    expect(fast.map((r) => r.status)).toEqual(['baseline', 'on_track', 'off_track']);
    // 55% of the change due is below 60%: off track (it was at risk under the old 50% threshold).
    const slow = targetStatus(ningxia, '640000', [point('2019-12-31', 0.365), point('2020-06-30', 0.365 + 0.55 * 0.185 * (182 / 366))], rate);
    expect(slow[1]!.status).toBe('off_track');
  });

  it('judges met or missed on the value at the deadline, and says so beside later values', () => {
    expect(at('2020-12-31')).toMatchObject({ status: 'missed', judged_period: '2020-12-31', judged_value: 0.523, first_met: null });
    expect(at('2020-12-31').judged_gap).toBeCloseTo(2.7, 6);
    // 2021: the value is 56%, above the target, but the verdict is the deadline's.
    expect(at('2021-12-31')).toMatchObject({ status: 'missed', value: 0.56, judged_period: '2020-12-31', judged_value: 0.523 });
    expect(at('2021-12-31').gap).toBeCloseTo(-1, 6);
  });

  it('records the first period a target was met', () => {
    const met = targetStatus({ ...ningxia, comparator: { type: 'at_least', value: 0.44 } }, '640000', series, rate);
    expect(met.find((r) => r.period === '2020-12-31')).toMatchObject({ status: 'met', first_met: '2020-06-30' });
    expect(met.find((r) => r.period === '2020-06-30')!.status).toBe('on_track');
  });

  it('judges full coverage, with the enterprises still without a union as what is needed', () => {
    const hebei: StatusTarget = { id: 'hebei', metric: 'coverage_100plus_nonpublic', comparator: { type: 'all' }, baseline: '2018-09-30', deadline: '2018-11-30' };
    const rows = targetStatus(hebei, '130000', [point('2018-09-30', 0.6, 60, 100), point('2018-11-30', 0.96, 96, 100), point('2018-12-31', 0.98, 98, 100)], rate);
    expect(rows[1]).toMatchObject({ status: 'missed', target_value: 1, needed_to_meet: 4 });
    expect(rows[0]).toMatchObject({ status: 'baseline', needed_to_meet: 40 });
    expect(rows[2]).toMatchObject({ status: 'missed', needed_to_meet: 2, judged_period: '2018-11-30', judged_value: 0.96 });
  });
});

describe('needed to meet', () => {
  it('is the members a rate target still needs, not the non-members (the Ningxia 94)', () => {
    // 55% of 7,630 migrant workers is 4,196.5 members; 4,103 are members: 94 more would have met it.
    const deadline = point('2020-12-31', 4103 / 7630, 4103, 7630);
    expect(neededToMeet({ type: 'at_least', value: 0.55 }, deadline, 'rate')).toBe(94);
    const rows = targetStatus(ningxia, '640000', [point('2019-12-31', 0.36, 2700, 7500), deadline, point('2024-12-31', 0.566, 6139, 10846)], rate);
    expect(rows.map((r) => [r.status, r.needed_to_meet])).toEqual([['baseline', 1425], ['missed', 94], ['missed', 0]]);
  });

  it('is exact where the level is a whole number of units, and withheld with the cell', () => {
    expect(neededToMeet({ type: 'at_least', value: 0.55 }, point('x', 0.5, 100, 200), 'rate')).toBe(10);
    expect(neededToMeet({ type: 'at_least', value: 0.5 }, point('x', 0.5, 100, 200), 'rate')).toBe(0);
    expect(neededToMeet({ type: 'all' }, point('x', null, null, null, true), 'rate')).toBeNull();
    expect(neededToMeet({ type: 'at_least', value: 15 }, point('x', 13), 'count')).toBe(2);
    expect(neededToMeet({ type: 'between', min: 10, max: 20 }, point('x', 21), 'count')).toBeNull();
    expect(neededToMeet({ type: 'increase' }, point('x', 21), 'count')).toBeNull();
  });
});

describe('targetStatus: a count within the year', () => {
  const sites: StatusTarget = { id: 'ningxia-2020-model-home-demo', metric: 'reported_model_home_demo', comparator: { type: 'at_least', value: 15 }, baseline: '2019-12-31', deadline: '2020-12-31' };
  // 2019's own designations (11), then 2020's, year to date, then 2021's own (3).
  const counts = [point('2019-12-31', 11), point('2020-03-31', 2), point('2020-06-30', 6), point('2020-09-30', 10), point('2020-12-31', 13), point('2021-12-31', 3)];
  const rows = targetStatus(sites, '640000', counts, yearCount);
  const at = (period: string) => rows.find((r) => r.period === period)!;

  it('follows a path from 0 at the start of the deadline year, not from last year\'s count', () => {
    // 2020-06-30: 181 of 365 days of the year gone: 15 × 181/365 ≈ 7.44 expected; 6 is 81% of it: at risk.
    expect(at('2020-06-30').expected).toBeCloseTo((15 * 181) / 365, 5);
    expect(at('2020-06-30').status).toBe('at_risk');
    expect(at('2020-09-30').expected).toBeCloseTo((15 * 273) / 365, 5);
    expect(at('2020-09-30').status).toBe('at_risk');
    // The pace so far: 10 in 273 days → 13.4 by the end of the year.
    expect(at('2020-09-30').projected).toBeCloseTo(10 / (273 / 365), 4);
    expect(at('2019-12-31').status).toBe('baseline');
  });

  it('judges the year\'s own count at the deadline, and a later year\'s count does not change it', () => {
    expect(at('2020-12-31')).toMatchObject({ status: 'missed', judged_value: 13, needed_to_meet: 2 });
    expect(at('2021-12-31')).toMatchObject({ status: 'missed', value: 3, judged_period: '2020-12-31', judged_value: 13 });
    // Nor is anything "needed" of a later year's count for a target of 2020.
    expect(at('2021-12-31')).toMatchObject({ gap: null, needed_to_meet: null });
  });

  it('would call a stock of the same numbers on track from the 2019 count', () => {
    // The artefact the year path removes: judged as a stock, 2020's 6 is below 2019's 11.
    const stock = targetStatus(sites, '640000', counts, count);
    expect(stock.find((r) => r.period === '2020-06-30')!.status).toBe('off_track');
  });
});

describe('targetStatus: trend targets (Open SDG without a target value)', () => {
  const guangxi: StatusTarget = { id: 'guangxi-2020-100plus-campaign', metric: 'coverage_100plus_nonpublic', comparator: { type: 'increase' }, baseline: '2019-12-31', deadline: null };

  it('calls a rate falling since the baseline deterioration, even when it rose on the year', () => {
    // Falls about 1.9% a year from 2019; 2023 is a little up on 2022.
    const falling = [point('2019-12-31', 0.8), point('2020-12-31', 0.78), point('2021-12-31', 0.77), point('2022-12-31', 0.75), point('2023-12-31', 0.752)];
    const rows = targetStatus(guangxi, '450000', falling, rate);
    expect(rows.map((r) => r.status)).toEqual(['baseline', 'deterioration', 'deterioration', 'deterioration', 'deterioration']);
    expect(rows[4]!.progress).toBeCloseTo((0.752 / 0.8) ** (1 / 4) - 1, 3);
    expect(rows[4]).toMatchObject({ judged_period: '2023-12-31', judged_value: 0.752, target_value: null, needed_to_meet: null });
  });

  it('classes growth by Open SDG thresholds, shrunk for a rate near 100%', () => {
    expect(trendClass(0.02, 10, 'count')).toBe('substantial_progress');
    expect(trendClass(0.01, 10, 'count')).toBe('moderate_progress');
    expect(trendClass(0.001, 10, 'count')).toBe('limited_progress');
    expect(trendClass(-0.001, 10, 'count')).toBe('deterioration');
    // A rate at 95%: coefficient 1 − 0.95^4.44 ≈ 0.204, so 0.5% a year is substantial.
    expect(limitCoefficient(0.95)).toBeCloseTo(1 - 0.95 ** 4.44, 9);
    expect(trendClass(0.005, 0.95, 'rate')).toBe('substantial_progress');
    expect(trendClass(0, 1, 'rate')).toBe('substantial_progress');
    expect(annualGrowth(100, '2019-12-31', 121, '2021-12-31')).toBeCloseTo(0.1, 3);
    expect(annualGrowth(0, '2019-12-31', 3, '2020-12-31')).toBe(Infinity);
    expect(annualGrowth(5, '2019-12-31', 6, '2019-12-31')).toBeNull();
  });

  it('keeps the class at the deadline when there is one', () => {
    const drive: StatusTarget = { ...guangxi, deadline: '2020-12-31' };
    const rows = targetStatus(drive, '640000', [point('2019-12-31', 0.3), point('2020-12-31', 0.33), point('2021-12-31', 0.2)], rate);
    expect(rows.map((r) => [r.status, r.judged_period])).toEqual([['baseline', null], ['substantial_progress', '2020-12-31'], ['substantial_progress', '2020-12-31']]);
  });
});

describe('targetStatus: standing rules and what is not judged', () => {
  it('judges standing requirements at every period after the baseline', () => {
    const rule: StatusTarget = { id: 'rule', metric: 'timely_founding_rate', comparator: { type: 'all' }, baseline: '2012-12-31', deadline: null };
    const rows = targetStatus(rule, '330600', [point('2012-12-31', 0.9, 9, 10), point('2013-12-31', 1, 10, 10), point('2014-12-31', 0.9, 9, 10)], rate);
    expect(rows.map((r) => r.status)).toEqual(['baseline', 'compliant', 'not_compliant']);
    expect(rows[2]!.needed_to_meet).toBe(1);
  });

  it('shows suppressed and tracked values without judging them', () => {
    expect(targetStatus(ningxia, '640104', [point('2020-12-31', null, null, null, true)], rate)[0]!.status).toBe('suppressed');
    const tracked = targetStatus({ ...ningxia, comparator: { type: 'tracked' } }, '640000', series, rate);
    expect(tracked.every((r) => r.status === 'tracked' && r.judged_period === null && r.needed_to_meet === null)).toBe(true);
  });
});
