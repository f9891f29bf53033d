import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestInto } from '../helpers/ingest-into.ts';
import { query } from '../helpers/query.ts';
import type { IngestReport } from '../../scripts/ingest/ingest-report.ts';
import { contract } from '../../src/lib/contract/contract.ts';

const fixture = 'test/fixtures/submissions/every-rule';
interface Expected { file: string; line: number; column: string | null; rule: string }

describe('ingest of a submission that breaks every rule once', () => {
  let report: IngestReport;
  let paths: { out: string; reports: string; db: string };
  let expected: Expected[];

  beforeAll(async () => {
    ({ report, ...paths } = await ingestInto(fixture));
    expected = JSON.parse(await readFile(join(fixture, 'expected.json'), 'utf8')) as Expected[];
  });

  it('reports exactly the expected (file, line, column, rule) errors', () => {
    const got = report.files
      .flatMap((f) => f.errors.map((e) => ({ file: f.file, line: e.line, column: e.column, rule: e.rule })))
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? '').localeCompare(b.column ?? '') || a.rule.localeCompare(b.rule));
    expect(got).toEqual(expected);
  });

  it('exercises every rule of the contract, and the structural and key rules', () => {
    const exercised = new Set(expected.map((e) => e.rule));
    const named = contract.tables.flatMap((t) => t.rules.map((r) => r.name));
    const cellRules = ['required', 'integer', 'non_negative', 'date', 'boolean', 'enum', 'id', 'personal_data', 'region_code', 'region_unknown', 'region_level', 'duplicate_key', 'field_count'];
    for (const rule of [...named, ...cellRules]) expect(exercised, rule).toContain(rule);
  });

  it('keeps the accounting: rows read = accepted + rejected, per file', () => {
    for (const f of report.files) expect(f.rows_read, f.file).toBe(f.rows_accepted + f.rows_rejected);
    const enterprises = report.files.find((f) => f.file === 'enterprises.csv')!;
    expect(enterprises).toMatchObject({ rows_read: 34, rows_accepted: 4, rows_rejected: 30, blank_lines: [31] });
  });

  it('loads accepted rows with Chinese and English forms normalized to codes', async () => {
    const rows = await query(paths.db, `SELECT enterprise_id, ownership, industry, status, union_form, no_union_reason,
      women_committee, visited, policy_explained, plan_made, members, CAST(period AS VARCHAR) AS period
      FROM enterprises ORDER BY enterprise_id`);
    expect(rows.map((r) => r.enterprise_id)).toEqual(['E001', 'E002', 'E003', 'E029']);
    expect(rows[1]).toMatchObject({
      ownership: 'private', industry: 'C', status: 'operating', union_form: 'none', no_union_reason: 'too_few_workers',
      women_committee: false, visited: true, policy_explained: true, plan_made: false, members: 0n, period: '2020-12-31',
    });
    const groups = await query(paths.db, `SELECT region_code, "group" FROM groups ORDER BY region_code`);
    expect(groups).toEqual([
      { region_code: '640000', group: 'security_guard' },
      { region_code: '640100', group: 'food_delivery' },
      { region_code: '640104', group: 'courier' },
    ]);
  });

  it('writes every error to rejects/<file> as CSV with a BOM for Excel', async () => {
    const text = await readFile(join(paths.reports, 'rejects', 'enterprises.csv'), 'utf8');
    expect(text.startsWith('\ufeffline,column,rule,value,message,message_zh\n')).toBe(true);
    const total = report.files.find((f) => f.file === 'enterprises.csv')!.errors_total;
    expect(text.trim().split('\n').length - 1).toBeGreaterThanOrEqual(total);
    expect(text).toContain('members (130) is more than employees (120)');
    expect(text).toContain('会员人数（130）大于职工人数（120）');
    // A cell that Excel would run as a formula (line 10's industry, =1+2) is written neutralized.
    expect(text).toMatch(/^10,industry,enum,'=1\+2,/m);
    expect(text).not.toMatch(/,=1\+2/);
  });

  it('writes report.json in the documented shape', async () => {
    const json = JSON.parse(await readFile(join(paths.reports, 'report.json'), 'utf8')) as IngestReport;
    expect(json.files.map((f) => f.file)).toEqual(['enterprises.csv', 'groups.csv', 'members.csv', 'reported.csv']);
    for (const f of json.files) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['file', 'rows_read', 'rows_accepted', 'rows_rejected', 'errors']));
      for (const e of f.errors) expect(Object.keys(e)).toEqual(expect.arrayContaining(['line', 'column', 'rule', 'message']));
    }
  });

  it('publishes a summary without any row: counts, periods and regions only', async () => {
    const text = await readFile(join(paths.out, 'summary.json'), 'utf8');
    const summary = JSON.parse(text) as { periods: string[]; regions: { code: string }[]; synthetic: boolean };
    expect(summary.periods).toEqual(['2020-12-31']);
    expect(summary.synthetic).toBe(false);
    expect(summary.regions.map((r) => r.code)).toEqual(['640000', '640100', '640104']);
    expect(text).not.toMatch(/E0\d\d|M00\d/);
  });
});
