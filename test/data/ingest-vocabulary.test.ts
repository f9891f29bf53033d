/**
 * `npm run data` reads ownership as the national registration types (scripts/reference/), on
 * its fast and general paths alike, and lists in the report the rows read from a type that
 * does not say its owners: never a silent guess.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest/run-ingest.ts';
import { query } from '../helpers/query.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const HEADER = 'period,enterprise_id,region_code,ownership,industry,status,founded_on,employees,migrant_workers,women_employees,union_form,union_founded_on,members,migrant_members,women_members,women_committee,fulltime_chair,no_union_reason,visited,policy_explained,plan_made';
const row = (id: string, ownership: string, industry = 'C') => `2020-12-31,${id},640104,${ownership},${industry},operating,2010-05-01,120,60,40,standalone,2015-03-01,100,50,30,true,false,,,,`;

describe('ingest vocabulary', () => {
  it('reads registration types by name and code, and reports those that do not say their owners', async () => {
    const dir = await tempDir('uct-vocab-');
    const input = join(dir, 'in');
    await mkdir(input);
    const rows = [
      row('E001', 'private'),
      row('E002', '中外合资经营企业'),
      row('E003', '"有限责任公司（台港澳法人独资）"'),
      row('E004', '173'),
      row('E005', '有限责任公司'),
      row('E006', '有限责任公司', '36'),
      row('E007', '159'),
      row('E008', '内资企业'),
    ];
    await writeFile(join(input, 'enterprises.csv'), `${HEADER}\n${rows.join('\n')}\n`);
    const db = join(dir, 'w.duckdb');
    const report = await runIngest({ input, out: join(dir, 'out'), report: join(dir, 'reports'), db });
    const file = report.files[0]!;
    expect(file).toMatchObject({ rows_read: 8, rows_accepted: 7, rows_rejected: 1 });
    expect(file.errors).toEqual([expect.objectContaining({ line: 9, column: 'ownership', rule: 'enum' })]);
    expect(file.errors[0]!.message).toContain('or a registration type (登记注册类型) of data/reference/registration-types.csv');
    const loaded = await query(db, 'SELECT enterprise_id, ownership, industry FROM enterprises ORDER BY 1');
    expect(loaded.map((r) => `${String(r.enterprise_id)} ${String(r.ownership)} ${String(r.industry)}`)).toEqual([
      'E001 private C', 'E002 foreign C', 'E003 hmt C', 'E004 private C', 'E005 mixed C', 'E006 mixed C', 'E007 mixed C',
    ]);
    expect(file.noted_values).toEqual([
      { column: 'ownership', value: '有限责任公司', code: 'mixed', note: expect.stringMatching(/^有限责任公司 without its owners/), rows: 2, first_line: 6 },
      { column: 'ownership', value: '159', code: 'mixed', note: expect.stringMatching(/^其他有限责任公司 without its owners/), rows: 1, first_line: 8 },
    ]);
    const written = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as typeof report;
    expect(written.files[0]!.noted_values).toHaveLength(2);
  });
});
