/**
 * Every number the demo model is calibrated with, next to the figure it comes from.
 * "open-figures" = /work/shared/reference/open-figures.md; "seeds" = the policy documents in
 * /work/shared/seeds; "census 2018" = NBS 4th economic census communiqués (2019-11-20, read in press
 * copies); "assumption" = a modelling choice with no published figure behind it. data/demo/README.md
 * repeats this table for readers; keep the two in step.
 */
import { piecewise, type Curve } from './curve.ts';
import type { Group, Indicator, Industry, Ownership, RegionKey } from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------
// Population size and turnover

/** Enterprises alive at the end of 2018 across all five regions at scale 1 (brief: ~25,000). */
export const ENTERPRISES_ALIVE_2018 = 25_000;

/**
 * Growth of the enterprise stock, as a share of the 2018 stock per year. The census shows the real
 * stock more than doubling 2013→2018 (+126.2%, census 2018); it is damped here to +3.5%/year so
 * that about 25,000 enterprises are alive at any time (≈19,750 in 2012, ≈30,250 in 2024).
 */
export const STOCK_GROWTH_PER_YEAR = 0.035;

/** Annual exit hazard by size (employees), assumption (small firms exit more often). */
export const EXIT_HAZARD: readonly (readonly [minEmployees: number, hazard: number])[] = [
  [300, 0.02],
  [50, 0.035],
  [10, 0.06],
  [0, 0.1],
];

/** Expected exit rate of the whole stock, used to size the yearly birth cohorts (assumption ≈ Σ hazard × share). */
export const EXPECTED_EXIT_RATE = 0.09;

/** Mean age (years) of the enterprises alive at the end of 2012, by ownership group (assumption). */
export const INITIAL_MEAN_AGE = { publicOwned: 16, other: 7 } as const;

/** Earliest founding date generated (assumption). */
export const EARLIEST_FOUNDING_YEAR = 1980;

/**
 * Enterprise legal units per region in 2013, used only as relative weights of the regions
 * (the absolute level is set by {@link ENTERPRISES_ALIVE_2018}).
 */
export const REGION_ENTERPRISES_2013: Readonly<Record<RegionKey, number>> = {
  // Shanghai 3rd economic census communiqué No.1 (2015-02-25): 38.6万 enterprise legal units.
  shanghai: 386_000,
  // Estimate: Hebei 4th census communiqué No.4 — 35.82万 wholesale & retail enterprise legal units
  // in 2018 — ÷ national wholesale & retail share of legal units 29.8% ÷ national enterprise growth
  // 2013→2018 (×2.262, census 2018).
  hebei: 527_000,
  // Estimate: Yinchuan's 13,969 enterprise legal units in 2013 are 41.6% of Ningxia's legal units
  // (Yinchuan 3rd census communiqué No.1, 2015-04-02).
  ningxia: 33_600,
  // Assumption (no census figure at hand).
  guangxi: 250_000,
  // Assumption (no census figure at hand).
  shaoxing: 80_000,
};

/**
 * County size factors by code type (assumption): city districts (suffix 01–20) hold more
 * enterprises than counties (21–69); county-level cities (81–99) sit between. A code-seeded
 * log-normal factor (σ = {@link COUNTY_SIZE_SIGMA}) varies counties of the same type.
 */
export const COUNTY_KIND_FACTOR = { district: 1.4, county: 0.7, city: 1.1 } as const;
/** Log-sd of the per-county size factor (assumption). */
export const COUNTY_SIZE_SIGMA = 0.35;

// ---------------------------------------------------------------------------------------------
// Ownership

/**
 * Shares of enterprise units by ownership. Census 2018: private 84.1%, Hong Kong/Macao/Taiwan 0.6%,
 * foreign 0.6%, state-owned 0.4%. The remaining 14.3% is split by assumption: mixed (limited and
 * joint-stock companies not classed as private) 12.0%, individual (sole proprietorships) 1.6%,
 * collective 0.7% (the collective share of industrial enterprises, census 2018 communiqué No.3).
 */
export const OWNERSHIP_SHARES: Readonly<Record<Ownership, number>> = {
  private: 0.841,
  mixed: 0.12,
  individual: 0.016,
  collective: 0.007,
  hmt: 0.006,
  foreign: 0.006,
  state: 0.004,
};

