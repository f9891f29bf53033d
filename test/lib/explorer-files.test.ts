/**
 * What the explorer hands out and how it is kept safe: CSV (BOM, quoting, formulas
 * neutralized), Parquet (read back by native DuckDB), Arrow (read back by flechette),
 * file names with the data vintage; the SQL panel's guard and the engine's lock, on
 * DuckDB-WASM in Node; the Content Security Policy in the page and in public/_headers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from '@uwdata/flechette';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, buildDefaultView } from '../../src/site/explorer-build-data.ts';
import { EXPLORER_CSP } from '../../src/lib/explorer/csp.ts';
import { SITE_CSP } from '../../src/lib/site-csp.ts';
import { parseHeaders } from '../../tools/static-headers.ts';
import { BOM, csvCell, neutralize, parseCsv, toCsv } from '../../src/lib/explorer/csv.ts';
import { catalogTablesSql, LOCK_SETTINGS, SAFE_SETTINGS } from '../../src/lib/explorer/engine-sql.ts';
import { viewCsv, viewParquet } from '../../src/lib/explorer/export.ts';
import { viewRowsToArrow } from '../../src/lib/explorer/arrow.ts';
import { downloadName, viewSubject } from '../../src/lib/explorer/files.ts';
import { writeParquet } from '../../src/lib/explorer/parquet.ts';
import { CUBE_TABLE } from '../../src/lib/explorer/query.ts';
import { ROW_COLUMNS, type ViewRow } from '../../src/lib/explorer/rows.ts';
import { guardQuery, trimQuery } from '../../src/lib/explorer/sql-guard.ts';

describe('CSV', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs quoting', () => {
    const csv = toCsv(['a', 'b'], [['x,y', 'he said "hi"'], [1.5, null], [true, 'line\nbreak']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}a,b\r\n"x,y","he said ""hi"""\r\n1.5,\r\ntrue,"line\nbreak"\r\n`);
  });

  it('neutralizes text a spreadsheet would read as a formula, never numbers', () => {
    for (const text of ['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '＝1']) expect(neutralize(text)).toBe(`'${text}`);
    expect(neutralize('河北省')).toBe('河北省');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 2, maxLength: 2 }), { maxLength: 20 }), (rows) => {
        const parsed = parseCsv(toCsv(['a', 'b'], rows));
        expect(parsed[0]).toEqual(['a', 'b']);
        expect(parsed.slice(1)).toEqual(rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : neutralize(c)))));
      }),
    );
  });
});

describe('downloads of a view', () => {
  let rows: ViewRow[];
  let dir: string;

  beforeAll(() => {
    rows = buildDefaultView('en').rows.region ?? [];
    dir = mkdtempSync(join(tmpdir(), 'explorer-files-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names files by metric, view and data vintage', () => {
    const vintage = buildCatalog('en').vintage;
    expect(downloadName({ metric: 'coverage_all', view: 'regions' }, vintage, 'csv')).toBe(`explorer_coverage_all_regions_${vintage}.csv`);
    expect(downloadName({ sql: true }, vintage, 'arrow')).toBe(`explorer_query_${vintage}.arrow`);
    expect(downloadName({ metric: '../x y', view: 'periods' }, vintage, 'parquet')).toBe(`explorer_x-y_periods_${vintage}.parquet`);
    const state = { metric: 'coverage_all', target: null, from: '2018-03-31', to: '2018-12-31', scope: '130000', level: 'county', selected: '130100', dimension: 'ownership', categories: ['private'], split: false, compare: [], table: 'region', sql: null } as const;
    expect(downloadName(viewSubject(state), vintage, 'csv')).toBe(`explorer_coverage_all_regions_130000_county_ownership-private_2018-12-31_${vintage}.csv`);
    expect(downloadName(viewSubject({ ...state, table: 'period' }), vintage, 'csv')).toBe(`explorer_coverage_all_periods_130100_ownership-private_2018-03-31--2018-12-31_${vintage}.csv`);
    expect(downloadName(viewSubject({ ...state, table: 'category', dimension: null, categories: [], selected: null, scope: null }), vintage, 'csv')).toBe(
      `explorer_coverage_all_categories_all_2018-12-31_${vintage}.csv`,
    );
    expect(downloadName({ metric: 'coverage_100plus', view: 'categories', detail: ['130000', 'ownership-private+foreign', '2018-12-31'] }, vintage, 'csv')).toBe(
      `explorer_coverage_100plus_categories_130000_ownership-private-foreign_2018-12-31_${vintage}.csv`,
    );
  });

  it('writes CSV with the view columns, exact numbers, and suppressed cells empty', () => {
    expect(rows.length).toBeGreaterThan(5);
    const parsed = parseCsv(viewCsv(rows));
    expect(parsed[0]).toEqual([...ROW_COLUMNS]);
    expect(parsed.length).toBe(rows.length + 1);
    for (const [i, row] of rows.entries()) {
      const cells = parsed[i + 1] ?? [];
      expect(cells[3]).toBe(row.region);
      expect(cells[12]).toBe(row.value === null ? '' : String(row.value));
      expect(cells[13]).toBe(String(row.suppressed));
      if (row.suppressed) expect(cells.slice(9, 13)).toEqual(['', '', '', '']);
    }
  });

  it('writes Parquet that DuckDB reads back identically', async () => {
    const file = join(dir, 'view.parquet');
    writeFileSync(file, viewParquet(rows));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const back = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)).getRowObjectsJS();
      expect(back.length).toBe(rows.length);
      for (const [i, row] of rows.entries()) {
        const b = back[i] ?? {};
        expect([b.region, b.region_name, b.parent, b.numerator, b.value, b.suppressed]).toEqual([row.region, row.regionName, row.parent, row.numerator, row.value, row.suppressed]);
      }
      const types = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJS();
      expect(types.map((t) => t.column_type)).toEqual(ROW_COLUMNS.map((c) => (c === 'suppressed' ? 'BOOLEAN' : ['numerator', 'denominator', 'population', 'value'].includes(c) ? 'DOUBLE' : 'VARCHAR')));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('writes Parquet of any shape: empty, many rows, nulls everywhere', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const cases = [
        [{ name: 'a', type: 'utf8' as const, values: [] }],
        [
          { name: 't', type: 'utf8' as const, values: Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? null : `第${String(i)}行 "q", x`)) },
          { name: 'd', type: 'double' as const, values: Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? null : i / 3)) },
          { name: 'b', type: 'boolean' as const, values: Array.from({ length: 5000 }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0)) },
        ],
      ];
      for (const [n, columns] of cases.entries()) {
        const file = join(dir, `case${String(n)}.parquet`);
        writeFileSync(file, writeParquet(columns));
        const back = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)).getRowObjectsJS();
        const rowsCount = columns[0]?.values.length ?? 0;
        expect(back.length).toBe(rowsCount);
        for (const column of columns) expect(back.map((r) => r[column.name])).toEqual(column.values);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('writes an Arrow IPC file with typed columns', () => {
    const table = tableFromIPC(viewRowsToArrow(rows));
    expect(table.numRows).toBe(rows.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual([...ROW_COLUMNS]);
    const back = table.toArray();
    expect(back.map((r) => r.value)).toEqual(rows.map((r) => r.value));
    expect(back.map((r) => r.suppressed)).toEqual(rows.map((r) => r.suppressed));
  });
});

describe('the SQL panel on DuckDB-WASM', () => {
  interface Connection {
    insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string }): void;
    query(sql: string): { numRows: number; toArray(): { toJSON(): Record<string, unknown> }[] };
    prepare(sql: string): { query(): { numRows: number; toArray(): { toJSON(): Record<string, unknown> }[] }; close(): void };
    close(): void;
  }
  let connection: Connection;

  beforeAll(async () => {
    // As test/helpers/engines.ts wasmEngine, with the prepared statements the panel uses.
    const require = createRequire(import.meta.url);
    const bundle = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const duckdb = require(bundle) as {
      createDuckDB(b: unknown, l: unknown, r: unknown): Promise<{ instantiate(): Promise<void>; connect(): Connection }>;
      VoidLogger: new () => unknown;
      NODE_RUNTIME: unknown;
    };
    const dist = dirname(bundle);
    const db = await duckdb.createDuckDB(
      { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await db.instantiate();
    connection = db.connect();
    // As src/explorer/engine.ts: safe settings, tables, lock.
    for (const s of SAFE_SETTINGS) connection.query(s);
    connection.insertArrowFromIPCStream(readFileSync(join(process.cwd(), 'public/data/cube.arrow')), { name: CUBE_TABLE });
    for (const s of catalogTablesSql(buildCatalog('en'))) connection.query(s);
    for (const s of LOCK_SETTINGS) connection.query(s);
  }, 120_000);

  afterAll(() => connection?.close());

  const run = (text: string): { ok: true; rows: Record<string, unknown>[] } | { ok: false; error: string } => {
    const guarded = guardQuery(text, 10);
    if (!guarded.ok) return { ok: false, error: guarded.reason };
    try {
      const statement = connection.prepare(guarded.sql);
      const rows = statement.query().toArray().map((r) => r.toJSON());
      statement.close();
      return { ok: true, rows };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };

  it('runs queries against the published tables, at most limit + 1 rows', () => {
    const count = run('SELECT count(*) AS n FROM cube;');
    expect(count.ok && Number(count.rows[0]?.n)).toBe(buildCatalog('en').cube.rows);
    const many = run('FROM cube');
    expect(many.ok && many.rows.length).toBe(11);
    for (const q of ['DESCRIBE cube', 'SUMMARIZE regions', 'SHOW TABLES', 'WITH x AS (SELECT 1 AS a) SELECT * FROM x', 'VALUES (1), (2)', 'SELECT 1 -- trailing comment']) {
      expect(run(q).ok, q).toBe(true);
    }
    const names = run("SELECT name_en FROM regions WHERE code = '130000'");
    expect(names.ok && names.rows[0]?.name_en).toBe('Hebei');
  });

  it('runs the example query the panel opens with, in both languages', () => {
    for (const file of ['en.json', 'zh-CN.json']) {
      const messages = JSON.parse(readFileSync(join(process.cwd(), 'src/i18n/explorer', file), 'utf8')) as Record<string, string>;
      const example = (messages['explorer.sql.example'] ?? '').replace('{vintage}', buildCatalog('en').vintage);
      const result = run(example);
      expect(result.ok, file).toBe(true);
      expect(result.ok && result.rows.length).toBe(3);
    }
  });

  it('refuses anything but one query, and never changes the tables', () => {
    for (const q of [
      'DROP TABLE cube',
      'SELECT 1) AS x; DROP TABLE cube; SELECT * FROM (SELECT 1',
      "DELETE FROM cube WHERE metric = 'coverage_all'",
      'CREATE TABLE x AS SELECT 1',
      "COPY cube TO 'x.csv'",
      'INSTALL httpfs',
      'LOAD parquet',
      'SET enable_external_access = true',
      "SELECT * FROM query('DROP TABLE cube')",
      'ATTACH \':memory:\' AS other',
      '',
      ';;',
    ]) {
      expect(run(q).ok, q).toBe(false);
    }
    const count = run('SELECT count(*) AS n FROM cube');
    expect(count.ok && Number(count.rows[0]?.n)).toBe(buildCatalog('en').cube.rows);
  });

  it('reaches no file, no URL and no extension', () => {
    for (const q of [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM read_csv('https://example.com/x.csv')",
      "SELECT * FROM read_parquet('x.parquet')",
      "SELECT * FROM glob('*')",
    ]) {
      const result = run(q);
      expect(result.ok, q).toBe(false);
    }
    // Nothing but what is compiled into the wasm is loaded, and nothing can be.
    const loaded = connection.query("SELECT extension_name, install_mode FROM duckdb_extensions() WHERE loaded").toArray().map((r) => r.toJSON());
    expect(loaded.every((e) => e.install_mode === 'STATICALLY_LINKED'), JSON.stringify(loaded)).toBe(true);
    expect(run('SELECT * FROM read_json_auto(\'x.json\')').ok).toBe(false);
    expect(() => connection.query('SET enable_external_access = true')).toThrow(/locked/);
    expect(() => connection.query('SET autoload_known_extensions = true')).toThrow(/locked/);
  });

  it('trims trailing semicolons and refuses an empty query', () => {
    expect(trimQuery(' SELECT 1 ;; ')).toBe('SELECT 1');
    expect(guardQuery('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(guardQuery('x'.repeat(30_000))).toEqual({ ok: false, reason: 'too_long' });
  });

  it('says in words why a statement is not run, before the parser does', () => {
    expect(guardQuery('DROP TABLE cube')).toEqual({ ok: false, reason: 'not_query', keyword: 'DROP' });
    expect(guardQuery('  -- a note\n/* and another */ set x = 1')).toEqual({ ok: false, reason: 'not_query', keyword: 'SET' });
    expect(guardQuery('SELECT 1; DROP TABLE cube')).toEqual({ ok: false, reason: 'several' });
    // Words and semicolons inside comments, strings and quoted names are not SQL.
    for (const q of ["SELECT ';' AS s -- ; DROP", 'SELECT 1 AS "a;b" /* ; */', "(SELECT 'DROP') UNION ALL (SELECT 'x')", 'with x as (select 1) from x']) {
      expect(guardQuery(q).ok, q).toBe(true);
    }
  });
});

