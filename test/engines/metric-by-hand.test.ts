import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { compileMetric } from '../../src/lib/metrics/compile-metric.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { ingestInto } from '../helpers/ingest-into.ts';
import { nativeEngine, type TestEngine } from '../helpers/engines.ts';

const dir = 'test/fixtures/submissions/metrics-small';
type Row = Record<string, string>;
const read = (file: string) => parse(readFileSync(`${dir}/${file}`), { columns: true }) as Row[];
const enterprises = read('enterprises.csv').filter((r) => r.status === 'operating');
const groups = read('groups.csv');
const members = read('members.csv');
const reported = read('reported.csv');
const periods = [...new Set([...enterprises, ...groups, ...reported].map((r) => r.period!))].sort();

/** The same date one year earlier (dates in the fixture avoid 29 February). */
const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
const yearAfter = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
/** The regions a county-level (or higher) code counts in, in the fixture's province (no municipalities). */
function regionsOf(code: string): string[] {
  const prefecture = `${code.slice(0, 4)}00`;
  const province = `${code.slice(0, 2)}0000`;
  if (code === province) return [province];
  if (code === prefecture) return [prefecture, province];
  return [code, prefecture, province];
}
const NONPUBLIC = ['private', 'individual', 'hmt', 'foreign'];
const hasUnion = (r: Row) => r.union_form !== 'none';
const n = (v: string | undefined) => Number(v ?? 0);

interface Sums { numerator: number; denominator: number | null }
type ByHand = (period: string) => Map<string, Sums>;

/** Adds up, for one period, a numerator and denominator per region over the rows that count. */
function tally(rows: Row[], include: (r: Row) => boolean, num: (r: Row) => number, den: ((r: Row) => number) | null): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const r of rows) {
    if (!include(r)) continue;
    for (const region of regionsOf(r.region_code!)) {
      const s = out.get(region) ?? { numerator: 0, denominator: den === null ? null : 0 };
      s.numerator += num(r);
      if (den !== null) s.denominator! += den(r);
      out.set(region, s);
    }
  }
  return out;
}

const byHand: Record<string, ByHand> = {
  migrant_enrollment_rate: (p) => tally(enterprises, (r) => r.period === p, (r) => n(r.migrant_members), (r) => n(r.migrant_workers)),
  migrant_enrollment_rate_unionized: (p) =>
    tally(enterprises, (r) => r.period === p && hasUnion(r), (r) => n(r.migrant_members), (r) => n(r.migrant_workers)),
  member_rate_unionized: (p) => tally(enterprises, (r) => r.period === p && hasUnion(r), (r) => n(r.members), (r) => n(r.employees)),
  coverage_50plus: (p) => tally(enterprises, (r) => r.period === p && n(r.employees) >= 50, (r) => (hasUnion(r) ? 1 : 0), () => 1),
  coverage_100plus_nonpublic: (p) =>
    tally(enterprises, (r) => r.period === p && n(r.employees) >= 100 && NONPUBLIC.includes(r.ownership!), (r) => (hasUnion(r) ? 1 : 0), () => 1),
  reason_recorded_rate: (p) =>
    tally(enterprises, (r) => r.period === p && n(r.employees) >= 100 && NONPUBLIC.includes(r.ownership!) && !hasUnion(r), (r) => (r.no_union_reason ? 1 : 0), () => 1),
  timely_founding_rate: (p) =>
    tally(enterprises, (r) => r.period === p && r.founded_on !== '' && r.founded_on! <= yearBefore(p), (r) => (hasUnion(r) && r.union_founded_on! <= yearAfter(r.founded_on!) ? 1 : 0), () => 1),
  timely_founding_rate_since_2013: (p) =>
    tally(enterprises, (r) => r.period === p && r.founded_on !== '' && r.founded_on! >= '2013-09-05' && r.founded_on! <= yearBefore(p), (r) => (hasUnion(r) && r.union_founded_on! <= yearAfter(r.founded_on!) ? 1 : 0), () => 1),
  new_unions: (p) => tally(enterprises, (r) => r.period === p && hasUnion(r) && r.union_founded_on! > yearBefore(p), () => 1, null),
  group_enrollment_rate: (p) => tally(groups, (r) => r.period === p, (r) => n(r.members), (r) => n(r.workers)),
  online_join_share: (p) => tally(members, (r) => r.joined_on! > yearBefore(p) && r.joined_on! <= p, (r) => (r.channel === 'online' ? 1 : 0), () => 1),
  out_of_enterprise_members: (p) =>
    tally(members, (r) => r.joined_on! <= p && (r.left_on === '' || r.left_on! > p) && r.affiliation === 'out_of_enterprise', () => 1, null),
  reported_model_home_demo: (p) => tally(reported, (r) => r.period === p && r.indicator === 'model_home_demo', (r) => n(r.value), null),
};

describe('metrics recomputed by hand from the fixture rows agree with the SQL', () => {
  let native: TestEngine;
  const metrics = loadMetrics();
  beforeAll(async () => {
    native = await nativeEngine((await ingestInto(dir)).db);
  });
  afterAll(() => native?.close());

  it.each(Object.keys(byHand))('%s', async (id) => {
    const rows = await native.query(compileMetric(metrics.get(id)!, { breakdowns: [] }));
    let compared = 0;
    for (const period of periods) {
      const expected = byHand[id]!(period);
      // SQL keeps a count of nothing as 0 for every region with rows; by hand, such regions have no entry.
      const got = new Map(rows.filter((r) => r.period === period && !(r.denominator === null && r.numerator === 0 && !expected.has(r.region as string))).map((r) => [r.region as string, r]));
      expect([...got.keys()].sort(), `${id} ${period} regions`).toEqual([...expected.keys()].sort());
      for (const [region, sums] of expected) {
        expect({ numerator: got.get(region)!.numerator, denominator: got.get(region)!.denominator }, `${id} ${period} ${region}`).toEqual(sums);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1);
  });
});