/** Regional multipliers on ownership shares before renormalising (assumption: more foreign capital in Shanghai). */
export const REGION_OWNERSHIP_MULTIPLIER: Readonly<Record<RegionKey, Partial<Record<Ownership, number>>>> = {
  shanghai: { foreign: 4, hmt: 2 },
  shaoxing: { foreign: 1.5, hmt: 1.5 },
  guangxi: { hmt: 1.5 },
  hebei: {},
  ningxia: { state: 1.5 },
};

/**
 * Mean enterprise size relative to private enterprises. Census 2018 communiqué No.3 (industrial
 * enterprises): units private 84.4% / state 0.3% / collective 0.7% / HMT 1.3% / foreign 1.3% /
 * rest 12.0%; employment 51.9% / 1.6% / 0.5% / 8.2% / 8.4% / 29.4%. Size ratio = employment share ÷
 * unit share, relative to private. Individual businesses: assumption (half a private firm).
 */
export const OWNERSHIP_SIZE_RATIO: Readonly<Record<Ownership, number>> = {
  private: 1,
  state: 8.67,
  collective: 1.16,
  hmt: 10.26,
  foreign: 10.5,
  mixed: 3.98,
  individual: 0.5,
};

// ---------------------------------------------------------------------------------------------
// Industries

/** Per-industry parameters. */
export interface IndustryParams {
  /** Share of enterprise units (%). */
  readonly unitShare: number;
  /** Mean size relative to the average enterprise. */
  readonly sizeRatio: number;
  /** Mean share of migrant workers (农民工) among employees. */
  readonly migrantShare: number;
  /** Mean share of women among employees. */
  readonly womenShare: number;
  /** Upper bound (exclusive) on employees for "small and micro" (国统字〔2017〕213号, simplified). */
  readonly smallMicroBelow: number;
}

/**
 * Industry mix. Unit shares: census 2018 (wholesale & retail 29.8%, manufacturing 15.0%, leasing &
 * business services 11.7% of legal units); the other sections are assumptions summing to 100%.
 * Size ratios reproduce the census-2018 employment shares (manufacturing 27.3%, construction 15.2%,
 * wholesale & retail 10.5%); the rest is assumption. Migrant shares are set so that migrant workers
 * spread over industries roughly like the NBS 2023 monitoring survey (manufacturing 27.5%,
 * construction 15.4%, wholesale & retail 13.2%, transport 7.1%, hotels & catering 6.7%, resident
 * services 12.7% — open-figures). Women shares: assumption, scaled to the census-2018 overall share
 * of women in legal-unit employment (37.7%). S and T (public administration, international
 * organisations) hold no enterprises.
 */