describe('Content Security Policy', () => {
  it('is the one the issue asks for, in the page and in public/_headers', () => {
    for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'"]) {
      expect(EXPLORER_CSP).toContain(directive);
    }
    expect(EXPLORER_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:|data:|blob:/);
    const rules = parseHeaders(readFileSync(join(process.cwd(), 'public/_headers'), 'utf8'));
    // The explorer's policy, plus (on its pages) the site's framing rule, which a <meta> CSP cannot carry.
    for (const path of ['/explore/*', '/en/explore/*', '/_astro/*']) {
      const policy = rules.find((r) => r.path === path)?.headers['Content-Security-Policy'];
      expect(policy?.replace(/; frame-ancestors 'self'$/, '')).toBe(EXPLORER_CSP);
    }
    // Every other page's policy is the site's (src/lib/site-csp.ts, the pages' <meta>), plus its framing rule.
    const others = rules.filter((r) => !['/explore/*', '/en/explore/*', '/_astro/*'].includes(r.path) && r.headers['Content-Security-Policy'] !== undefined);
    expect(others.length).toBeGreaterThan(20);
    for (const rule of others) {
      expect(rule.headers['Content-Security-Policy'], rule.path).toMatch(new RegExp(`^${SITE_CSP.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; frame-ancestors (?:'self'|\\*)$`));
    }
    expect(SITE_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/);
    // And on every response, the other security headers.
    const all = rules.find((r) => r.path === '/*')?.headers ?? {};
    for (const name of ['Strict-Transport-Security', 'Referrer-Policy', 'Permissions-Policy', 'X-Content-Type-Options']) expect(all[name], name).toBeDefined();
  });
});
