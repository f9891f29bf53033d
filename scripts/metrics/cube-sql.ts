import { ident } from '../../src/lib/sql/quote.ts';
import { measureIds, sizeBands, sources } from '../../src/lib/metrics/sources.ts';
import { membersCubeStatement } from './members-cube-sql.ts';

const enterpriseMeasures = measureIds(sources.enterprises);

/**
 * The date of Shaoxing's rule that an enterprise found a union within a year of opening
 * (绍兴市委办、市政府办 2013-09-05). The `_rule` timely-founding measures count only
 * enterprises opened on or after it: one opened earlier could not have complied, and counting
 * it would judge the rule on years before it existed.
 */
export const TIMELY_FOUNDING_FROM = '2013-09-05';

/** SQL for the size band of an employee count, from sizeBands. */
export function sizeBandSql(employees: string): string {
  const bounds = sizeBands.slice(0, -1).map((band) => Number(band.split('-')[1]) + 1);
  const arms = bounds.map((bound, i) => `WHEN ${employees} < ${bound} THEN '${sizeBands[i]}'`);
  return `CASE ${arms.join(' ')} ELSE '${sizeBands[sizeBands.length - 1]}' END`;
}

/** Region columns of a row from its region_code, through the regions reference `r`. */
const regionColumns = `CASE WHEN r.level = 'county' THEN r.code END AS county,
  CASE WHEN r.level = 'prefecture' THEN r.code WHEN r.level = 'county' THEN r.prefecture END AS prefecture,
  r.province AS province`;

/**
 * Statements that build the exact cubes in the warehouse from the loaded rows. They are
 * build-only: the browser never sees them, only their protected metric cells. `periods` is the
 * number of distinct periods the files report (see periodsSql).
 */
export function cubeStatements(periods: number): string[] {
  const union = `union_form <> 'none'`;
  // Aggregated by region code first, then joined to the regions: a region code names exactly
  // one (county, prefecture, province), so the groups are the same, and the join sees the
  // groups instead of every row.
  const enterprises = `CREATE OR REPLACE TABLE ${ident(sources.enterprises.table)} AS
SELECT e.period, ${regionColumns}, e.ownership, e.industry, e.size_band, ${enterpriseMeasures.map((m) => `e.${m}`).join(', ')}
FROM (
  SELECT period, region_code, ownership, coalesce(industry, 'unknown') AS industry, ${sizeBandSql('employees')} AS size_band,
  count(*) AS enterprises,
  CAST(sum(employees) AS BIGINT) AS employees,
  CAST(sum(migrant_workers) AS BIGINT) AS migrant_workers,
  CAST(sum(members) AS BIGINT) AS members,
  CAST(sum(migrant_members) AS BIGINT) AS migrant_members,
  count(*) FILTER (migrant_workers > 0) AS migrant_enterprises,
  count(*) FILTER (migrant_members > 0) AS migrant_member_enterprises,
  count(*) FILTER (members > 0) AS member_enterprises,
  count(*) FILTER (${union}) AS unionized,
  CAST(coalesce(sum(employees) FILTER (${union}), 0) AS BIGINT) AS unionized_employees,
  CAST(coalesce(sum(migrant_workers) FILTER (${union}), 0) AS BIGINT) AS unionized_migrant_workers,
  count(*) FILTER (${union} AND migrant_workers > 0) AS unionized_migrant_enterprises,
  count(*) FILTER (NOT ${union}) AS no_union,
  count(*) FILTER (NOT ${union} AND no_union_reason IS NOT NULL) AS reason_recorded,
  count(*) FILTER (NOT ${union} AND visited) AS visited,
  count(*) FILTER (NOT ${union} AND policy_explained) AS policy_explained,
  count(*) FILTER (NOT ${union} AND plan_made) AS plan_made,
  count(*) FILTER (union_form IN ('standalone', 'joint') AND members >= 25) AS union_members25,
  count(*) FILTER (union_form = 'standalone' AND members >= 25) AS standalone_members25,
  count(*) FILTER (${union} AND women_members >= 10) AS union_women10,
  count(*) FILTER (${union} AND women_members >= 10 AND women_committee) AS women_committee_women10,
  count(*) FILTER (${union} AND fulltime_chair) AS fulltime_chair,
  count(*) FILTER (founded_on <= period - INTERVAL 1 YEAR) AS established_1y,
  count(*) FILTER (founded_on <= period - INTERVAL 1 YEAR AND ${union} AND union_founded_on <= founded_on + INTERVAL 1 YEAR) AS timely_1y,
  count(*) FILTER (founded_on >= DATE '${TIMELY_FOUNDING_FROM}' AND founded_on <= period - INTERVAL 1 YEAR) AS established_1y_rule,
  count(*) FILTER (founded_on >= DATE '${TIMELY_FOUNDING_FROM}' AND founded_on <= period - INTERVAL 1 YEAR AND ${union} AND union_founded_on <= founded_on + INTERVAL 1 YEAR) AS timely_1y_rule,
  count(*) FILTER (${union} AND union_founded_on > period - INTERVAL 1 YEAR) AS new_unions
  FROM enterprises
  WHERE status = 'operating'
  GROUP BY ALL
) AS e JOIN regions AS r ON r.code = e.region_code`;

  const groups = `CREATE OR REPLACE TABLE ${ident(sources.groups.table)} AS
SELECT g.period, ${regionColumns}, g."group", CAST(sum(workers) AS BIGINT) AS workers, CAST(sum(members) AS BIGINT) AS members
FROM groups AS g JOIN regions AS r ON r.code = g.region_code
GROUP BY ALL`;

  const members = membersCubeStatement(regionColumns, periods);

  const reported = `CREATE OR REPLACE TABLE ${ident(sources.reported.table)} AS
SELECT t.period, ${regionColumns}, t.indicator, CAST(sum(value) AS BIGINT) AS value
FROM reported AS t JOIN regions AS r ON r.code = t.region_code
GROUP BY ALL`;
  return [enterprises, groups, members, reported];
}