export const INDUSTRY_PARAMS: Readonly<Record<Industry, IndustryParams>> = {
  A: { unitShare: 2.0, sizeRatio: 0.75, migrantShare: 0.5, womenShare: 0.38, smallMicroBelow: 100 },
  B: { unitShare: 0.4, sizeRatio: 5.0, migrantShare: 0.45, womenShare: 0.14, smallMicroBelow: 300 },
  C: { unitShare: 15.0, sizeRatio: 2.2, migrantShare: 0.56, womenShare: 0.4, smallMicroBelow: 300 },
  D: { unitShare: 0.6, sizeRatio: 2.5, migrantShare: 0.15, womenShare: 0.26, smallMicroBelow: 300 },
  E: { unitShare: 6.5, sizeRatio: 2.34, migrantShare: 0.55, womenShare: 0.13, smallMicroBelow: 300 },
  F: { unitShare: 29.8, sizeRatio: 0.352, migrantShare: 0.62, womenShare: 0.52, smallMicroBelow: 50 },
  G: { unitShare: 3.8, sizeRatio: 1.4, migrantShare: 0.5, womenShare: 0.22, smallMicroBelow: 300 },
  H: { unitShare: 2.6, sizeRatio: 1.2, migrantShare: 0.75, womenShare: 0.55, smallMicroBelow: 100 },
  I: { unitShare: 4.4, sizeRatio: 0.91, migrantShare: 0.12, womenShare: 0.36, smallMicroBelow: 100 },
  J: { unitShare: 1.0, sizeRatio: 2.5, migrantShare: 0.06, womenShare: 0.55, smallMicroBelow: 100 },
  K: { unitShare: 4.2, sizeRatio: 0.95, migrantShare: 0.35, womenShare: 0.42, smallMicroBelow: 100 },
  L: { unitShare: 11.7, sizeRatio: 0.77, migrantShare: 0.4, womenShare: 0.4, smallMicroBelow: 100 },
  M: { unitShare: 9.0, sizeRatio: 0.56, migrantShare: 0.15, womenShare: 0.38, smallMicroBelow: 100 },
  N: { unitShare: 0.8, sizeRatio: 1.25, migrantShare: 0.45, womenShare: 0.4, smallMicroBelow: 100 },
  O: { unitShare: 2.6, sizeRatio: 1.6, migrantShare: 0.85, womenShare: 0.5, smallMicroBelow: 100 },
  P: { unitShare: 1.6, sizeRatio: 0.94, migrantShare: 0.1, womenShare: 0.65, smallMicroBelow: 100 },
  Q: { unitShare: 0.8, sizeRatio: 1.88, migrantShare: 0.2, womenShare: 0.7, smallMicroBelow: 100 },
  R: { unitShare: 3.2, sizeRatio: 0.625, migrantShare: 0.3, womenShare: 0.45, smallMicroBelow: 100 },
  S: { unitShare: 0, sizeRatio: 1, migrantShare: 0.1, womenShare: 0.5, smallMicroBelow: 100 },
  T: { unitShare: 0, sizeRatio: 1, migrantShare: 0.1, womenShare: 0.5, smallMicroBelow: 100 },
};

// ---------------------------------------------------------------------------------------------
// Enterprise size

/**
 * Log-normal size: ln(employees) ~ N(ln(median × ownership ratio × industry ratio), σ). With these
 * values ≈96% of units are small or micro and they hold about half of employment, as in the 2013
 * census (open-figures; Shanghai 2013: 95.2% of units, 47.7% of employment).
 */
export const SIZE_LOG_MEDIAN = Math.log(3.3);
/** Log-sd of enterprise size. */
export const SIZE_LOG_SIGMA = 1.55;
/** Yearly log-size drift and volatility of an enterprise (assumption). */
export const SIZE_DRIFT_PER_YEAR = 0.015;
/** Yearly log-size volatility (assumption). */
export const SIZE_VOLATILITY_PER_YEAR = 0.12;
/** New enterprises start at this fraction of their mature size and reach it after {@link YOUTH_YEARS} (assumption). */
export const YOUTH_START_FRACTION = 0.55;
/** Years to reach mature size (assumption). */
export const YOUTH_YEARS = 4;

/** Share of enterprises whose founding date is unknown (optional field; assumption). */
export const FOUNDED_ON_MISSING = 0.02;
/** Share of enterprises that do not report women employees (optional field; assumption). */
export const WOMEN_EMPLOYEES_MISSING = 0.04;
/** Probability per snapshot that an operating enterprise is suspended (assumption). */
export const SUSPENSION_PER_PERIOD = 0.012;
/** Probability that an enterprise is suspended in the snapshot before it closes (assumption). */
export const SUSPENSION_BEFORE_CLOSURE = 0.3;

// ---------------------------------------------------------------------------------------------
// Union coverage (建会)

/**
 * Coverage probability: logistic(α(t) + β·ln(1 + employees) + ownership + region·g(size)).
 * α and β are tuned so that in 2012 about a quarter of units but over half of the workers are
 * covered — the shape of the 2004 census (22.6% of units, 57.8% of workers; open-figures) — and
 * member density follows ILOSTAT (41.16% in 2012 → 44.25% in 2017; open-figures). After 2017 no
 * figure is available; the trend is continued slowly (assumption).
 */
export const COVERAGE_ALPHA: Curve = piecewise([
  [2012, -2.75],
  [2017, -2.75],
  [2024, -3.15],
]);
/** Slope of coverage in ln(1 + employees). */
export const COVERAGE_BETA = 0.6;

