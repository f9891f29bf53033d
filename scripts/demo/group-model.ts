/**
 * The eight groups (八大群体) per county and snapshot — workers and union members, for
 * groups.csv — and the flexible members outside enterprise unions: eight-group members and
 * out-of-enterprise members (企业外入会), whose sampled records go to members.csv.
 */
import {
  FLEXIBLE_MEMBER_TURNOVER, GROUP_AFFILIATION, GROUP_COUNTY_SPREAD, GROUP_OUTSIDE_FROM_YEAR, GROUP_PARAMS,
  GROUP_RATE, GROUP_RATE_FACTOR, MEAN_EMPLOYEES_PER_ENTERPRISE, MEMBER_EXTRACT_FRACTION,
  OUT_OF_ENTERPRISE_COMPOSITION, OUT_OF_ENTERPRISE_SHARE,
} from './calibration.ts';
import { DAYS_PER_YEAR, dayFromYmd, decimalYear, yearOfDay } from './dates.ts';
import { MemberPool, MEMBER_DB_START_DAY, type MemberRecord } from './member-pool.ts';
import { periodsFor, type Period } from './periods.ts';
import { stockIndex } from './population.ts';
import type { County } from './regions.ts';
import { Stream, cumulative, logistic, logit, rngFor, type Rng } from './rng.ts';
import { AFFILIATIONS, GROUPS, type Affiliation, type Group, type RegionKey } from './vocabulary.ts';

/** One row of groups.csv. */
export interface GroupRow {
  readonly period: Period;
  readonly regionCode: string;
  readonly group: Group;
  readonly workers: number;
  readonly members: number;
}

/** Output of one snapshot of a pool: the groups.csv row (if any) and the member records that ended. */
export interface FlexibleStep {
  readonly row: GroupRow | undefined;
  readonly members: readonly MemberRecord[];
}

const AFFILIATION_CUMULATIVE = {
  early: cumulative(GROUP_AFFILIATION.early),
  shanghai: cumulative(GROUP_AFFILIATION.shanghai),
  other: cumulative(GROUP_AFFILIATION.other),
};
const OTHER_OUTSIDE_FROM_DAY = dayFromYmd(GROUP_OUTSIDE_FROM_YEAR, 1, 1);
/** Members present at the first snapshot joined over the preceding years (assumption: 4). */
const FIRST_STEP_YEARS = 4;

function groupAffiliation(region: RegionKey, day: number, rng: Rng): Affiliation {
  const table =
    region === 'shanghai'
      ? day >= MEMBER_DB_START_DAY
        ? AFFILIATION_CUMULATIVE.shanghai
        : AFFILIATION_CUMULATIVE.early
      : day >= OTHER_OUTSIDE_FROM_DAY
        ? AFFILIATION_CUMULATIVE.other
        : AFFILIATION_CUMULATIVE.early;
  return AFFILIATIONS[rng.pickCumulative(table)] ?? 'joint';
}

function groupRateCurve(region: RegionKey): (year: number) => number {
  if (region === 'ningxia') return GROUP_RATE.ningxia;
  if (region === 'shanghai') return GROUP_RATE.shanghai;
  return GROUP_RATE.other;
}

/** Expected enterprise employment of a county at a date and scale. */
export function countyEmployment(county: County, scale: number, year: number): number {
  return county.enterprises2018 * scale * stockIndex(year) * MEAN_EMPLOYEES_PER_ENTERPRISE;
}

function firstFromDay(period: Period): number {
  return period.day - Math.round(FIRST_STEP_YEARS * DAYS_PER_YEAR);
}

/**
 * One eight-group of one county, snapshot by snapshot: yields the groups.csv row and the member
 * records that ended at that step (the last step also yields the members still active).
 */
export function* countyGroupSteps(county: County, group: Group, scale: number, seed: number): Generator<FlexibleStep> {
  const groupIndex = GROUPS.indexOf(group);
  const rng = rngFor(seed, Stream.groups, county.index, groupIndex);
  const memberRng = rngFor(seed, Stream.groupMembers, county.index, groupIndex);
  const params = GROUP_PARAMS[group];
  const sizeFactor = Math.exp(0.3 * rng.normal());
  const rateEffect = GROUP_COUNTY_SPREAD * rng.normal();
  const sampleOffset = rng.next();
  const rateCurve = groupRateCurve(county.region);
  const out: MemberRecord[] = [];
  const pool = new MemberPool(
    {
      regionCode: county.code,
      region: county.region,
      turnover: { resident: FLEXIBLE_MEMBER_TURNOVER, migrant: FLEXIBLE_MEMBER_TURNOVER },
      group,
      affiliation: (day, r) => groupAffiliation(county.region, day, r),
    },
    memberRng,
    out,
  );
  const periods = periodsFor(county.region);
  let previous: Period | undefined;
  for (const [index, period] of periods.entries()) {
    const fy = decimalYear(period.day);
    const expected =
      (countyEmployment(county, scale, yearOfDay(period.day)) * params.per100Employees2018 * params.growth(fy) * sizeFactor) / 100;
    const workers = Math.max(0, Math.round(expected * (1 + 0.03 * rng.normal())));
    const rate = Math.min(0.95, logistic(logit(Math.min(0.95, rateCurve(fy) * GROUP_RATE_FACTOR[group])) + rateEffect + 0.05 * rng.normal()));
    const members = Math.min(workers, Math.round(workers * rate));
    const count = Math.floor(members * MEMBER_EXTRACT_FRACTION + sampleOffset);
    pool.step(previous?.day ?? firstFromDay(period), period.day, {
      count,
      migrant: Math.round(count * params.migrantShare),
      female: Math.round(count * params.womenShare),
    });
    if (index === periods.length - 1) pool.finish();
    yield { row: { period, regionCode: county.code, group, workers, members }, members: out.splice(0) };
    previous = period;
  }
}

/**
 * Out-of-enterprise members of one county (Shanghai from 2017, others later), snapshot by
 * snapshot; no groups.csv rows.
 */
export function* countyOutsideSteps(county: County, scale: number, seed: number): Generator<FlexibleStep> {
  const rng = rngFor(seed, Stream.outsideMembers, county.index);
  const sampleOffset = rng.next();
  const curve =
    county.region === 'shanghai'
      ? OUT_OF_ENTERPRISE_SHARE.shanghai
      : county.region === 'ningxia'
        ? OUT_OF_ENTERPRISE_SHARE.ningxia
        : OUT_OF_ENTERPRISE_SHARE.other;
  const out: MemberRecord[] = [];
  const pool = new MemberPool(
    {
      regionCode: county.code,
      region: county.region,
      turnover: { resident: FLEXIBLE_MEMBER_TURNOVER, migrant: FLEXIBLE_MEMBER_TURNOVER },
      group: undefined,
      affiliation: () => 'out_of_enterprise',
    },
    rng,
    out,
  );
  const periods = periodsFor(county.region);
  let previous: Period | undefined;
  for (const [index, period] of periods.entries()) {
    const fy = decimalYear(period.day);
    const expected = countyEmployment(county, scale, yearOfDay(period.day)) * curve(fy) * MEMBER_EXTRACT_FRACTION;
    const count = Math.floor(expected + sampleOffset);
    pool.step(previous?.day ?? firstFromDay(period), period.day, {
      count,
      migrant: Math.round(count * OUT_OF_ENTERPRISE_COMPOSITION.migrant),
      female: Math.round(count * OUT_OF_ENTERPRISE_COMPOSITION.women),
    });
    if (index === periods.length - 1) pool.finish();
    yield { row: undefined, members: out.splice(0) };
    previous = period;
  }
}
