import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { contract } from '../../src/lib/contract/contract.ts';
import type { ColumnDefinition } from '../../src/lib/contract/definitions.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { loadRegions } from '../ingest/load-regions.ts';
import { DUCKDB_MEMORY_LIMIT } from '../ingest/run-ingest.ts';
import { cubeStatements } from '../metrics/cube-sql.ts';
import { periodsSql } from '../metrics/members-cube-sql.ts';
import { buildRegionReference } from '../regions/region-reference.ts';

/**
 * The floors a data build (`npm run data`) is compared with, measured by native DuckDB on the
 * same submission folder of CSV files (`node scripts/bench/duckdb-floor.ts DIR`):
 *
 * - **same job**: every column of every file read with its contract type (dates, integers,
 *   booleans; the rest as text) into tables of a database file, under the build's memory
 *   limit, and then the build's own cube statements (scripts/metrics/cube-sql.ts: the
 *   enterprise cube with all its measures, members counted per period, groups and reported
 *   sums). No validation, no rejects, no metrics, no disclosure control, no exports: what
 *   any build of these files must at least do.
 * - **read**: read_csv of each file and one GROUP BY by region, into memory (the floor of
 *   earlier benchmarks).
 *
 * Prints one JSON line: seconds of each floor, and of the same job's load per file and cubes.
 */
const input = process.argv[2];
if (input === undefined) throw new Error('usage: node scripts/bench/duckdb-floor.ts DIR');

/** DuckDB's type for a contract column type. */
function sqlType(column: ColumnDefinition): string {
  if (column.type === 'date') return 'DATE';
  if (column.type === 'integer') return 'BIGINT';
  if (column.type === 'boolean') return 'BOOLEAN';
  return 'VARCHAR';
}

const files = contract.tables.filter((t) => existsSync(join(input, t.file)));
const work = mkdtempSync(join(tmpdir(), 'floor-'));
try {
  const instance = await DuckDBInstance.create(join(work, 'floor.duckdb'));
  const connection = await instance.connect();
  await connection.run(`SET preserve_insertion_order = false`);
  await connection.run(`SET memory_limit = ${str(DUCKDB_MEMORY_LIMIT)}`);
  const started = performance.now();
  await loadRegions(connection, buildRegionReference());
  const load: Record<string, number> = {};
  for (const table of contract.tables) {
    const t = performance.now();
    const columns = `{${table.columns.map((c) => `${str(c.name)}: ${str(sqlType(c))}`).join(', ')}}`;
    const source = files.includes(table)
      ? `SELECT * FROM read_csv(${str(join(input, table.file))}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`
      : `SELECT * FROM (SELECT ${table.columns.map((c) => `CAST(NULL AS ${sqlType(c)}) AS ${ident(c.name)}`).join(', ')}) WHERE false`;
    await connection.run(`CREATE TABLE ${ident(table.table)} AS ${source}`);
    load[table.file] = (performance.now() - t) / 1000;
  }
  const cubesStarted = performance.now();
  const periods = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM (${periodsSql})`)).getRowObjectsJS()[0]!.n);
  for (const statement of cubeStatements(periods)) await connection.run(statement);
  const cubes = (performance.now() - cubesStarted) / 1000;
  const sameJob = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();

  const memory = await DuckDBInstance.create(':memory:');
  const reader = await memory.connect();
  const readStarted = performance.now();
  for (const table of files) await reader.runAndReadAll(`SELECT region_code, count(*) FROM read_csv(${str(join(input, table.file))}) GROUP BY 1`);
  const read = (performance.now() - readStarted) / 1000;
  reader.closeSync();
  memory.closeSync();
  console.log(JSON.stringify({ seconds: sameJob, load, cubes, read_seconds: read }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