/** Coverage shift (logit) by ownership (assumption: public and foreign firms organise more). */
export const COVERAGE_OWNERSHIP: Readonly<Record<Ownership, number>> = {
  state: 2.2,
  collective: 1.0,
  mixed: 0.5,
  foreign: 0.5,
  hmt: 0.3,
  private: 0,
  individual: -0.8,
};

/**
 * Coverage shift (logit) by region = logit(regional share of units with a union) − logit(22.6%),
 * 2004 census (open-figures): Hebei 25.1%, Guangxi 31.9%, Shanghai 11.3%, Zhejiang 20.5%
 * (used for Shaoxing); Ningxia has no figure (0). The shift fades with size (× 1 / (1 + n/100)),
 * reproducing that Shanghai's low unit coverage (11.3%) still covers 45.5% of its workers.
 */
export const COVERAGE_REGION: Readonly<Record<RegionKey, number>> = {
  hebei: 0.138,
  guangxi: 0.473,
  shanghai: -0.829,
  shaoxing: -0.124,
  ningxia: 0,
};

/** New enterprises are less likely to have a union at their first snapshot (assumption). */
export const NEWBORN_COVERAGE_FACTOR = 0.6;

/**
 * Shaoxing's 2013-09-05 opinions (seeds/004): found a union within one year of opening. Share of
 * the non-covered remainder of newborn Shaoxing enterprises that found a union in their first
 * year, by founding year (assumption for the size of the effect).
 */
export const SHAOXING_TIMELY_BOOST: Curve = piecewise([
  [2013.67, 0],
  [2014.5, 0.2],
  [2016.5, 0.4],
  [2024, 0.45],
]);
/** Date of the Shaoxing implementing opinions (seeds/004). */
export const SHAOXING_OPINIONS_ISO = '2013-09-05';

/**
 * Hebei 2018 campaign (冀工办发〔2018〕43号, seeds/003): non-public and foreign-funded enterprises
 * with 100+ employees. Coverage floors by snapshot (target of the campaign: all of them; the demo
 * reaches ~95%, assumption).
 */
export const HEBEI_CAMPAIGN_FLOOR: Readonly<Record<string, number>> = {
  '2018-11-30': 0.965,
  '2018-12-31': 0.97,
};
/** Floor kept by Hebei after the campaign (2019 onwards; assumption). */
export const HEBEI_POST_CAMPAIGN_FLOOR = 0.95;

/**
 * Ningxia 2020 "grassroots organisation year" (宁工办通（2020）12号, seeds/002): union in every
 * enterprise with 50+ employees by end-2020, then extend to 25+. Coverage floors by snapshot
 * (the demo climbs towards but does not reach 100%; assumption).
 */
export const NINGXIA_FLOOR_50: Readonly<Record<string, number>> = {
  '2018-12-31': 0.5,
  '2019-12-31': 0.6,
  '2020-03-31': 0.76,
  '2020-06-30': 0.84,
  '2020-09-30': 0.91,
  '2020-12-31': 0.965,
};
/** Ningxia floor for 25–49 employees during the campaign (assumption). */
export const NINGXIA_FLOOR_25: Readonly<Record<string, number>> = {
  '2020-03-31': 0.4,
  '2020-06-30': 0.47,
  '2020-09-30': 0.54,
  '2020-12-31': 0.6,
};
/** Floors Ningxia keeps after 2020 (assumption). */
export const NINGXIA_POST_FLOOR = { atLeast50: 0.97, atLeast25: 0.63 } as const;

// ---------------------------------------------------------------------------------------------
// Membership (入会)

/**
 * Federation 入会率 (members ÷ employees in enterprises with a union): mean around 80% (brief; the
 * ACFTU reported a rate of 81.1% in June 2013 — open-figures, chinanews.com 2013-10-12).
 */
export const MEMBER_RATE: Curve = piecewise([
  [2012, 0.79],
  [2017, 0.8],
  [2024, 0.815],
]);
/** Enterprise-level dispersion of the member rate (logit sd) by size: small unions vary more (assumption). */
export const MEMBER_RATE_SIGMA: readonly (readonly [minEmployees: number, sigma: number])[] = [
  [300, 0.25],
  [50, 0.4],
  [0, 0.6],
];
/** Period-to-period jitter of an enterprise's member rate (logit sd; assumption). */
export const MEMBER_RATE_JITTER = 0.1;

