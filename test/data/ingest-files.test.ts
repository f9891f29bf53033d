import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestInto } from '../helpers/ingest-into.ts';
import { query } from '../helpers/query.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const fixtures = 'test/fixtures/submissions';

/** Runs the ingest command as a user would, into a temporary folder. */
async function cli(input: string, extra: string[] = []) {
  const dir = await tempDir();
  const args = ['scripts/ingest.ts', '--input', input, '--out', join(dir, 'out'), '--report', join(dir, 'reports'), '--db', join(dir, 'w.duckdb'), ...extra];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { ...result, dir };
}

describe('files that cannot be used stop the ingest with exit code 2 and one clear line', () => {
  const cases: Array<[string, RegExp]> = [
    ['missing-column', /^ingest: enterprises\.csv: missing required column members \(会员人数\)/],
    ['semicolon', /^ingest: enterprises\.csv: columns are separated by semicolons/],
    ['undecodable', /^ingest: groups\.csv: the file cannot be read as GB18030 \(characters that do not decode, at line 2\)/],
    ['unknown-file', /^ingest: enterprise\.csv: is not a file of the contract/],
    ['empty-file', /^ingest: reported\.csv: the file is empty/],
    ['binary-file', /^ingest: reported\.csv: the file contains NUL bytes/],
    ['does-not-exist', /the input folder does not exist/],
  ];
  it.each(cases)('%s', async (name, message) => {
    const { status, stderr, dir } = await cli(join(fixtures, name));
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'w.duckdb'))).toBe(false);
  });

  it('exits 2 on an unknown option, with the usage', async () => {
    const { status, stderr } = await cli(join(fixtures, 'header-only'), ['--nope']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage: npm run data/);
  });

  it('exits 1 on an internal failure', async () => {
    const { status, stderr } = await cli(join(fixtures, 'header-only'), ['--db', '/dev/null/w.duckdb']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^ingest: internal error/);
  });

  it('exits 0 on rows that break rules: they are reported, not fatal', async () => {
    const { status, stdout, stderr, dir } = await cli(join(fixtures, 'every-rule'));
    expect(status, stderr).toBe(0);
    expect(stdout + stderr).toMatch(/enterprises\.csv: 34 rows read, 4 accepted, 30 rejected/);
    expect(existsSync(join(dir, 'reports', 'report.json'))).toBe(true);
  });
});

describe('files that are fine', () => {
  it('reads UTF-8 with a BOM and CRLF line ends, and records the encoding', async () => {
    const { report } = await ingestInto(join(fixtures, 'bom-crlf'));
    expect(report.files[0]).toMatchObject({ file: 'enterprises.csv', encoding: 'utf-8-bom', rows_read: 1, rows_accepted: 1 });
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text") and GB18030 (Excel CSV on Chinese Windows)', async () => {
    const utf16 = await ingestInto(join(fixtures, 'utf16'));
    expect(utf16.report.files[0]).toMatchObject({ file: 'enterprises.csv', encoding: 'utf-16le', rows_read: 1, rows_accepted: 1 });
    const gbk = await ingestInto(join(fixtures, 'gbk'));
    expect(gbk.report.files[0]).toMatchObject({ file: 'groups.csv', encoding: 'gb18030', rows_read: 1, rows_accepted: 1 });
    expect(await query(gbk.db, 'SELECT "group" FROM groups')).toEqual([{ group: 'courier' }]);
  });

  it('accepts a header-only file as zero rows', async () => {
    const { report } = await ingestInto(join(fixtures, 'header-only'));
    expect(report.files[0]).toMatchObject({ rows_read: 0, rows_accepted: 0, rows_rejected: 0 });
    expect(report.missing_files).toEqual(['groups.csv', 'members.csv', 'reported.csv']);
  });

  it('accepts cells with spaces around them, read again by the general path', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'in'));
    await writeFile(
      join(dir, 'in', 'groups.csv'),
      'period,region_code,group,workers,members\n 2020-12-31 , 640104 , courier ,  100 ,40\n2020-12-31,640104,"保安员 ",0x10,1_000\n',
    );
    const { report, db } = await ingestInto(join(dir, 'in'));
    expect(report.files[0]).toMatchObject({ rows_read: 2, rows_accepted: 1, rows_rejected: 1 });
    expect(report.files[0]!.errors.map((e) => [e.line, e.column, e.rule])).toEqual([[3, 'members', 'integer'], [3, 'workers', 'integer']]);
    expect(await query(db, 'SELECT source_line, region_code, "group", workers FROM groups')).toEqual([
      { source_line: 2, region_code: '640104', group: 'courier', workers: 100n },
    ]);
  });

  it("rejects integer cells DuckDB's CSV reader would take as numbers (why counts are not typed by the reader)", async () => {
    // Read as BIGINT by read_csv, these become 2, 1000, 5, 12, -12 and 1234567890 (DuckDB 1.5):
    // the reader rounds and reads hex, binary and exponents. The contract's integer is
    // +?[0-9]{1,9} (and 1,234 on the general path).
    const dir = await tempDir();
    await mkdir(join(dir, 'in'));
    const cells = ['1.5', '1e3', '0b101', '12.0', '-12', '1234567890'];
    const counties = ['640104', '640105', '640106', '640121', '640122', '640181', '640202'];
    const lines = [...cells, '+12'].map((c, i) => `2020-12-31,${counties[i]},courier,${c},0`);
    await writeFile(join(dir, 'in', 'groups.csv'), ['period,region_code,group,workers,members', ...lines].join('\n') + '\n');
    const { report, db } = await ingestInto(join(dir, 'in'));
    expect(report.files[0]).toMatchObject({ rows_read: 7, rows_accepted: 1, rows_rejected: 6 });
    expect(report.files[0]!.errors.map((e) => [e.line, e.column, e.rule])).toEqual([
      [2, 'workers', 'integer'], [3, 'workers', 'integer'], [4, 'workers', 'integer'], [5, 'workers', 'integer'], [6, 'workers', 'non_negative'], [7, 'workers', 'integer'],
    ]);
    expect(await query(db, 'SELECT workers FROM groups')).toEqual([{ workers: 12n }]);
  });

  it('accepts Chinese column headers and any column order', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'in'));
    await writeFile(join(dir, 'in', 'groups.csv'), '会员人数,群体,统计时点,区划代码,从业人数\n40,快递员,2020-12-31,640104,100\n');
    const { report } = await ingestInto(join(dir, 'in'));
    expect(report.files[0]).toMatchObject({ rows_read: 1, rows_accepted: 1 });
  });
});

describe('outputs are replaced whole or not at all', () => {
  it('leaves the previous outputs in place when a later run fails', async () => {
    const dir = await tempDir();
    const paths = ['--out', join(dir, 'out'), '--report', join(dir, 'reports'), '--db', join(dir, 'w.duckdb')];
    const ok = spawnSync(process.execPath, ['scripts/ingest.ts', '--input', join(fixtures, 'every-rule'), ...paths], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const before = await readFile(join(dir, 'out', 'summary.json'), 'utf8');
    const bad = spawnSync(process.execPath, ['scripts/ingest.ts', '--input', join(fixtures, 'semicolon'), ...paths], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(await readFile(join(dir, 'out', 'summary.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'w.duckdb'))).toBe(true);
  });
});
