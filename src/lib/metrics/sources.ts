import { contract } from '../contract/contract.ts';

/** Employee size bands, as published (the lower bound is inclusive). */
export const sizeBands = ['0-24', '25-49', '50-99', '100-199', '200-999', '1000+'] as const;
export type SizeBand = (typeof sizeBands)[number];

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

const units = (...over: string[]): Measure => ({ kind: 'units', over });
const persons = (...over: string[]): Measure => ({ kind: 'persons', over });
const attribute = (...over: string[]): Measure => ({ kind: 'attribute', over });

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
      enterprises: units('enterprises'),
      employees: persons('enterprises'),
      migrant_workers: persons('enterprises', 'migrant_enterprises'),
      members: persons('enterprises', 'member_enterprises'),
      migrant_members: persons('enterprises', 'migrant_enterprises', 'migrant_member_enterprises'),
      migrant_enterprises: attribute('enterprises'),
      migrant_member_enterprises: attribute('enterprises'),
      member_enterprises: attribute('enterprises'),
      unionized: attribute('enterprises'),
      unionized_employees: persons('enterprises', 'unionized'),
      unionized_migrant_workers: persons('enterprises', 'unionized_migrant_enterprises'),
      unionized_migrant_enterprises: attribute('enterprises'),
      no_union: attribute('enterprises'),
      reason_recorded: attribute('enterprises', 'no_union'),
      visited: attribute('enterprises', 'no_union'),
      policy_explained: attribute('enterprises', 'no_union'),
      plan_made: attribute('enterprises', 'no_union'),
      union_members25: attribute('enterprises'),
      standalone_members25: attribute('enterprises', 'union_members25'),
      union_women10: attribute('enterprises'),
      women_committee_women10: attribute('enterprises', 'union_women10'),
      fulltime_chair: attribute('enterprises', 'unionized'),
      established_1y: attribute('enterprises'),
      timely_1y: attribute('enterprises', 'established_1y'),
      established_1y_rule: attribute('enterprises'),
      timely_1y_rule: attribute('enterprises', 'established_1y_rule'),
      new_unions: units('new_unions'),
    },
    identities: [{ whole: 'enterprises', parts: ['unionized', 'no_union'] }],
  },
  groups: { table: 'cube_groups', dims: { group: codes('group') }, measures: { workers: units('workers'), members: persons('workers') } },
  members: {
    table: 'cube_members',
    dims: {},
    measures: {
      joins: units('joins'),
      online_joins: persons('joins'),
      members_at: units('members_at'),
      out_of_enterprise: units('out_of_enterprise'),
    },
  },
  reported: { table: 'cube_reported', dims: { indicator: codes('indicator') }, measures: { value: { kind: 'none', over: [] } } },
};

/** The measure ids of a source, in column order. */
export function measureIds(source: MetricSource): string[] {
  return Object.keys(source.measures);
}

export type SourceId = keyof typeof sources;
