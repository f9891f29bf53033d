/**
 * One enterprise's history: its fixed traits (ownership, industry, size, migrant and women
 * shares, latent propensities) and its state at each snapshot of its region from its first
 * appearance until it closes (closed enterprises appear once, with status "closed"). Union
 * founding uses a latent threshold: an enterprise has a union once its fixed propensity `u` falls
 * below the coverage probability for its size, ownership, region and date (plus campaign floors);
 * unions are never dissolved while the enterprise lives.
 */
import {
  COVERAGE_ALPHA, COVERAGE_BETA, COVERAGE_OWNERSHIP, COVERAGE_REGION, EARLIEST_FOUNDING_YEAR, EXIT_HAZARD,
  FOUNDED_ON_MISSING, FULLTIME_CHAIR_RATE, FULLTIME_CHAIR_SMALL, HEBEI_CAMPAIGN_FLOOR, HEBEI_POST_CAMPAIGN_FLOOR,
  INDUSTRY_PARAMS, INITIAL_MEAN_AGE, IN_PROGRESS_AT_CAMPAIGN_END, JOINT_FORM, MEMBER_RATE, MEMBER_RATE_JITTER,
  MEMBER_RATE_SIGMA, MIGRANT_RATE_SHIFT, NEWBORN_COVERAGE_FACTOR, NINGXIA_FLOOR_25, NINGXIA_FLOOR_50,
  NINGXIA_POST_FLOOR, OUTREACH_DEFAULT, OUTREACH_HEBEI, OUTREACH_NINGXIA, OWNERSHIP_SHARES, OWNERSHIP_SIZE_RATIO,
  REASON_WEIGHTS, REGION_OWNERSHIP_MULTIPLIER, SHAOXING_OPINIONS_ISO, SHAOXING_TIMELY_BOOST, SIZE_DRIFT_PER_YEAR,
  SIZE_LOG_MEDIAN, SIZE_LOG_SIGMA, SIZE_VOLATILITY_PER_YEAR, SUSPENSION_BEFORE_CLOSURE, SUSPENSION_PER_PERIOD,
  WOMEN_COMMITTEE_RATE, WOMEN_COMMITTEE_SMALL, WOMEN_EMPLOYEES_MISSING, YOUTH_START_FRACTION, YOUTH_YEARS,
  type OutreachLevels,
} from './calibration.ts';
import { DAYS_PER_YEAR, dayFromIso, dayFromYmd, decimalYear } from './dates.ts';
import { FIRST_PERIOD_DAY, periodsFor, type Period } from './periods.ts';
import type { EnterpriseSpec } from './population.ts';
import { Stream, cumulative, logistic, logit, rngFor, type Rng } from './rng.ts';
import {
  FOREIGN_FUNDED, INDUSTRIES, NON_PUBLIC, NO_UNION_REASONS, OWNERSHIPS,
  type Industry, type NoUnionReason, type Ownership, type RegionKey, type Status, type UnionForm,
} from './vocabulary.ts';

/** The "三到位" flags of an enterprise without a union. */
export interface Outreach {
  readonly visited: boolean;
  readonly policyExplained: boolean;
  readonly planMade: boolean;
}

/** One enterprise at one snapshot: the contract's columns, typed, plus internal fields. */
export interface EnterpriseSnapshot {
  readonly period: Period;
  readonly enterpriseId: string;
  readonly regionCode: string;
  readonly ownership: Ownership;
  readonly industry: Industry;
  readonly status: Status;
  /** Founding day, or undefined when unknown (the field is optional in the contract). */
  readonly foundedDay: number | undefined;
  readonly employees: number;
  readonly migrantWorkers: number;
  /** Women employees, or undefined when not reported (optional field). */
  readonly womenEmployees: number | undefined;
  readonly unionForm: UnionForm;
  /** Union founding day; undefined when there is no union. */
  readonly unionFoundedDay: number | undefined;
  readonly members: number;
  readonly migrantMembers: number;
  readonly womenMembers: number;
  readonly womenCommittee: boolean;
  readonly fulltimeChair: boolean;
  /** Recorded reason for having no union; undefined while unknown or where a union exists. */
  readonly noUnionReason: NoUnionReason | undefined;
  /** "三到位" flags; undefined where a union exists. */
  readonly outreach: Outreach | undefined;
  /** Internal: migrant enrollment rate before any calibration factor (not written out). */
  readonly migrantRateBase: number;
}

/** Multiplies the migrant enrollment rate of a county at a snapshot (the Ningxia calibration). */
export type MigrantFactor = (countyIndex: number, period: Period) => number;

