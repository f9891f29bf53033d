import { contract } from '../contract/contract.ts';

/** Employee size bands, as published (the lower bound is inclusive). */
export const sizeBands = ['0-24', '25-49', '50-99', '100-199', '200-999', '1000+'] as const;

/**
 * What a measure adds up, for disclosure control (see docs/disclosure.md):
 * - `units`: a count of the units a cell is about (enterprises, persons, new unions). Below k
 *   it is protected by an interval at least k wide.
 * - `persons`: a number of persons summed over enterprises (employees, members) or counted
 *   among persons (online joins among joins). It is protected when the units it is computed
 *   from are below k, by an interval that reaches at least 10% (and 1) either side of it.
 * - `attribute`: a count of enterprises having some property (a union, a visit, a plan). It is
 *   protected when the units it is computed from are below k, from exact derivation.
 * - `none`: not about people or enterprises (sites reported by federations); not protected.
 */
export type MeasureKind = 'units' | 'persons' | 'attribute' | 'none';

/** A measure: an additive column of a cube. */
export interface Measure {
  readonly kind: MeasureKind;
  /**
   * What it counts: the aggregate over the rows of the source's input table in a group of
   * period × region × dimensions (scripts/metrics/cube-sql.ts builds the cubes from it). In
   * the members cube, over members `m` at periods `p`.
   */
  readonly sql: string;
  /**
   * The unit counts (measures of the same cube) the value is computed from: when any of them
   * is between 1 and k − 1 in a cell, the value of that cell is sensitive. A `units` measure
   * lists itself.
   */
  readonly over: readonly string[];
}

/** A cube the metrics are computed from: one per input file. */
export interface MetricSource {
  /** Name of the cube table, in the warehouse and in the browser. */
  readonly table: string;
  /** Dimensions other than period and region, with their allowed values. */
  readonly dims: Readonly<Record<string, readonly string[]>>;
  /** Additive measures (sums) the cube holds, in column order. */
  readonly measures: Readonly<Record<string, Measure>>;
  /** Exact relations between measures in every cell, which an attacker knows: whole = Σ parts. */
  readonly identities?: readonly { readonly whole: string; readonly parts: readonly string[] }[];
}

const codes = (name: string) => contract.enums[name]!.values.map((v) => v.code);

const units = (sql: string, ...over: string[]): Measure => ({ kind: 'units', sql, over });
const persons = (sql: string, ...over: string[]): Measure => ({ kind: 'persons', sql, over });
const attribute = (sql: string, ...over: string[]): Measure => ({ kind: 'attribute', sql, over });

/** A sum of a column as a whole number; of the rows that meet a condition, 0 when none does. */
const total = (column: string, filter?: string) =>
  filter === undefined ? `CAST(sum(${column}) AS BIGINT)` : `CAST(coalesce(sum(${column}) FILTER (${filter}), 0) AS BIGINT)`;
/** A count of the rows that meet a condition. */
const rows = (filter?: string) => (filter === undefined ? 'count(*)' : `count(*) FILTER (${filter})`);

/**
 * The date of Shaoxing's rule that an enterprise found a union within a year of opening
 * (绍兴市委办、市政府办 2013-09-05). The `_rule` timely-founding measures count only
 * enterprises opened on or after it: one opened earlier could not have complied, and counting
 * it would judge the rule on years before it existed.
 */
export const TIMELY_FOUNDING_FROM = '2013-09-05';

/** An enterprise with a union (of any form). */
const union = `union_form <> 'none'`;
/** Open for a year or more at the period. */
const year = `founded_on <= period - INTERVAL 1 YEAR`;
/** Its union founded within a year of opening. */
const timely = `${union} AND union_founded_on <= founded_on + INTERVAL 1 YEAR`;
/** Opened on or after the Shaoxing rule. */
const rule = `founded_on >= DATE '${TIMELY_FOUNDING_FROM}'`;
/** A member who joined in the year up to the period. */
const joined = `m.joined_on > p.period - INTERVAL 1 YEAR AND m.joined_on <= p.period`;
/** A member at the period. */
const present = `m.joined_on <= p.period AND (m.left_on IS NULL OR m.left_on > p.period)`;

