import { contract } from '../contract/contract.ts';

/** Employee size bands, as published (the lower bound is inclusive). */
export const sizeBands = ['0-24', '25-49', '50-99', '100-199', '200-999', '1000+'] as const;
export type SizeBand = (typeof sizeBands)[number];

/** A cube the metrics are computed from: one per input file. */
export interface MetricSource {
  /** Name of the cube table, in the warehouse and in the browser. */
  readonly table: string;
  /** Dimensions other than period and region, with their allowed values. */
  readonly dims: Readonly<Record<string, readonly string[]>>;
  /** Additive measures (sums) the cube holds. */
  readonly measures: readonly string[];
}

const codes = (name: string) => contract.enums[name]!.values.map((v) => v.code);

/**
 * The four metric sources. Every cube has `period` (DATE) and the region columns `county`,
 * `prefecture`, `province` (a row is counted in every non-null one), then its dimensions and
 * measures.
 */
export const sources: Readonly<Record<'enterprises' | 'groups' | 'members' | 'reported', MetricSource>> = {
  enterprises: {
    table: 'cube_enterprises',
    dims: { ownership: codes('ownership'), industry: codes('industry'), size_band: sizeBands },
    measures: [
      'enterprises', 'employees', 'migrant_workers', 'members', 'migrant_members',
      'migrant_enterprises', 'migrant_member_enterprises', 'member_enterprises',
      'unionized', 'unionized_employees', 'no_union',
      'reason_recorded', 'visited', 'policy_explained', 'plan_made',
      'union_members25', 'standalone_members25', 'union_women10', 'women_committee_women10',
      'fulltime_chair', 'established_1y', 'timely_1y', 'new_unions',
    ],
  },
  groups: { table: 'cube_groups', dims: { group: codes('group') }, measures: ['workers', 'members'] },
  members: { table: 'cube_members', dims: {}, measures: ['joins', 'online_joins', 'members_at', 'out_of_enterprise'] },
  reported: { table: 'cube_reported', dims: { indicator: codes('indicator') }, measures: ['value'] },
};

export type SourceId = keyof typeof sources;

/** Region levels, from the top. */
export const regionLevels = ['province', 'prefecture', 'county'] as const;
export type Level = (typeof regionLevels)[number];