/**
 * Migrant workers' enrollment inside a unionized enterprise, as a logit shift from the member
 * rate (assumption: slightly lower). Nationally migrant members are ≈48.5% of all migrant workers
 * in 2018 (ACFTU 140 M migrant members, Oct 2018 ÷ NBS 288.36 M migrant workers; open-figures).
 */
export const MIGRANT_RATE_SHIFT: Readonly<Record<RegionKey, number>> = {
  hebei: -0.1,
  guangxi: -0.1,
  shanghai: -0.15,
  shaoxing: -0.05,
  // Ningxia before its 2020 campaign: low (assumption), so the campaign has ground to make up.
  ningxia: -0.55,
};

/**
 * Ningxia migrant-worker enrollment rate (Σ migrant members ÷ Σ migrant workers, operating
 * enterprises) targeted at each snapshot from the start of the campaign. The document's target is
 * 55% by end-2020 (seeds/002); the demo ends 2020 just short (overall 52–54%, drawn per seed), with
 * counties on both sides of 55%, and passes 55% in 2022 (assumption).
 */
export const NINGXIA_MIGRANT_TARGET: Readonly<Record<string, number>> = {
  '2018-12-31': 0.345,
  '2019-12-31': 0.365,
  '2020-03-31': 0.405,
  '2020-06-30': 0.445,
  '2020-09-30': 0.49,
  '2020-12-31': 0.53,
  '2021-12-31': 0.543,
  '2022-12-31': 0.553,
  '2023-12-31': 0.561,
  '2024-12-31': 0.566,
};
/** Range of the seed-drawn end-2020 overall Ningxia rate (the brief's "just short": 52–54%). */
export const NINGXIA_END_2020_RANGE = [0.522, 0.538] as const;
/** Logit sd of the Ningxia county spread around the regional rate (assumption). */
export const NINGXIA_COUNTY_SPREAD = 0.22;

/**
 * Union form: the Guangxi notice (seeds/000) and Shaoxing opinions (seeds/004) — 25+ members form
 * their own committee, under 25 may join a joint committee. Probability of a joint form by
 * expected members at founding, and of switching to standalone once members reach 25 (assumption).
 */
export const JOINT_FORM = { under25: 0.85, atLeast25: 0.05, switchAtLeast25: 0.5 } as const;

/** Women workers' committee for unions with 10+ women members (seeds/000), share over time (assumption). */
export const WOMEN_COMMITTEE_RATE: Curve = piecewise([
  [2012, 0.72],
  [2024, 0.9],
]);
/** Women's committee where fewer than 10 women members (assumption). */
export const WOMEN_COMMITTEE_SMALL = 0.05;

/**
 * Full-time chair for unions of enterprises with 200+ employees (seeds/004 requires it in
 * Shaoxing from 2013-09-05), share over time (assumption).
 */
export const FULLTIME_CHAIR_RATE: Readonly<Record<'default' | 'shaoxing', Curve>> = {
  default: piecewise([
    [2012, 0.6],
    [2024, 0.72],
  ]),
  shaoxing: piecewise([
    [2012, 0.6],
    [2013.67, 0.62],
    [2016, 0.9],
    [2024, 0.94],
  ]),
};
/** Full-time chair below 200 employees (assumption). */
export const FULLTIME_CHAIR_SMALL = { atLeast100: 0.15, below100: 0.02 } as const;

// ---------------------------------------------------------------------------------------------
// "三清 / 三到位" for enterprises without a union

/** Probabilities that the no-union reason is known and that visited / explained / plan made hold. */
export interface OutreachLevels {
  readonly reasonKnown: number;
  readonly visited: number;
  readonly explained: number;
  readonly planMade: number;
}

/** Everyday outreach (assumption), drifting up slowly. */
export const OUTREACH_DEFAULT: (year: number) => OutreachLevels = (year) => {
  const t = Math.min(1, Math.max(0, (year - 2012) / 12));
  return { reasonKnown: 0.12 + 0.18 * t, visited: 0.06 + 0.1 * t, explained: 0.04 + 0.08 * t, planMade: 0.01 + 0.04 * t };
};

