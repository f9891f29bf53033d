import type { DuckDBConnection } from '@duckdb/node-api';
import { measureIds, sources, type SourceId } from '../../src/lib/metrics/sources.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';

/**
 * The true inner cells of one block, read from the warehouse: the rows of a source's cube for
 * one period in one province (one leaf region × one category of each dimension), with every
 * measure. The audit's own reading, independent of the build's protection.
 */
export interface BlockCells {
  readonly length: number;
  readonly county: readonly (string | null)[];
  readonly prefecture: readonly (string | null)[];
  readonly dims: Readonly<Record<string, readonly string[]>>;
  readonly values: Readonly<Record<string, Float64Array>>;
}

/** Reads the inner cells of (source, period, province). */
export async function readBlockCells(connection: DuckDBConnection, sourceId: SourceId, period: string, province: string): Promise<BlockCells> {
  const source = sources[sourceId];
  const dims = Object.keys(source.dims);
  const measures = measureIds(source);
  const select = [
    'county', 'prefecture',
    ...dims.map((d) => `CAST(${ident(d)} AS VARCHAR) AS ${ident(d)}`),
    ...measures.map((m) => `CAST(coalesce(${ident(m)}, 0) AS DOUBLE) AS ${ident(m)}`),
  ];
  const result = await connection.runAndReadAll(`SELECT ${select.join(', ')} FROM ${ident(source.table)}
    WHERE period = CAST(${str(period)} AS DATE) AND province = ${str(province)}`);
  const columns = result.getColumnsObjectJS() as Record<string, (string | number | null)[]>;
  return {
    length: result.currentRowCount,
    county: columns.county as (string | null)[],
    prefecture: columns.prefecture as (string | null)[],
    dims: Object.fromEntries(dims.map((d) => [d, columns[d] as string[]])),
    values: Object.fromEntries(measures.map((m) => [m, Float64Array.from(columns[m] as number[])])),
  };
}

/** Each cell's leaf region: its county, or `(prefecture)` for a region's own report not attributed below it. */
export function leafRegions(cells: { readonly county: readonly (string | null)[]; readonly prefecture: readonly (string | null)[] }): string[] {
  return cells.county.map((c, i) => c ?? `(${cells.prefecture[i] ?? ''})`);
}
