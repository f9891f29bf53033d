/**
 * The closed vocabularies of the input contract (the ingest rejects anything else), as readonly
 * tuples with derived union types.
 */

/** Ownership types. */
export const OWNERSHIPS = ['state', 'collective', 'private', 'individual', 'hmt', 'foreign', 'mixed'] as const;
/** One ownership type. */
export type Ownership = (typeof OWNERSHIPS)[number];

/** Non-public ownership types (private, individual, Hong Kong/Macao/Taiwan, foreign). */
export const NON_PUBLIC: ReadonlySet<Ownership> = new Set<Ownership>(['private', 'individual', 'hmt', 'foreign']);
/** Foreign-funded ownership types. */
export const FOREIGN_FUNDED: ReadonlySet<Ownership> = new Set<Ownership>(['hmt', 'foreign']);

/** GB/T 4754-2017 sections A–T. */
export const INDUSTRIES = [
  'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T',
] as const;
/** One industry section letter. */
export type Industry = (typeof INDUSTRIES)[number];

/** Enterprise status at a snapshot. */
export const STATUSES = ['operating', 'suspended', 'closed'] as const;
/** One status. */
export type Status = (typeof STATUSES)[number];

/** Union form. */
export const UNION_FORMS = ['none', 'standalone', 'joint'] as const;
/** One union form. */
export type UnionForm = (typeof UNION_FORMS)[number];

/** Reasons recorded for enterprises without a union ("未建会原因"). */
export const NO_UNION_REASONS = [
  'employer_resistance', 'too_few_workers', 'high_turnover', 'no_activist', 'unaware', 'in_progress', 'other',
] as const;
/** One no-union reason. */
export type NoUnionReason = (typeof NO_UNION_REASONS)[number];

/** The eight groups (八大群体). */
export const GROUPS = [
  'truck_driver', 'courier', 'care_worker', 'domestic_worker',
  'mall_promoter', 'food_delivery', 'real_estate_agent', 'security_guard',
] as const;
/** One of the eight groups. */
export type Group = (typeof GROUPS)[number];

/** Enrollment channel in the member database. */
export const CHANNELS = ['onsite', 'online'] as const;
/** One channel. */
export type Channel = (typeof CHANNELS)[number];

/** Where a member's union membership is held. */
export const AFFILIATIONS = ['enterprise', 'joint', 'out_of_enterprise'] as const;
/** One affiliation. */
export type Affiliation = (typeof AFFILIATIONS)[number];

/** Indicators reported directly by federations. */
export const INDICATORS = [
  'model_home_demo', 'model_home_cultivation', 'small_home_demo', 'small_home_cultivation',
  'service_station', 'bargaining_demo_unit', 'innovation_project',
] as const;
/** One reported indicator. */
export type Indicator = (typeof INDICATORS)[number];

/** The five regions of the policy documents. */
export const REGION_KEYS = ['ningxia', 'hebei', 'guangxi', 'shanghai', 'shaoxing'] as const;
/** One region. */
export type RegionKey = (typeof REGION_KEYS)[number];