/**
 * The four metric sources. Every cube has `period` (DATE) and the region columns `county`,
 * `prefecture`, `province` (a row is counted in every non-null one), then its dimensions and
 * measures.
 */
export const sources: Readonly<Record<'enterprises' | 'groups' | 'members' | 'reported', MetricSource>> = {
  enterprises: {
    table: 'cube_enterprises',
    dims: { ownership: codes('ownership'), industry: codes('industry'), size_band: sizeBands },
    measures: {
      enterprises: units(rows(), 'enterprises'),
      employees: persons(total('employees'), 'enterprises'),
      migrant_workers: persons(total('migrant_workers'), 'enterprises', 'migrant_enterprises'),
      members: persons(total('members'), 'enterprises', 'member_enterprises'),
      migrant_members: persons(total('migrant_members'), 'enterprises', 'migrant_enterprises', 'migrant_member_enterprises'),
      migrant_enterprises: attribute(rows('migrant_workers > 0'), 'enterprises'),
      migrant_member_enterprises: attribute(rows('migrant_members > 0'), 'enterprises'),
      member_enterprises: attribute(rows('members > 0'), 'enterprises'),
      unionized: attribute(rows(union), 'enterprises'),
      unionized_employees: persons(total('employees', union), 'enterprises', 'unionized'),
      unionized_migrant_workers: persons(total('migrant_workers', union), 'enterprises', 'unionized_migrant_enterprises'),
      unionized_migrant_enterprises: attribute(rows(`${union} AND migrant_workers > 0`), 'enterprises'),
      no_union: attribute(rows(`NOT ${union}`), 'enterprises'),
      reason_recorded: attribute(rows(`NOT ${union} AND no_union_reason IS NOT NULL`), 'enterprises', 'no_union'),
      visited: attribute(rows(`NOT ${union} AND visited`), 'enterprises', 'no_union'),
      policy_explained: attribute(rows(`NOT ${union} AND policy_explained`), 'enterprises', 'no_union'),
      plan_made: attribute(rows(`NOT ${union} AND plan_made`), 'enterprises', 'no_union'),
      union_members25: attribute(rows(`union_form IN ('standalone', 'joint') AND members >= 25`), 'enterprises'),
      standalone_members25: attribute(rows(`union_form = 'standalone' AND members >= 25`), 'enterprises', 'union_members25'),
      union_women10: attribute(rows(`${union} AND women_members >= 10`), 'enterprises'),
      women_committee_women10: attribute(rows(`${union} AND women_members >= 10 AND women_committee`), 'enterprises', 'union_women10'),
      fulltime_chair: attribute(rows(`${union} AND fulltime_chair`), 'enterprises', 'unionized'),
      established_1y: attribute(rows(year), 'enterprises'),
      timely_1y: attribute(rows(`${year} AND ${timely}`), 'enterprises', 'established_1y'),
      established_1y_rule: attribute(rows(`${rule} AND ${year}`), 'enterprises'),
      timely_1y_rule: attribute(rows(`${rule} AND ${year} AND ${timely}`), 'enterprises', 'established_1y_rule'),
      new_unions: units(rows(`${union} AND union_founded_on > period - INTERVAL 1 YEAR`), 'new_unions'),
    },
    identities: [{ whole: 'enterprises', parts: ['unionized', 'no_union'] }],
  },
  groups: {
    table: 'cube_groups',
    dims: { group: codes('group') },
    measures: { workers: units(total('workers'), 'workers'), members: persons(total('members'), 'workers') },
  },
  members: {
    table: 'cube_members',
    dims: {},
    measures: {
      joins: units(rows(joined), 'joins'),
      online_joins: persons(rows(`${joined} AND m.channel = 'online'`), 'joins'),
      members_at: units(rows(present), 'members_at'),
      out_of_enterprise: units(rows(`${present} AND m.affiliation = 'out_of_enterprise'`), 'out_of_enterprise'),
    },
  },
  reported: { table: 'cube_reported', dims: { indicator: codes('indicator') }, measures: { value: { kind: 'none', sql: total('value'), over: [] } } },
};

/** The measure ids of a source, in column order. */
export function measureIds(source: MetricSource): string[] {
  return Object.keys(source.measures);
}

export type SourceId = keyof typeof sources;
