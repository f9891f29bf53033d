import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { compareKeys } from '../../scripts/metrics/cell-order.ts';

/** compareKeys sorts as DuckDB's ORDER BY does, so that files built from either are the same. */
describe('cell order', () => {
  it('sorts text and nulls as DuckDB does', async () => {
    const values = ['640104', '64', 'other', 'Other', '', 'a~', 'a', 'é', '省', '\u{1F600}', '\uFF21', null, 'z', '64~'];
    const rows = values.flatMap((x) => values.map((y) => [x, y] as const));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const list = rows.map(([x, y]) => `(${x === null ? 'NULL' : `'${x}'`}, ${y === null ? 'NULL' : `'${y}'`})`).join(', ');
    const sorted = (await connection.runAndReadAll(`SELECT x, y FROM (VALUES ${list}) AS t(x, y) ORDER BY x, y NULLS FIRST`)).getRows();
    connection.closeSync();
    instance.closeSync();
    const ours = [...rows].sort((a, b) => compareKeys(a, b, [false, true]));
    expect(ours).toEqual(sorted);
  });
});
