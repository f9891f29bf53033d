import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestInto } from '../helpers/ingest-into.ts';
import { query } from '../helpers/query.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const corpus = 'test/fixtures/corpus';
interface ExpectedFile {
  file: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  /** [line, column, rule], and the sheet for a workbook (the line is then the sheet's row). */
  errors: ([number, string | null, string] | [number, string | null, string, string])[];
  source?: string;
  sheets?: unknown[];
  skipped_sheets?: string[];
  noted_values?: Record<string, unknown>[];
  encoding?: string;
  delimiter?: string;
  title_lines?: number[];
  total_lines?: number[];
  blank_lines?: number[];
  ignored_columns?: string[];
  mapped_regions?: { from: string; to: string; rows: number }[];
  values?: { sql: string; rows: Record<string, unknown>[] };
}
type Expected = { files: ExpectedFile[] } | { exit: number; stderr: string };

const cases = readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('the bad-input corpus behaves as each case expects', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(corpus, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    if ('exit' in expected) {
      const out = await tempDir();
      const result = spawnSync(process.execPath, ['scripts/ingest.ts', '--input', dir, '--out', join(out, 'o'), '--report', join(out, 'r'), '--db', join(out, 'w.duckdb')], { encoding: 'utf8' });
      expect(result.status).toBe(expected.exit);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(expected.stderr);
      return;
    }
    const { report, db } = await ingestInto(dir);
    for (const want of expected.files) {
      const got = report.files.find((f) => f.file === want.file)!;
      expect(got.rows_read, 'rows read = accepted + rejected').toBe(got.rows_accepted + got.rows_rejected);
      expect({ read: got.rows_read, accepted: got.rows_accepted, rejected: got.rows_rejected }).toEqual({ read: want.rows_read, accepted: want.rows_accepted, rejected: want.rows_rejected });
      expect(got.errors.map((e) => (e.sheet === undefined ? [e.line, e.column, e.rule] : [e.line, e.column, e.rule, e.sheet])).sort()).toEqual([...want.errors].sort());
      for (const field of ['source', 'encoding', 'delimiter', 'title_lines', 'total_lines', 'blank_lines', 'ignored_columns', 'mapped_regions', 'sheets', 'skipped_sheets'] as const) {
        if (want[field] !== undefined) expect(got[field], field).toEqual(want[field]);
      }
      if (want.noted_values !== undefined) expect(got.noted_values).toEqual(want.noted_values.map((n) => expect.objectContaining(n)));
      for (const sheet of got.sheets ?? []) expect(sheet.rows_read, `rows read = accepted + rejected on sheet ${sheet.sheet}`).toBe(sheet.rows_accepted + sheet.rows_rejected);
      if (want.values !== undefined) expect(await query(db, want.values.sql)).toEqual(want.values.rows);
      for (const e of got.errors) {
        expect(e.value === null || e.value.length <= 201, 'values are shortened').toBe(true);
        expect(e.message.length, 'messages stay short').toBeLessThan(600);
      }
    }
  });
});
