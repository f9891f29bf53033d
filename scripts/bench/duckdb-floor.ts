import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * The floor a data build is compared with: native DuckDB doing nothing but read_csv of each
 * input file and one GROUP BY, on the same files. Prints one JSON line: seconds per file and total.
 */
const input = process.argv[2];
if (input === undefined) throw new Error('usage: node scripts/bench/duckdb-floor.ts DIR');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const files: Record<string, number> = {};
const started = performance.now();
for (const file of readdirSync(input).filter((f) => f.endsWith('.csv')).sort()) {
  const t = performance.now();
  await connection.runAndReadAll(`SELECT region_code, count(*) FROM read_csv('${join(input, file).replaceAll("'", "''")}') GROUP BY 1`);
  files[file] = (performance.now() - t) / 1000;
}
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, files }));
