/**
 * The CSV-injection rule (src/lib/csv-field.ts) is the same in JavaScript (the explorer's
 * downloads) and in DuckDB (the ingest's rejects): run for real on both.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { neutralize, neutralizeSql } from '../../src/lib/csv-field.ts';

describe('formula neutralization', () => {
  it('gives the same text in DuckDB as in JavaScript', async () => {
    const texts = ['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '\rx', '＝1', '＋1', '－1', '＠x', '河北省', 'a=b', ' =1', '', "'=1", '1-2'];
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const values = texts.map((t) => `(${String(texts.indexOf(t))}, '${t.replaceAll("'", "''")}')`).join(', ');
      const reader = await connection.runAndReadAll(`SELECT ${neutralizeSql('v')} AS n FROM (VALUES ${values}) AS t(i, v) ORDER BY i`);
      expect(reader.getRowObjects().map((r) => r.n)).toEqual(texts.map(neutralize));
      const empty = await connection.runAndReadAll(`SELECT ${neutralizeSql('CAST(NULL AS VARCHAR)')} AS n`);
      expect(empty.getRowObjects()[0]!.n).toBeNull();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(neutralize('=1')).toBe("'=1");
  });
});
