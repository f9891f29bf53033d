import { ident } from '../../src/lib/sql/quote.ts';
import { measureIds, sizeBands, sources } from '../../src/lib/metrics/sources.ts';
import { measureColumns } from './measure-columns.ts';
import { membersCubeStatement } from './members-cube-sql.ts';

const enterpriseMeasures = measureIds(sources.enterprises);

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
  // Aggregated by region code first, then joined to the regions: a region code names exactly
  // one (county, prefecture, province), so the groups are the same, and the join sees the
  // groups instead of every row.
  const enterprises = `CREATE OR REPLACE TABLE ${ident(sources.enterprises.table)} AS
SELECT e.period, ${regionColumns}, e.ownership, e.industry, e.size_band, ${enterpriseMeasures.map((m) => `e.${m}`).join(', ')}
FROM (
  SELECT period, region_code, ownership, coalesce(industry, 'unknown') AS industry, ${sizeBandSql('employees')} AS size_band,
  ${measureColumns(sources.enterprises)}
  FROM enterprises
  WHERE status = 'operating'
  GROUP BY ALL
) AS e JOIN regions AS r ON r.code = e.region_code`;

  const groups = `CREATE OR REPLACE TABLE ${ident(sources.groups.table)} AS
SELECT g.period, ${regionColumns}, g."group", ${measureColumns(sources.groups)}
FROM groups AS g JOIN regions AS r ON r.code = g.region_code
GROUP BY ALL`;

  const members = membersCubeStatement(regionColumns, periods);

  const reported = `CREATE OR REPLACE TABLE ${ident(sources.reported.table)} AS
SELECT t.period, ${regionColumns}, t.indicator, ${measureColumns(sources.reported)}
FROM reported AS t JOIN regions AS r ON r.code = t.region_code
GROUP BY ALL`;
  return [enterprises, groups, members, reported];
}
