/**
 * Reads a generated demo directory back (streaming, line by line) and computes the calibration
 * figures the README promises: size skew, ownership mix, coverage by size, member density,
 * campaign effects, member-database shape. Used by the tests and to document a run; it trusts
 * the files to be well-formed (the tests check the row rules separately).
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { INDUSTRY_PARAMS } from './calibration.ts';
import { NON_PUBLIC, type Industry, type Ownership } from './vocabulary.ts';

/** Reads a CSV file line by line, yielding a header-keyed record per data line. */
export async function* readCsv(path: string): AsyncGenerator<Readonly<Record<string, string>>> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string[] | undefined;
  for await (const line of lines) {
    const fields = line.split(',');
    if (header === undefined) {
      header = fields;
      continue;
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => (record[name] = fields[i] ?? ''));
    yield record;
  }
}

/** A numerator/denominator pair. */
export class Ratio {
  num = 0;
  den = 0;
  /** Adds to both parts. */
  add(num: number, den: number): void {
    this.num += num;
    this.den += den;
  }
  /** num / den, or NaN when empty. */
  get value(): number {
    return this.den === 0 ? Number.NaN : this.num / this.den;
  }
}

function ratioMap<K>(): { get(key: K): Ratio; entries(): [K, Ratio][] } {
  const map = new Map<K, Ratio>();
  return {
    get(key: K): Ratio {
      let r = map.get(key);
      if (r === undefined) map.set(key, (r = new Ratio()));
      return r;
    },
    entries: () => [...map.entries()],
  };
}

/** Size classes used for coverage tables. */
export const SIZE_CLASSES = [
  [0, 9], [10, 24], [25, 49], [50, 99], [100, 299], [300, 999], [1000, Infinity],
] as const;

function sizeClass(employees: number): string {
  for (const [lo, hi] of SIZE_CLASSES) if (employees >= lo && employees <= hi) return hi === Infinity ? `${lo}+` : `${lo}-${hi}`;
  return '?';
}

/** Everything the calibration table reports. */
export interface DemoSummary {
  readonly rows: Record<string, number>;
  /** Operating enterprises per year-end (all regions). */
  readonly alive: Record<string, number>;
  /** 2018-12-31: share of units and of employment in small and micro enterprises. */
  readonly smallMicro: { readonly units: number; readonly employment: number };
  /** 2018-12-31 unit shares by ownership. */
  readonly ownership: Record<string, number>;
  /** 2018-12-31 employment shares by industry. */
  readonly industryEmployment: Record<string, number>;
  /** 2023-12-31 distribution of migrant workers over industries. */
  readonly migrantIndustry: Record<string, number>;
  /** Women share of employment, 2018. */
  readonly womenShare: number;
  /** Coverage (share of units with a union) by size class, 2012 and 2024. */
  readonly coverageBySize: Record<string, Record<string, number>>;
  /** By year-end: unit coverage, worker coverage, density (members / employees), 入会率. */
  readonly byYear: Record<string, { units: number; workers: number; density: number; enrollment: number; migrantRate: number }>;
  /** Hebei non-public/foreign-funded 100+: coverage and "三清三到位" among those without a union. */
  readonly hebei: Record<string, { coverage: number; targets: number; reasonKnown: number; visited: number; explained: number; planMade: number }>;
  /** Ningxia: migrant enrollment rate and 50+ coverage per snapshot from 2019. */
  readonly ningxia: Record<string, { migrantRate: number; coverage50: number }>;
  /** Ningxia migrant rate by county at 2020-12-31. */
  readonly ningxiaCounties2020: Record<string, number>;
  /** Shaoxing: share of enterprises founded in a year with a union within 365 days. */
  readonly shaoxingTimely: Record<string, number>;
  /** Full-time chair share among unions of 200+ enterprises, 2018, Shaoxing vs others. */
  readonly fulltimeChair: { readonly shaoxing: number; readonly other: number };
  /** Women's committee share among unions with 10+ women members, 2018. */
  readonly womenCommittee: number;
  /** Joint-form share among unions with <25 and ≥25 members, 2018. */
  readonly jointShare: { readonly under25: number; readonly atLeast25: number };
  /** members.csv: online and out-of-enterprise shares of joins by year, Shanghai vs others. */
  readonly memberJoins: Record<string, { shanghaiOnline: number; shanghaiOutside: number; otherOnline: number; otherOutside: number }>;
  /** members.csv, Shanghai, members active at each year-end from 2016: shares online and out of enterprise. */
  readonly shanghaiActive: Record<string, { online: number; outside: number; active: number }>;
  /** members.csv active at 2018-12-31: migrant and women shares; enterprises.csv equivalents. */
  readonly memberComposition: { readonly migrant: number; readonly women: number; readonly enterpriseMigrant: number; readonly enterpriseWomen: number };
  /** groups.csv members / workers by region and year-end. */
  readonly groupRate: Record<string, Record<string, number>>;
  /** reported.csv: Ningxia 2020 totals by indicator. */
  readonly ningxiaReported2020: Record<string, number>;
}

