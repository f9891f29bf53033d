import { ident } from '../../src/lib/sql/quote.ts';
import { sources } from '../../src/lib/metrics/sources.ts';
import { measureColumns } from './measure-columns.ts';

/** The periods members are counted at: every period any file reports. */
export const periodsSql = `SELECT DISTINCT period FROM enterprises UNION SELECT DISTINCT period FROM groups UNION SELECT DISTINCT period FROM reported`;

/** Most periods the bitmask form handles: one bit of a UBIGINT per period. */
export const MAX_MASK_PERIODS = 64;

/**
 * The statement that builds cube_members: per period and region, members who joined in the
 * year up to the period (and of those, online), and members at the period (and of those,
 * outside an enterprise). `regionColumns` is the SQL of the region columns over `r`.
 *
 * Counting every member at every period is a cross join of periods × members (140 million
 * rows at 30× the demo). Whether a member counts at a period depends only on its join date,
 * its leave date and the period, so each distinct date gets a bitmask of the periods it counts
 * at (distinct dates × periods: a few hundred thousand rows), members are grouped by region,
 * masks and flags (a few thousand groups), and only the groups meet the periods. Same counts,
 * same groups: a (period, region) row exists when some member of the region joined by then.
 * With more than MAX_MASK_PERIODS periods the plain cross join is used: the measures' own
 * definitions (src/lib/metrics/sources.ts), which test/data/members-cube.test.ts shows the
 * bitmask form equals.
 */
export function membersCubeStatement(regionColumns: string, periods: number): string {
  const table = ident(sources.members.table);
  if (periods > MAX_MASK_PERIODS) {
    return `CREATE OR REPLACE TABLE ${table} AS
WITH periods AS (${periodsSql})
SELECT p.period, ${regionColumns},
  ${measureColumns(sources.members)}
FROM periods AS p CROSS JOIN members AS m JOIN regions AS r ON r.code = m.region_code
WHERE m.joined_on <= p.period
GROUP BY ALL`;
  }
  const bit = `(CAST(1 AS UBIGINT) << p.i)`;
  const mask = (condition: string) => `bit_or(CASE WHEN ${condition} THEN ${bit} ELSE CAST(0 AS UBIGINT) END)`;
  const has = (m: string) => `((${m} >> p.i) & CAST(1 AS UBIGINT)) = 1`;
  const count = (condition: string) => `CAST(coalesce(sum(c.n) FILTER (${condition}), 0) AS BIGINT)`;
  return `CREATE OR REPLACE TABLE ${table} AS
WITH periods AS (
  SELECT period, CAST(row_number() OVER (ORDER BY period) - 1 AS INTEGER) AS i FROM (${periodsSql})
),
joined AS (
  SELECT d.joined_on, ${mask('d.joined_on <= p.period')} AS present,
    ${mask('d.joined_on > p.period - INTERVAL 1 YEAR AND d.joined_on <= p.period')} AS recent
  FROM (SELECT DISTINCT joined_on FROM members) AS d CROSS JOIN periods AS p
  GROUP BY d.joined_on
),
staying AS (
  SELECT d.left_on, ${mask('d.left_on IS NULL OR d.left_on > p.period')} AS staying
  FROM (SELECT DISTINCT left_on FROM members) AS d CROSS JOIN periods AS p
  GROUP BY d.left_on
),
classes AS (
  SELECT m.region_code, j.present, j.recent, s.staying,
    coalesce(m.channel = 'online', false) AS online, coalesce(m.affiliation = 'out_of_enterprise', false) AS outside, count(*) AS n
  FROM members AS m
  JOIN joined AS j ON j.joined_on = m.joined_on
  JOIN staying AS s ON s.left_on IS NOT DISTINCT FROM m.left_on
  GROUP BY ALL
)
SELECT p.period, ${regionColumns},
  ${count(has('c.recent'))} AS joins,
  ${count(`${has('c.recent')} AND c.online`)} AS online_joins,
  ${count(has('c.staying'))} AS members_at,
  ${count(`${has('c.staying')} AND c.outside`)} AS out_of_enterprise
FROM periods AS p JOIN classes AS c ON ${has('c.present')} JOIN regions AS r ON r.code = c.region_code
GROUP BY ALL`;
}