/**
 * Hebei 100+ non-public enterprises without a union (seeds/003 "三清三到位"): mostly unknown before
 * the campaign, nearly all known and visited at its end 2018-11-30 (assumption for the levels).
 */
export const OUTREACH_HEBEI: Readonly<Record<string, OutreachLevels>> = {
  before: { reasonKnown: 0.18, visited: 0.14, explained: 0.09, planMade: 0.03 },
  '2018-11-30': { reasonKnown: 0.97, visited: 0.96, explained: 0.93, planMade: 0.88 },
  '2018-12-31': { reasonKnown: 0.97, visited: 0.96, explained: 0.94, planMade: 0.9 },
  after: { reasonKnown: 0.88, visited: 0.8, explained: 0.76, planMade: 0.6 },
};

/** Ningxia 50+ enterprises without a union during its 2020 campaign (seeds/002; assumption for levels). */
export const OUTREACH_NINGXIA: Readonly<Record<string, OutreachLevels>> = {
  '2020-03-31': { reasonKnown: 0.35, visited: 0.3, explained: 0.22, planMade: 0.1 },
  '2020-06-30': { reasonKnown: 0.6, visited: 0.55, explained: 0.45, planMade: 0.3 },
  '2020-09-30': { reasonKnown: 0.78, visited: 0.75, explained: 0.65, planMade: 0.5 },
  '2020-12-31': { reasonKnown: 0.9, visited: 0.88, explained: 0.8, planMade: 0.66 },
  after: { reasonKnown: 0.8, visited: 0.7, explained: 0.6, planMade: 0.45 },
};

/** Distribution of no-union reasons (weights) for small (<25 employees) and larger firms (assumption). */
export const REASON_WEIGHTS: Readonly<Record<'small' | 'large', readonly number[]>> = {
  // employer_resistance, too_few_workers, high_turnover, no_activist, unaware, in_progress, other
  small: [0.08, 0.45, 0.14, 0.1, 0.15, 0.02, 0.06],
  large: [0.3, 0, 0.22, 0.18, 0.12, 0.1, 0.08],
};
/** Share of campaign-target firms still without a union that report "in_progress" at campaign end (assumption). */
export const IN_PROGRESS_AT_CAMPAIGN_END = 0.35;

// ---------------------------------------------------------------------------------------------
// Member database extract (members.csv)

/**
 * members.csv is a systematic 1-in-3 sample of the real-name member database (pseudonymous ids),
 * so that scale 1 gives ~100k–300k rows. Multiply its counts by 3 to compare with enterprises.csv.
 */
export const MEMBER_EXTRACT_FRACTION = 1 / 4;
/**
 * The real-name database starts on 2017-01-01: the Shanghai 2017 reform (沪工总基〔2017〕172号,
 * seeds/001) asks for it; by 2018 Hebei refers to it as existing (seeds/003). Records that ended
 * before this date are not in the extract; earlier join dates are kept (assumption).
 */
export const MEMBER_DB_START_ISO = '2017-01-01';
/** Yearly departure rate of enterprise members (job turnover), non-migrant / migrant (assumption). */
export const MEMBER_TURNOVER = { resident: 0.1, migrant: 0.2 } as const;
/** Yearly departure rate of eight-group and out-of-enterprise members (assumption). */
export const FLEXIBLE_MEMBER_TURNOVER = 0.25;
/** Share of an enterprise union's first members who join on the founding day (assumption). */
export const FOUNDING_MEMBER_SHARE = 0.7;

/**
 * Share of joins made online, from the first year online enrollment exists: Shanghai's app-based
 * online enrollment from 2017 (seeds/001); elsewhere from 2019 (assumption for all levels).
 */
export const ONLINE_SHARE: Readonly<Record<'shanghai' | 'other', { readonly fromYear: number; readonly share: Curve }>> = {
  shanghai: {
    fromYear: 2017,
    share: piecewise([
      [2017, 0.12],
      [2020, 0.35],
      [2024, 0.55],
    ]),
  },
  other: {
    fromYear: 2019,
    share: piecewise([
      [2019, 0.03],
      [2021, 0.12],
      [2024, 0.25],
    ]),
  },
};

