import type { DuckDBConnection } from '@duckdb/node-api';
import type { InnerCells } from '../../src/lib/disclosure/block-model.ts';
import { measureIds, sources, type SourceId } from '../../src/lib/metrics/sources.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { UNATTRIBUTED } from './region-tree.ts';

/**
 * The inner cells of one block: the rows of a source's cube for one period in one province,
 * as columns, ordered by region (prefecture, county) then dimensions, so that cells of one
 * region are neighbours among the variables of the elimination, in descending order: the
 * elimination pivots on a row's first variable, and in this order the rows it keeps have less
 * fill-in (the same decisions, measured 25–35% faster on the 1x demo's largest blocks). A row
 * with no county is the pseudo-region of what its prefecture (or province) reported itself.
 */
export async function blockInnerCells(connection: DuckDBConnection, sourceId: SourceId, period: string, province: string): Promise<InnerCells> {
  const source = sources[sourceId];
  const dims = Object.keys(source.dims);
  const measures = measureIds(source);
  const columns = (await connection.runAndReadAll(`SELECT county, prefecture, province,
    ${[...dims.map((d) => `CAST(${ident(d)} AS VARCHAR) AS ${ident(d)}`), ...measures.map((m) => `CAST(${ident(m)} AS DOUBLE) AS ${ident(m)}`)].join(', ')}
    FROM ${ident(source.table)}
    WHERE period = CAST(${str(period)} AS DATE) AND province = ${str(province)}
    ORDER BY prefecture DESC NULLS FIRST, county DESC NULLS FIRST${dims.map((d) => `, ${ident(d)} DESC`).join('')}`)).getColumnsObjectJS() as Record<string, (string | number | null)[]>;
  const county = columns.county as (string | null)[];
  const prefecture = columns.prefecture as (string | null)[];
  return {
    length: county.length,
    region: county.map((c, i) => c ?? `${prefecture[i] ?? province}${UNATTRIBUTED}`),
    dims: Object.fromEntries(dims.map((d) => [d, columns[d] as string[]])),
    values: Object.fromEntries(measures.map((m) => [m, Float64Array.from(columns[m] as (number | null)[], (x) => x ?? 0)])),
  };
}