function ownershipCumulative(region: RegionKey): readonly number[] {
  return cumulative(OWNERSHIPS.map((o) => OWNERSHIP_SHARES[o] * (REGION_OWNERSHIP_MULTIPLIER[region][o] ?? 1)));
}
const OWNERSHIP_CUMULATIVE: Readonly<Record<RegionKey, readonly number[]>> = {
  ningxia: ownershipCumulative('ningxia'),
  hebei: ownershipCumulative('hebei'),
  guangxi: ownershipCumulative('guangxi'),
  shanghai: ownershipCumulative('shanghai'),
  shaoxing: ownershipCumulative('shaoxing'),
};
const INDUSTRY_CUMULATIVE = cumulative(INDUSTRIES.map((i) => INDUSTRY_PARAMS[i].unitShare));
const REASON_SMALL_CUMULATIVE = cumulative(REASON_WEIGHTS.small);
const REASON_LARGE_CUMULATIVE = cumulative(REASON_WEIGHTS.large);

const SHAOXING_OPINIONS_DAY = dayFromIso(SHAOXING_OPINIONS_ISO) ?? 0;
const HEBEI_CAMPAIGN_LAST_DAY = dayFromYmd(2018, 12, 31);
const NINGXIA_CAMPAIGN_FIRST_DAY = dayFromYmd(2020, 3, 31);
const NINGXIA_CAMPAIGN_LAST_DAY = dayFromYmd(2020, 12, 31);
const EARLIEST_FOUNDING_DAY = dayFromYmd(EARLIEST_FOUNDING_YEAR, 1, 1);

function stepLookup(table: readonly (readonly [number, number])[], employees: number): number {
  for (const [min, value] of table) if (employees >= min) return value;
  return table[table.length - 1]?.[1] ?? 0;
}

/** True when the enterprise is a target of the Hebei 2018 campaign (non-public or foreign-funded, 100+). */
export function isHebeiCampaignTarget(region: RegionKey, ownership: Ownership, employees: number): boolean {
  return region === 'hebei' && (NON_PUBLIC.has(ownership) || FOREIGN_FUNDED.has(ownership)) && employees >= 100;
}

function coverageFloor(region: RegionKey, period: Period, ownership: Ownership, employees: number): number {
  if (isHebeiCampaignTarget(region, ownership, employees)) {
    const floor = HEBEI_CAMPAIGN_FLOOR[period.iso];
    if (floor !== undefined) return floor;
    if (period.day > HEBEI_CAMPAIGN_LAST_DAY) return HEBEI_POST_CAMPAIGN_FLOOR;
  }
  if (region === 'ningxia' && employees >= 25) {
    const atLeast50 = employees >= 50;
    const floor = (atLeast50 ? NINGXIA_FLOOR_50 : NINGXIA_FLOOR_25)[period.iso];
    if (floor !== undefined) return floor;
    if (period.day > NINGXIA_CAMPAIGN_LAST_DAY) return atLeast50 ? NINGXIA_POST_FLOOR.atLeast50 : NINGXIA_POST_FLOOR.atLeast25;
  }
  return 0;
}

/** Everyday probability that an enterprise of this kind has a union at this snapshot (no campaign floor). */
export function baseCoverage(region: RegionKey, period: Period, ownership: Ownership, employees: number): number {
  return logistic(
    COVERAGE_ALPHA(decimalYear(period.day)) +
      COVERAGE_BETA * Math.log1p(employees) +
      COVERAGE_OWNERSHIP[ownership] +
      COVERAGE_REGION[region] / (1 + employees / 100),
  );
}


function outreachLevels(region: RegionKey, period: Period, ownership: Ownership, employees: number): OutreachLevels {
  if (isHebeiCampaignTarget(region, ownership, employees)) {
    const level = OUTREACH_HEBEI[period.iso];
    if (level !== undefined) return level;
    if (period.day > HEBEI_CAMPAIGN_LAST_DAY) return OUTREACH_HEBEI['after'] ?? OUTREACH_DEFAULT(period.year);
    return OUTREACH_HEBEI['before'] ?? OUTREACH_DEFAULT(period.year);
  }
  if (region === 'ningxia' && employees >= 50 && period.day >= NINGXIA_CAMPAIGN_FIRST_DAY) {
    const level = OUTREACH_NINGXIA[period.iso];
    if (level !== undefined) return level;
    if (period.day > NINGXIA_CAMPAIGN_LAST_DAY) return OUTREACH_NINGXIA['after'] ?? OUTREACH_DEFAULT(period.year);
  }
  return OUTREACH_DEFAULT(period.year);
}

function isCampaignEnd(region: RegionKey, period: Period, ownership: Ownership, employees: number): boolean {
  return (
    (period.iso === '2018-11-30' && isHebeiCampaignTarget(region, ownership, employees)) ||
    (period.iso === '2020-12-31' && region === 'ningxia' && employees >= 50)
  );
}