/**
 * Out-of-enterprise members (企业外入会, seeds/001: via village/park/building joint unions), as a
 * share of the county's enterprise employment. Shanghai from 2017; elsewhere small from 2019;
 * Ningxia's 2020 drive adds to it (assumption).
 */
export const OUT_OF_ENTERPRISE_SHARE: Readonly<Record<'shanghai' | 'ningxia' | 'other', Curve>> = {
  shanghai: piecewise([
    [2017, 0],
    [2018, 0.006],
    [2020, 0.015],
    [2024, 0.03],
  ]),
  ningxia: piecewise([
    [2019, 0],
    [2020, 0.002],
    [2021, 0.008],
    [2024, 0.012],
  ]),
  other: piecewise([
    [2019, 0],
    [2020, 0.002],
    [2024, 0.006],
  ]),
};

// ---------------------------------------------------------------------------------------------
// Eight groups (groups.csv)

/** Per-group parameters (assumption unless stated). */
export interface GroupParams {
  /** Workers per 100 enterprise employees of the county in 2018. */
  readonly per100Employees2018: number;
  /** Growth index (2018 = 1). */
  readonly growth: Curve;
  /** Share of migrant workers among the group's members. */
  readonly migrantShare: number;
  /** Share of women among the group's members. */
  readonly womenShare: number;
}

/** The eight groups named nationally and in seeds/002 (sizes and shares: assumption). */
export const GROUP_PARAMS: Readonly<Record<Group, GroupParams>> = {
  truck_driver: { per100Employees2018: 3.0, growth: piecewise([[2012, 0.95], [2018, 1], [2024, 1.05]]), migrantShare: 0.7, womenShare: 0.03 },
  courier: { per100Employees2018: 1.2, growth: piecewise([[2012, 0.3], [2018, 1], [2024, 1.5]]), migrantShare: 0.8, womenShare: 0.12 },
  care_worker: { per100Employees2018: 0.6, growth: piecewise([[2012, 0.7], [2018, 1], [2024, 1.4]]), migrantShare: 0.7, womenShare: 0.8 },
  domestic_worker: { per100Employees2018: 1.5, growth: piecewise([[2012, 0.8], [2018, 1], [2024, 1.2]]), migrantShare: 0.75, womenShare: 0.9 },
  mall_promoter: { per100Employees2018: 1.0, growth: piecewise([[2012, 1.1], [2018, 1], [2024, 0.85]]), migrantShare: 0.5, womenShare: 0.7 },
  food_delivery: { per100Employees2018: 0.8, growth: piecewise([[2012, 0.03], [2015, 0.3], [2018, 1], [2024, 1.8]]), migrantShare: 0.85, womenShare: 0.1 },
  real_estate_agent: { per100Employees2018: 0.8, growth: piecewise([[2012, 0.8], [2018, 1], [2021, 1.05], [2024, 0.8]]), migrantShare: 0.4, womenShare: 0.35 },
  security_guard: { per100Employees2018: 1.5, growth: piecewise([[2012, 0.9], [2018, 1], [2024, 1.1]]), migrantShare: 0.6, womenShare: 0.1 },
};

/**
 * Eight-group enrollment rate (members ÷ workers) by region: low before the national eight-group
 * drive (2018), Shanghai earlier (its 2017 reform names domestic workers, couriers, care workers,
 * real-estate agents and riders, seeds/001), Ningxia strongly in 2020 (seeds/002) (assumption).
 */