const REGION_BY_PREFIX = (code: string): string =>
  code.startsWith('64') ? 'ningxia' : code.startsWith('13') ? 'hebei' : code.startsWith('45') ? 'guangxi' : code.startsWith('31') ? 'shanghai' : 'shaoxing';

function round(x: number, digits = 4): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

function shares(map: Map<string, number>): Record<string, number> {
  const total = [...map.values()].reduce((a, b) => a + b, 0);
  return Object.fromEntries([...map.entries()].sort().map(([k, v]) => [k, round(v / total)]));
}

function values(rm: { entries(): [string, Ratio][] }): Record<string, number> {
  return Object.fromEntries(rm.entries().sort(([a], [b]) => a.localeCompare(b)).map(([k, r]) => [k, round(r.value)]));
}

/** Computes the {@link DemoSummary} of a demo directory. */
export async function summarizeDemo(dir: string): Promise<DemoSummary> {
  const rows: Record<string, number> = {};
  const alive = new Map<string, number>();
  const smallUnits = new Ratio();
  const smallEmployment = new Ratio();
  const ownership = new Map<string, number>();
  const industryEmployment = new Map<string, number>();
  const migrantIndustry = new Map<string, number>();
  const women = new Ratio();
  const coverage2012 = ratioMap<string>();
  const coverage2024 = ratioMap<string>();
  const units = ratioMap<string>();
  const workers = ratioMap<string>();
  const density = ratioMap<string>();
  const enrollment = ratioMap<string>();
  const migrantRate = ratioMap<string>();
  const hebei = new Map<string, { cov: Ratio; known: Ratio; visited: Ratio; explained: Ratio; plan: Ratio }>();
  const nxMigrant = ratioMap<string>();
  const nxCoverage = ratioMap<string>();
  const nxCounty = ratioMap<string>();
  const timely = ratioMap<string>();
  const seenShaoxing = new Set<string>();
  const pendingTimely = new Map<string, string>();
  const chairShaoxing = new Ratio();
  const chairOther = new Ratio();
  const committee = new Ratio();
  const jointSmall = new Ratio();
  const jointLarge = new Ratio();
  const entMigrant = new Ratio();
  const entWomen = new Ratio();

  let n = 0;
  for await (const r of readCsv(join(dir, 'enterprises.csv'))) {
    n++;
    const period = r['period'] ?? '';
    const status = r['status'];
    if (status === 'suspended' && period.endsWith('-12-31')) alive.set(period.slice(0, 4), (alive.get(period.slice(0, 4)) ?? 0) + 1);
    if (status !== 'operating') continue;
    const employees = Number(r['employees']);
    const members = Number(r['members']);
    const migrantWorkers = Number(r['migrant_workers']);
    const migrantMembers = Number(r['migrant_members']);
    const hasUnion = r['union_form'] !== 'none';
    const region = REGION_BY_PREFIX(r['region_code'] ?? '');
    const industry = (r['industry'] ?? 'F') as Industry;
    const own = (r['ownership'] ?? 'private') as Ownership;
    const yearEnd = period.endsWith('-12-31');
    const year = period.slice(0, 4);
    if (yearEnd) {
      alive.set(year, (alive.get(year) ?? 0) + 1);
      units.get(year).add(hasUnion ? 1 : 0, 1);
      workers.get(year).add(hasUnion ? employees : 0, employees);
      density.get(year).add(members, employees);
      if (hasUnion) enrollment.get(year).add(members, employees);
      migrantRate.get(year).add(migrantMembers, migrantWorkers);
      if (year === '2012') coverage2012.get(sizeClass(employees)).add(hasUnion ? 1 : 0, 1);
      if (year === '2024') coverage2024.get(sizeClass(employees)).add(hasUnion ? 1 : 0, 1);
    }
    if (period === '2018-12-31') {
      const small = employees < INDUSTRY_PARAMS[industry].smallMicroBelow;
      smallUnits.add(small ? 1 : 0, 1);
      smallEmployment.add(small ? employees : 0, employees);
      ownership.set(own, (ownership.get(own) ?? 0) + 1);
      industryEmployment.set(industry, (industryEmployment.get(industry) ?? 0) + employees);
      const we = r['women_employees'];
      if (we !== '' && we !== undefined) women.add(Number(we), employees);
      if (hasUnion && employees >= 200) (region === 'shaoxing' ? chairShaoxing : chairOther).add(r['fulltime_chair'] === 'true' ? 1 : 0, 1);
      if (hasUnion && Number(r['women_members']) >= 10) committee.add(r['women_committee'] === 'true' ? 1 : 0, 1);
      if (hasUnion) (members < 25 ? jointSmall : jointLarge).add(r['union_form'] === 'joint' ? 1 : 0, 1);
      entMigrant.add(migrantMembers, members);
      entWomen.add(Number(r['women_members']), members);
    }
    if (period === '2023-12-31') migrantIndustry.set(industry, (migrantIndustry.get(industry) ?? 0) + migrantWorkers);
    if (region === 'hebei' && NON_PUBLIC.has(own) && employees >= 100 && period >= '2018-01-01' && period <= '2019-12-31') {
      let h = hebei.get(period);
      if (h === undefined) hebei.set(period, (h = { cov: new Ratio(), known: new Ratio(), visited: new Ratio(), explained: new Ratio(), plan: new Ratio() }));
      h.cov.add(hasUnion ? 1 : 0, 1);
      if (!hasUnion) {
        h.known.add(r['no_union_reason'] !== '' ? 1 : 0, 1);
        h.visited.add(r['visited'] === 'true' ? 1 : 0, 1);
        h.explained.add(r['policy_explained'] === 'true' ? 1 : 0, 1);
        h.plan.add(r['plan_made'] === 'true' ? 1 : 0, 1);
      }
    }
    if (region === 'ningxia' && period >= '2019-12-31') {
      nxMigrant.get(period).add(migrantMembers, migrantWorkers);
      if (employees >= 50) nxCoverage.get(period).add(hasUnion ? 1 : 0, 1);
      if (period === '2020-12-31') nxCounty.get(r['region_code'] ?? '').add(migrantMembers, migrantWorkers);
    }
    if (region === 'shaoxing' && !seenShaoxing.has(r['enterprise_id'] ?? '')) {
      // Follow each Shaoxing enterprise founded 2010+ until it has a union (or the data ends).
      const founded = r['founded_on'] ?? '';
      if (founded >= '2010-01-01') {
        seenShaoxing.add(r['enterprise_id'] ?? '');
        pendingTimely.set(r['enterprise_id'] ?? '', founded);
      }
    }
    if (region === 'shaoxing' && hasUnion && pendingTimely.has(r['enterprise_id'] ?? '')) {
      const id = r['enterprise_id'] ?? '';
      const founded = pendingTimely.get(id) ?? '';
      const within = daysBetween(founded, r['union_founded_on'] ?? '') <= 365;
      timely.get(founded.slice(0, 4)).add(within ? 1 : 0, 1);
      pendingTimely.delete(id);
    }
  }
  for (const founded of pendingTimely.values()) timely.get(founded.slice(0, 4)).add(0, 1);
  pendingTimely.clear();
  rows['enterprises.csv'] = n;

  const joins = new Map<string, { so: Ratio; sx: Ratio; oo: Ratio; ox: Ratio }>();
  const memMigrant = new Ratio();
  const memWomen = new Ratio();
  const shOnline = ratioMap<string>();
  const shOutside = ratioMap<string>();
  n = 0;
  for await (const r of readCsv(join(dir, 'members.csv'))) {
    n++;
    const joined = r['joined_on'] ?? '';
    const left = r['left_on'] ?? '';
    const year = joined.slice(0, 4);
    if (year >= '2017') {
      let j = joins.get(year);
      if (j === undefined) joins.set(year, (j = { so: new Ratio(), sx: new Ratio(), oo: new Ratio(), ox: new Ratio() }));
      const shanghai = (r['region_code'] ?? '').startsWith('31');
      (shanghai ? j.so : j.oo).add(r['channel'] === 'online' ? 1 : 0, 1);
      (shanghai ? j.sx : j.ox).add(r['affiliation'] === 'out_of_enterprise' ? 1 : 0, 1);
    }
    if ((r['region_code'] ?? '').startsWith('31')) {
      for (let y = 2016; y <= 2024; y++) {
        const end = `${y}-12-31`;
        if (joined <= end && (left === '' || left > end)) {
          shOnline.get(String(y)).add(r['channel'] === 'online' ? 1 : 0, 1);
          shOutside.get(String(y)).add(r['affiliation'] === 'out_of_enterprise' ? 1 : 0, 1);
        }
      }
    }
    if (joined <= '2018-12-31' && (left === '' || left > '2018-12-31') && r['affiliation'] !== 'out_of_enterprise' && r['group'] === '') {
      memMigrant.add(r['migrant'] === 'true' ? 1 : 0, 1);
      memWomen.add(r['gender'] === 'f' ? 1 : 0, 1);
    }
  }
  rows['members.csv'] = n;

  const groupRate = new Map<string, Ratio>();
  n = 0;
  for await (const r of readCsv(join(dir, 'groups.csv'))) {
    n++;
    const key = `${REGION_BY_PREFIX(r['region_code'] ?? '')}|${r['period']}`;
    let ratio = groupRate.get(key);
    if (ratio === undefined) groupRate.set(key, (ratio = new Ratio()));
    ratio.add(Number(r['members']), Number(r['workers']));
  }
  rows['groups.csv'] = n;

  const nxReported = new Map<string, number>();
  n = 0;
  for await (const r of readCsv(join(dir, 'reported.csv'))) {
    n++;
    if (r['period'] === '2020-12-31' && (r['region_code'] ?? '').startsWith('64')) {
      const indicator = r['indicator'] ?? '';
      nxReported.set(indicator, (nxReported.get(indicator) ?? 0) + Number(r['value']));
    }
  }
  rows['reported.csv'] = n;

  const byYear: DemoSummary['byYear'] = {};
  for (const [year, u] of units.entries().sort()) {
    byYear[year] = {
      units: round(u.value),
      workers: round(workers.get(year).value),
      density: round(density.get(year).value),
      enrollment: round(enrollment.get(year).value),
      migrantRate: round(migrantRate.get(year).value),
    };
  }
  const groupRateOut: Record<string, Record<string, number>> = {};
  for (const [key, ratio] of [...groupRate.entries()].sort()) {
    const [region = '', period = ''] = key.split('|');
    if (!period.endsWith('-12-31') && region !== 'ningxia') continue;
    (groupRateOut[region] ??= {})[period] = round(ratio.value);
  }
  const ningxia: DemoSummary['ningxia'] = {};
  for (const [period, ratio] of nxMigrant.entries().sort()) {
    ningxia[period] = { migrantRate: round(ratio.value), coverage50: round(nxCoverage.get(period).value) };
  }
  return {
    rows,
    alive: Object.fromEntries([...alive.entries()].sort()),
    smallMicro: { units: round(smallUnits.value), employment: round(smallEmployment.value) },
    ownership: shares(ownership),
    industryEmployment: shares(industryEmployment),
    migrantIndustry: shares(migrantIndustry),
    womenShare: round(women.value),
    coverageBySize: { '2012': values(coverage2012), '2024': values(coverage2024) },
    byYear,
    hebei: Object.fromEntries(
      [...hebei.entries()].sort().map(([p, h]) => [
        p,
        {
          coverage: round(h.cov.value),
          targets: h.cov.den,
          reasonKnown: round(h.known.value),
          visited: round(h.visited.value),
          explained: round(h.explained.value),
          planMade: round(h.plan.value),
        },
      ]),
    ),
    ningxia,
    ningxiaCounties2020: values(nxCounty),
    shaoxingTimely: values(timely),
    fulltimeChair: { shaoxing: round(chairShaoxing.value), other: round(chairOther.value) },
    womenCommittee: round(committee.value),
    jointShare: { under25: round(jointSmall.value), atLeast25: round(jointLarge.value) },
    memberJoins: Object.fromEntries(
      [...joins.entries()].sort().map(([y, j]) => [
        y,
        { shanghaiOnline: round(j.so.value), shanghaiOutside: round(j.sx.value), otherOnline: round(j.oo.value), otherOutside: round(j.ox.value) },
      ]),
    ),
    shanghaiActive: Object.fromEntries(
      shOnline.entries().sort().map(([y, r]) => [y, { online: round(r.value), outside: round(shOutside.get(y).value), active: r.den }]),
    ),
    memberComposition: {
      migrant: round(memMigrant.value),
      women: round(memWomen.value),
      enterpriseMigrant: round(entMigrant.value),
      enterpriseWomen: round(entWomen.value),
    },
    groupRate: groupRateOut,
    ningxiaReported2020: Object.fromEntries([...nxReported.entries()].sort()),
  };
}

function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000;
}