function drawFoundedDay(rng: Rng, spec: EnterpriseSpec, ownership: Ownership): number {
  if (spec.birthYear !== undefined) {
    const start = dayFromYmd(spec.birthYear, 1, 1);
    return start + rng.int(0, dayFromYmd(spec.birthYear + 1, 1, 1) - start);
  }
  const publicOwned = ownership === 'state' || ownership === 'collective';
  const meanAge = publicOwned ? INITIAL_MEAN_AGE.publicOwned : INITIAL_MEAN_AGE.other;
  const ageDays = Math.max(1, Math.round(rng.exponential(1 / meanAge) * DAYS_PER_YEAR));
  return Math.max(EARLIEST_FOUNDING_DAY + rng.int(0, 365), FIRST_PERIOD_DAY - ageDays);
}

/**
 * Simulates one enterprise and returns its snapshots in chronological order. Pure: the result
 * depends only on the seed, the spec and the migrant factor.
 */
export function simulateEnterprise(spec: EnterpriseSpec, seed: number, migrantFactor?: MigrantFactor): EnterpriseSnapshot[] {
  const { county } = spec;
  const region = county.region;
  const rng = rngFor(seed, Stream.enterprise, county.index, spec.ordinal);

  // Fixed traits, always drawn in the same order.
  const ownership = OWNERSHIPS[rng.pickCumulative(OWNERSHIP_CUMULATIVE[region])] ?? 'private';
  const industry = INDUSTRIES[rng.pickCumulative(INDUSTRY_CUMULATIVE)] ?? 'F';
  const params = INDUSTRY_PARAMS[industry];
  const lnMature =
    SIZE_LOG_MEDIAN + Math.log(OWNERSHIP_SIZE_RATIO[ownership]) + Math.log(params.sizeRatio) + SIZE_LOG_SIGMA * rng.normal();
  const migrantShare = logistic(logit(params.migrantShare) + 0.7 * rng.normal());
  const womenShare = logistic(logit(params.womenShare) + 0.5 * rng.normal());
  const unionU = rng.next();
  const zRate = rng.normal();
  const zMigrant = 0.7 * zRate + 0.714 * rng.normal();
  const knownU = rng.next();
  const visitU = rng.next();
  const inProgressU = rng.next();
  const committeeU = rng.next();
  const chairU = rng.next();
  const formU = rng.next();
  const reasonSmall = NO_UNION_REASONS[rng.pickCumulative(REASON_SMALL_CUMULATIVE)] ?? 'other';
  const reasonLarge = NO_UNION_REASONS[rng.pickCumulative(REASON_LARGE_CUMULATIVE)] ?? 'other';
  const foundedKnown = !rng.chance(FOUNDED_ON_MISSING);
  const womenReported = !rng.chance(WOMEN_EMPLOYEES_MISSING);
  const foundedDay = drawFoundedDay(rng, spec, ownership);
  const hazard = stepLookup(EXIT_HAZARD, Math.exp(lnMature));
  const lifeStart = spec.birthYear === undefined ? FIRST_PERIOD_DAY : foundedDay;
  const closeDay = lifeStart + Math.max(30, Math.round(rng.exponential(hazard) * DAYS_PER_YEAR));
  const shaoxingTimely = region === 'shaoxing' && foundedDay >= SHAOXING_OPINIONS_DAY;
  const fulltimeCurve = region === 'shaoxing' ? FULLTIME_CHAIR_RATE.shaoxing : FULLTIME_CHAIR_RATE.default;

  const periods = periodsFor(region);
  const snapshots: EnterpriseSnapshot[] = [];
  let walk = 0;
  let lastDay: number | undefined;
  let unionDay: number | undefined;
  let form: UnionForm = 'none';

  for (let index = 0; index < periods.length; index++) {
    const period = periods[index];
    if (period === undefined || period.day < foundedDay) continue;
    const first = lastDay === undefined;
    const dt = lastDay === undefined ? 0 : (period.day - lastDay) / DAYS_PER_YEAR;
    const fy = decimalYear(period.day);

    // Per-snapshot draws, always in the same order.
    walk += SIZE_DRIFT_PER_YEAR * dt + SIZE_VOLATILITY_PER_YEAR * Math.sqrt(dt) * rng.normal();
    const suspendU = rng.next();
    const suspendFraction = rng.uniform(0, 0.4);
    const rateJitter = MEMBER_RATE_JITTER * rng.normal();
    const migrantJitter = MEMBER_RATE_JITTER * rng.normal();
    const unionDayU = rng.next();
    const switchU = rng.next();

    const closed = closeDay <= period.day;
    const next = periods[index + 1];
    const closesNext = next !== undefined && closeDay <= next.day;
    const suspended =
      !closed && !first && suspendU < (closesNext ? SUSPENSION_BEFORE_CLOSURE : SUSPENSION_PER_PERIOD);
    const status: Status = closed ? 'closed' : suspended ? 'suspended' : 'operating';

    const ageYears = (period.day - foundedDay) / DAYS_PER_YEAR;
    const youth = YOUTH_START_FRACTION + (1 - YOUTH_START_FRACTION) * Math.min(1, ageYears / YOUTH_YEARS);
    const fullSize = Math.max(1, Math.round(Math.exp(lnMature + walk) * youth));
    const employees = closed ? 0 : suspended ? Math.floor(fullSize * suspendFraction) : fullSize;
    const migrantWorkers = Math.round(employees * migrantShare);
    const womenEmployees = Math.round(employees * womenShare);

    // Union founding (operating enterprises only).
    if (unionDay === undefined && status === 'operating') {
      let p = baseCoverage(region, period, ownership, employees);
      if (first && spec.birthYear !== undefined) {
        const newborn = p * NEWBORN_COVERAGE_FACTOR;
        p = shaoxingTimely ? newborn + (1 - newborn) * SHAOXING_TIMELY_BOOST(decimalYear(foundedDay)) : newborn;
      }
      const threshold = Math.max(p, coverageFloor(region, period, ownership, employees));
      if (unionU < threshold) {
        if (first) {
          const span = period.day - foundedDay;
          unionDay =
            shaoxingTimely && span > 20
              ? foundedDay + 20 + Math.floor(unionDayU * (Math.min(330, span) - 20))
              : foundedDay + Math.floor(unionDayU * (span + 1));
        } else {
          const from = lastDay ?? period.day;
          unionDay = from + 1 + Math.floor(unionDayU * (period.day - from));
        }
        const expectedMembers = employees * MEMBER_RATE(fy);
        form = formU < (expectedMembers < 25 ? JOINT_FORM.under25 : JOINT_FORM.atLeast25) ? 'joint' : 'standalone';
      }
    }
    const hasUnion = unionDay !== undefined;

    let members = 0;
    let migrantMembers = 0;
    let womenMembers = 0;
    let migrantRateBase = 0;
    if (hasUnion && !closed) {
      const sigma = stepLookup(MEMBER_RATE_SIGMA, fullSize);
      const baseLogit = logit(MEMBER_RATE(fy));
      const rate = logistic(baseLogit + sigma * zRate + rateJitter);
      migrantRateBase = logistic(baseLogit + MIGRANT_RATE_SHIFT[region] + sigma * zMigrant + migrantJitter);
      const factor = migrantFactor === undefined ? 1 : migrantFactor(county.index, period);
      members = Math.min(employees, Math.round(employees * rate));
      womenMembers = Math.min(members, Math.round(womenEmployees * rate));
      migrantMembers = Math.min(members, Math.round(migrantWorkers * Math.min(1, migrantRateBase * factor)));
      if (form === 'joint' && members >= 25 && period.yearEnd && switchU < JOINT_FORM.switchAtLeast25) form = 'standalone';
    }

    let noUnionReason: NoUnionReason | undefined;
    let outreach: Outreach | undefined;
    if (!hasUnion) {
      if (closed) {
        outreach = { visited: false, policyExplained: false, planMade: false };
      } else {
        const levels = outreachLevels(region, period, ownership, employees);
        if (knownU < levels.reasonKnown) {
          noUnionReason =
            isCampaignEnd(region, period, ownership, employees) && inProgressU < IN_PROGRESS_AT_CAMPAIGN_END
              ? 'in_progress'
              : employees < 25
                ? reasonSmall
                : reasonLarge;
        }
        outreach = {
          visited: visitU < levels.visited,
          policyExplained: visitU < levels.explained,
          planMade: visitU < levels.planMade,
        };
      }
    }

    const activeUnion = hasUnion && !closed;
    snapshots.push({
      period,
      enterpriseId: spec.id,
      regionCode: county.code,
      ownership,
      industry,
      status,
      foundedDay: foundedKnown ? foundedDay : undefined,
      employees,
      migrantWorkers,
      womenEmployees: womenReported ? womenEmployees : undefined,
      unionForm: hasUnion ? form : 'none',
      unionFoundedDay: unionDay,
      members,
      migrantMembers,
      womenMembers,
      womenCommittee: activeUnion && committeeU < (womenMembers >= 10 ? WOMEN_COMMITTEE_RATE(fy) : WOMEN_COMMITTEE_SMALL),
      fulltimeChair:
        activeUnion &&
        chairU <
          (fullSize >= 200
            ? fulltimeCurve(fy)
            : fullSize >= 100
              ? FULLTIME_CHAIR_SMALL.atLeast100
              : FULLTIME_CHAIR_SMALL.below100),
      noUnionReason,
      outreach,
      migrantRateBase,
    });
    lastDay = period.day;
    if (closed) break;
  }
  return snapshots;
}