export const GROUP_RATE: Readonly<Record<'ningxia' | 'shanghai' | 'other', Curve>> = {
  ningxia: piecewise([[2012, 0.05], [2018, 0.12], [2019.99, 0.2], [2020.25, 0.25], [2020.5, 0.33], [2020.75, 0.42], [2021, 0.5], [2024, 0.58]]),
  shanghai: piecewise([[2012, 0.07], [2016.99, 0.12], [2019, 0.25], [2024, 0.45]]),
  other: piecewise([[2012, 0.05], [2018, 0.1], [2021, 0.22], [2024, 0.35]]),
};
/** Per-group multiplier on the enrollment rate (assumption: truck drivers harder to reach). */
export const GROUP_RATE_FACTOR: Readonly<Record<Group, number>> = {
  truck_driver: 0.8,
  courier: 1.15,
  care_worker: 1.0,
  domestic_worker: 0.8,
  mall_promoter: 1.1,
  food_delivery: 1.0,
  real_estate_agent: 1.1,
  security_guard: 1.15,
};
/** County spread of eight-group enrollment (logit sd; assumption). */
export const GROUP_COUNTY_SPREAD = 0.3;

/**
 * Affiliation weights of eight-group members (enterprise, joint, out_of_enterprise): before
 * enrollment outside the enterprise existed ("early"), in Shanghai from 2017 (seeds/001) and
 * elsewhere from 2019 (assumption).
 */
export const GROUP_AFFILIATION: Readonly<Record<'early' | 'shanghai' | 'other', readonly number[]>> = {
  early: [0.25, 0.75, 0],
  shanghai: [0.15, 0.4, 0.45],
  other: [0.15, 0.6, 0.25],
};
/** First year of out-of-enterprise affiliation for eight-group members outside Shanghai (assumption). */
export const GROUP_OUTSIDE_FROM_YEAR = 2019;

/**
 * Average employees per enterprise in the generated data (measured at scale 1, default seed);
 * converts a county's enterprise count into its employment for the eight groups and the
 * out-of-enterprise members.
 */
export const MEAN_EMPLOYEES_PER_ENTERPRISE = 23;

/** Composition of out-of-enterprise members (assumption). */
export const OUT_OF_ENTERPRISE_COMPOSITION = { migrant: 0.55, women: 0.45 } as const;

// ---------------------------------------------------------------------------------------------
// Reported counts (reported.csv)

/**
 * Ningxia's 2020 targets (seeds/002): 15 workers'-home demonstration sites, 20 cultivation sites,
 * 15 small-home demonstration and 15 cultivation sites, 10–20 integrated service sites, 100
 * collective-bargaining demonstration units, 10 innovation projects. The service-station target
 * is a range; 10 is its lower bound.
 */
export const NINGXIA_2020_TARGETS: Readonly<Record<Indicator, number>> = {
  model_home_demo: 15,
  model_home_cultivation: 20,
  small_home_demo: 15,
  small_home_cultivation: 15,
  service_station: 10,
  bargaining_demo_unit: 100,
  innovation_project: 10,
};

/**
 * Outcome offsets dealt (in seed-shuffled order) to the six single-number Ningxia targets:
 * some met or exceeded, some slightly missed. Multiplied by 3 for the bargaining target (100).
 */
export const NINGXIA_2020_OFFSETS: readonly number[] = [2, 1, 0, -1, -2, -3];
/** Ningxia 2020 service stations land inside the 10–20 range (assumption). */
export const NINGXIA_2020_SERVICE_STATIONS = [12, 18] as const;

/**
 * Everyday yearly counts per county of average size (Poisson means; assumption), and the year
 * the indicator starts being reported.
 */
export const REPORTED_BASE: Readonly<Record<Indicator, { readonly perCountyYear: number; readonly fromYear: number }>> = {
  model_home_demo: { perCountyYear: 0.25, fromYear: 2012 },
  model_home_cultivation: { perCountyYear: 0.35, fromYear: 2012 },
  small_home_demo: { perCountyYear: 0.3, fromYear: 2014 },
  small_home_cultivation: { perCountyYear: 0.35, fromYear: 2014 },
  service_station: { perCountyYear: 0.2, fromYear: 2016 },
  bargaining_demo_unit: { perCountyYear: 1.5, fromYear: 2012 },
  innovation_project: { perCountyYear: 0.15, fromYear: 2015 },
};
/** Share of a year's reported count already reached at each quarter-end (year-to-date; assumption). */
export const YEAR_TO_DATE_SHARE: Readonly<Record<string, number>> = {
  '03-31': 0.12,
  '06-30': 0.38,
  '09-30': 0.68,
  '11-30': 0.9,
  '12-31': 1,
};
