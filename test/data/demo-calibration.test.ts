/**
 * The demo must look like the published figures it is calibrated to (data/demo/README.md) and
 * show the campaign effects the site is built to measure. Runs at scale 0.5 (the Ningxia
 * calibration needs a few hundred Ningxia enterprises; at scale 1 it has ~700).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NINGXIA_2020_TARGETS } from '../../scripts/demo/calibration.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { SIZE_CLASSES, summarizeDemo, type DemoSummary } from '../../scripts/demo/summary.ts';

let dir = '';
let summary: DemoSummary;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-calibration-'));
  await generateDemo({ outDir: dir, scale: 0.5, seed: 20260101 });
  summary = await summarizeDemo(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('enterprise population', () => {
  it('keeps about 12,500 enterprises alive at scale 0.5 (25,000 at scale 1)', () => {
    for (const count of Object.values(summary.alive)) expect(count).toBeGreaterThan(9_000);
    expect(summary.alive['2018']).toBeGreaterThan(11_000);
    expect(summary.alive['2018']).toBeLessThan(14_000);
  });

  it('is skewed: small and micro units are >95% of units and about half of employment (2013 census)', () => {
    expect(summary.smallMicro.units).toBeGreaterThan(0.95);
    expect(summary.smallMicro.employment).toBeGreaterThan(0.4);
    expect(summary.smallMicro.employment).toBeLessThan(0.6);
  });

  it('follows the 2018 census ownership mix (private 84.1%, HMT 0.6%, foreign 0.6%, state 0.4%)', () => {
    expect(summary.ownership['private']).toBeGreaterThan(0.8);
    expect(summary.ownership['private']).toBeLessThan(0.87);
    expect(summary.ownership['state']).toBeLessThan(0.01);
    // Shanghai's extra foreign capital lifts the five-region shares a little above the national 0.6%.
    expect((summary.ownership['hmt'] ?? 0) + (summary.ownership['foreign'] ?? 0)).toBeGreaterThan(0.01);
    expect((summary.ownership['hmt'] ?? 0) + (summary.ownership['foreign'] ?? 0)).toBeLessThan(0.04);
  });

  it('puts employment and migrant workers where the census and NBS put them', () => {
    expect(summary.industryEmployment['C']).toBeGreaterThan(0.22); // manufacturing 27.3%
    expect(summary.industryEmployment['E']).toBeGreaterThan(0.11); // construction 15.2%
    expect(summary.migrantIndustry['C']).toBeGreaterThan(0.22); // manufacturing 27.5% of migrants
    expect(summary.migrantIndustry['E']).toBeGreaterThan(0.12); // construction 15.4%
    expect(summary.womenShare).toBeGreaterThan(0.33); // 37.7% of legal-unit employment
    expect(summary.womenShare).toBeLessThan(0.42);
  });
});

describe('unions', () => {
  it('cover more of the large enterprises than of the small ones', () => {
    for (const year of ['2012', '2024']) {
      const bySize = summary.coverageBySize[year] ?? {};
      const rates = SIZE_CLASSES.map(([lo, hi]) => bySize[hi === Infinity ? `${lo}+` : `${lo}-${hi}`] ?? Number.NaN);
      for (let i = 1; i < rates.length; i++) expect(rates[i], `${year} size class ${i}`).toBeGreaterThan(rates[i - 1] ?? 1);
    }
  });

  it('cover a minority of units but a majority of workers (2004 census: 22.6% / 57.8%)', () => {
    const y2012 = summary.byYear['2012'];
    expect(y2012?.units).toBeGreaterThan(0.14);
    expect(y2012?.units).toBeLessThan(0.3);
    expect(y2012?.workers).toBeGreaterThan(0.48);
    expect(y2012?.workers).toBeLessThan(0.62);
  });

  it('give a member density near ILOSTAT (41.2% in 2012, 44.3% in 2017), rising', () => {
    const d2012 = summary.byYear['2012']?.density ?? 0;
    const d2017 = summary.byYear['2017']?.density ?? 0;
    expect(d2012).toBeGreaterThan(0.38);
    expect(d2012).toBeLessThan(0.45);
    expect(d2017).toBeGreaterThan(0.41);
    expect(d2017).toBeLessThan(0.48);
    expect(d2017).toBeGreaterThan(d2012);
  });

  it('enroll about 80% of the staff of unionized enterprises (federation 入会率)', () => {
    for (const { enrollment } of Object.values(summary.byYear)) {
      expect(enrollment).toBeGreaterThan(0.75);
      expect(enrollment).toBeLessThan(0.85);
    }
  });

  it('use joint committees below 25 members, women committees and full-time chairs where due', () => {
    expect(summary.jointShare.under25).toBeGreaterThan(0.7);
    expect(summary.jointShare.atLeast25).toBeLessThan(0.1);
    expect(summary.womenCommittee).toBeGreaterThan(0.6);
    expect(summary.fulltimeChair.other).toBeGreaterThan(0.5);
    expect(summary.fulltimeChair.shaoxing).toBeGreaterThan(summary.fulltimeChair.other);
  });

  it('are founded on time more often in Shaoxing after its 2013 opinions', () => {
    const before = ['2010', '2011', '2012'].map((y) => summary.shaoxingTimely[y] ?? 0);
    const after = ['2016', '2017', '2018', '2019'].map((y) => summary.shaoxingTimely[y] ?? 0);
    expect(Math.min(...after)).toBeGreaterThan(Math.max(...before));
  });
});

describe('campaign effects', () => {
  it('Hebei: coverage of 100+ non-public enterprises jumps from ~60% to ~95% in autumn 2018', () => {
    const { hebei } = summary;
    expect(hebei['2018-09-30']?.coverage).toBeGreaterThan(0.45);
    expect(hebei['2018-09-30']?.coverage).toBeLessThan(0.72);
    expect(hebei['2018-11-30']?.coverage).toBeGreaterThan(0.9);
    expect(hebei['2018-12-31']?.coverage).toBeGreaterThan(0.9);
  });

  it('Hebei: 三清三到位 go from mostly unknown/false to mostly known/true at 2018-11-30', () => {
    const before = summary.hebei['2018-09-30'];
    const end = summary.hebei['2018-11-30'];
    for (const key of ['reasonKnown', 'visited', 'explained', 'planMade'] as const) {
      expect(before?.[key], `before ${key}`).toBeLessThan(0.35);
      expect(end?.[key], `end ${key}`).toBeGreaterThan(0.7);
    }
  });

  it('Ningxia: migrant enrollment climbs through 2020 and ends just short of 55%, counties on both sides', () => {
    const quarters = ['2019-12-31', '2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31'].map((p) => summary.ningxia[p]?.migrantRate ?? 0);
    for (let i = 1; i < quarters.length; i++) expect(quarters[i]).toBeGreaterThan(quarters[i - 1] ?? 1);
    expect(quarters.at(-1)).toBeGreaterThan(0.5);
    expect(quarters.at(-1)).toBeLessThan(0.55);
    const counties = Object.values(summary.ningxiaCounties2020);
    expect(counties.some((r) => r > 0.55)).toBe(true);
    expect(counties.some((r) => r < 0.55)).toBe(true);
  });

  it('Ningxia: coverage of 50+ enterprises climbs towards but does not reach 100%', () => {
    const start = summary.ningxia['2019-12-31']?.coverage50 ?? 1;
    const end = summary.ningxia['2020-12-31']?.coverage50 ?? 0;
    expect(end).toBeGreaterThan(start + 0.2);
    expect(end).toBeGreaterThan(0.9);
    expect(end).toBeLessThan(1);
  });

  it('Shanghai: online enrollment and out-of-enterprise membership appear from 2017 and grow', () => {
    const active = summary.shanghaiActive;
    expect(active['2016']).toMatchObject({ online: 0, outside: 0 });
    expect(active['2017']?.online).toBeGreaterThan(0);
    expect(active['2017']?.outside).toBeGreaterThan(0);
    expect(active['2024']?.online).toBeGreaterThan((active['2019']?.online ?? 1) + 0.1);
    expect(active['2024']?.outside).toBeGreaterThan(active['2019']?.outside ?? 1);
    expect(summary.memberJoins['2018']?.otherOnline).toBe(0);
  });

  it('eight groups: enrollment rises everywhere, strongly in Ningxia during 2020', () => {
    for (const rates of Object.values(summary.groupRate)) expect(rates['2024-12-31']).toBeGreaterThan((rates['2012-12-31'] ?? 1) + 0.2);
    const nx = summary.groupRate['ningxia'] ?? {};
    expect((nx['2020-12-31'] ?? 0) - (nx['2019-12-31'] ?? 1)).toBeGreaterThan(0.2);
  });

  it('reported: Ningxia 2020 totals land near its targets, some met and some slightly missed', () => {
    const reported = summary.ningxiaReported2020;
    let met = 0;
    let missed = 0;
    for (const [indicator, target] of Object.entries(NINGXIA_2020_TARGETS)) {
      const value = reported[indicator] ?? 0;
      expect(Math.abs(value - target), indicator).toBeLessThanOrEqual(indicator === 'bargaining_demo_unit' ? 10 : indicator === 'service_station' ? 10 : 3);
      if (value >= target) met++;
      else missed++;
    }
    expect(reported['service_station']).toBeGreaterThanOrEqual(10);
    expect(reported['service_station']).toBeLessThanOrEqual(20);
    expect(met).toBeGreaterThan(0);
    expect(missed).toBeGreaterThan(0);
  });
});

describe('member database extract', () => {
  it('matches the enterprises data in migrant and women shares', () => {
    const c = summary.memberComposition;
    expect(Math.abs(c.migrant - c.enterpriseMigrant)).toBeLessThan(0.03);
    expect(Math.abs(c.women - c.enterpriseWomen)).toBeLessThan(0.03);
  });
});
