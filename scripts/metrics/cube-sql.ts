import { ident } from '../../src/lib/sql/quote.ts';
import { sizeBands, sources } from '../../src/lib/metrics/sources.ts';

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
 * build-only: the browser never sees them, only their protected metric cells.
 */
export function cubeStatements(): string[] {
  const union = `union_form <> 'none'`;
  const enterprises = `CREATE OR REPLACE TABLE ${ident(sources.enterprises.table)} AS
SELECT e.period, ${regionColumns}, e.ownership, coalesce(e.industry, 'unknown') AS industry, ${sizeBandSql('e.employees')} AS size_band,
  count(*) AS enterprises,
  sum(employees) AS employees,
  sum(migrant_workers) AS migrant_workers,
  sum(members) AS members,
  sum(migrant_members) AS migrant_members,
  count(*) FILTER (migrant_workers > 0) AS migrant_enterprises,
  count(*) FILTER (migrant_members > 0) AS migrant_member_enterprises,
  count(*) FILTER (members > 0) AS member_enterprises,
  count(*) FILTER (${union}) AS unionized,
  coalesce(sum(employees) FILTER (${union}), 0) AS unionized_employees,
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
  count(*) FILTER (${union} AND union_founded_on > period - INTERVAL 1 YEAR) AS new_unions
FROM enterprises AS e JOIN regions AS r ON r.code = e.region_code
WHERE e.status = 'operating'
GROUP BY ALL`;

  const groups = `CREATE OR REPLACE TABLE ${ident(sources.groups.table)} AS
SELECT g.period, ${regionColumns}, g."group", sum(workers) AS workers, sum(members) AS members
FROM groups AS g JOIN regions AS r ON r.code = g.region_code
GROUP BY ALL`;

  // Members are counted at every period any file reports, from their join and leave dates.
  const members = `CREATE OR REPLACE TABLE ${ident(sources.members.table)} AS
WITH periods AS (
  SELECT DISTINCT period FROM enterprises UNION SELECT DISTINCT period FROM groups UNION SELECT DISTINCT period FROM reported
)
SELECT p.period, ${regionColumns},
  count(*) FILTER (m.joined_on > p.period - INTERVAL 1 YEAR AND m.joined_on <= p.period) AS joins,
  count(*) FILTER (m.joined_on > p.period - INTERVAL 1 YEAR AND m.joined_on <= p.period AND m.channel = 'online') AS online_joins,
  count(*) FILTER (m.joined_on <= p.period AND (m.left_on IS NULL OR m.left_on > p.period)) AS members_at,
  count(*) FILTER (m.joined_on <= p.period AND (m.left_on IS NULL OR m.left_on > p.period) AND m.affiliation = 'out_of_enterprise') AS out_of_enterprise
FROM periods AS p CROSS JOIN members AS m JOIN regions AS r ON r.code = m.region_code
WHERE m.joined_on <= p.period
GROUP BY ALL`;

  const reported = `CREATE OR REPLACE TABLE ${ident(sources.reported.table)} AS
SELECT t.period, ${regionColumns}, t.indicator, sum(value) AS value
FROM reported AS t JOIN regions AS r ON r.code = t.region_code
GROUP BY ALL`;
  return [enterprises, groups, members, reported];
}
