import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../scripts/ingest/column-sql.ts';
import { contract } from '../../src/lib/contract/contract.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * The ingest's fast path reads dates with DuckDB's CSV reader, and everything it flags is
 * read again by the general path. A value the fast path accepts must therefore be accepted
 * by the general path too, with the same meaning; otherwise the two would disagree.
 */
describe('fast and general date parsing agree', () => {
  it('every date the CSV reader accepts (within range) parses to the same date as text', async () => {
    const dir = await tempDir();
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const column = contract.tables[0]!.columns.find((c) => c.name === 'period')!;
    const general = parseExpression(column, contract.enums, `NULLIF(trim(d), '')`);
    const dateish = fc.string({ unit: fc.constantFrom('2', '0', '1', '9', '-', '/', ' ', '.', 'T', ':', '年', '+', 'e'), minLength: 1, maxLength: 14 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(dateish, fc.constantFrom('2020-05-07', '2020-5-7', ' 2020-05-07 ', '2020-02-30', '1899-12-31')), { minLength: 1, maxLength: 30 }), async (values) => {
        const path = join(dir, `d${n++}.csv`);
        await writeFile(path, `i,d\n${values.map((v, i) => `${i},"${v.replaceAll('"', '""')}"`).join('\n')}\n`);
        const rows = (
          await connection.runAndReadAll(`
            WITH fast AS (SELECT i, d FROM read_csv('${path}', header = true, auto_detect = false, dateformat = '%Y-%m-%d',
                   ignore_errors = true, columns = {'i': 'INTEGER', 'd': 'DATE'})
                 WHERE d BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
                 text AS (SELECT i, ${general} AS g FROM read_csv('${path}', header = true, auto_detect = false, all_varchar = true,
                   columns = {'i': 'VARCHAR', 'd': 'VARCHAR'}))
            SELECT CAST(fast.i AS INTEGER) AS i, CAST(fast.d AS VARCHAR) AS fast, CAST(text.g AS VARCHAR) AS general
            FROM fast JOIN text ON CAST(text.i AS INTEGER) = fast.i`)
        ).getRowObjectsJS() as { i: number; fast: string; general: string | null }[];
        for (const row of rows) expect(row.general, `value ${JSON.stringify(values[row.i])}`).toBe(row.fast);
      }),
      { numRuns: 60, seed: 42 },
    );
    connection.closeSync();
    instance.closeSync();
  });
});
