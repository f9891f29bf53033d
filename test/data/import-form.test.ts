import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tableForFile } from '../../src/lib/contract/contract.ts';
import { rowsOf } from '../helpers/csv-rows.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * The import-form command, run as a user would. The forms are built here from one UTF-8 text
 * (附件2 of 冀工办发〔2018〕43号: title rows, a header whose cells hold line breaks, data rows, a
 * blank row, a 合计 row and the signature line) and encoded with iconv-lite as Excel would save
 * them: "CSV UTF-8", "CSV" on Chinese Windows (GB18030) and "Unicode text" (UTF-16, tabs).
 */

const REPO = process.cwd();
const PERIOD = '2024-12-31';
const REGION = '130102'; // 石家庄市长安区

/** Enterprise names, addresses and chair names: none may appear in any output. */
const NAMES = ['石家庄华北精密机械有限公司', '河北(石家庄)恒达物流有限公司', '冀东外资电子有限公司', '港粤纺织(石家庄)有限公司', '某某食品有限公司', '石家庄新材料科技有限公司', '正定天元商贸有限公司', '长安区同名重复有限公司', '鹿泉明达建材有限公司'];
const ADDRESSES = ['建设北大街12号', '中山东路88号', '黄河大道1号', '胜利北街5号', '北二环8号', '跃进路9号', '和平路3号', '裕华路66号', '石铜路21号'];
const CHAIRS = ['王建国', '李秀英', '赵磊', '孙丽华'];

const HEADER = ['序号', '企业名称', '企业所有制性质', '企业地址', '经营状况', '职工人数', '是否\n建会', '建会时间', '工会主席姓名', '会员\n人数', '未建会\n原因'];

/** The form's rows: title rows, header, data. The comment gives each data row's line in the file. */
const ROWS: string[][] = [
  ['XX县（市、区）100人以上非公企业调查核实及建会情况登记表'],
  ['县（市、区）总工会名称（盖章）：长安区总工会'],
  HEADER, // lines 3–6
  ['1', '石家庄华北精密机械有限公司', '私营', '长安区建设北大街12号', '正常经营', '1,234', '是', '2015/3/12', '王建国', '1，100', ''], // 7
  ['2', '河北（石家庄）恒达物流有限公司', '民营企业', '长安区中山东路88号', '正常', '156', '否', '', '', '', '老板不同意'], // 8
  ['3', '冀东外资电子有限公司', '外商投资', '高新区黄河大道1号', '在营', '２,０５０', '√', '2019年6月', '李秀英', '1800', '/'], // 9
  ['4', '港粤纺织（石家庄）有限公司', '港澳台', '长安区胜利北街5号', '停产', '320', '×', '', '', '0', '职工人数少'], // 10
  ['5', '某某食品有限公司', '有限责任公司', '长安区北二环8号', '正常经营', '210', '否', '', '', '', '天气原因'], // 11
  ['', '', '', '', '', '', '', '', '', '', ''], // 12
  ['6', '石家庄新材料科技有限公司', '私营', '长安区跃进路9号', '正常经营', '180', 'Y', '43958', '赵磊', '150', ''], // 13
  ['7', '正定天元商贸有限公司', '外资', '正定县和平路3号', '正常经营', '140', 'N', '', '', '', '李秀英调走后无后续'], // 14
  ['8', '长安区同名重复有限公司', '个体', '裕华路66号', '正常经营', '120', '否', '', '', '', '正在筹建'], // 15
  ['9', '长安区同名重复有限公司', '个体', '裕华路66号', '正常经营', '120', '否', '', '', '', ''], // 16
  ['10', '鹿泉明达建材有限公司', '鹿泉明达建材有限公司', '石铜路21号', '正常经营', '130', '是', '', '孙丽华', '100', ''], // 17
  ['合计', '', '', '', '', '5,350', '', '', '', '3,050', ''], // 18
  ['分管主席（签字）：'], // 19
];

/** Cells as Excel writes them: quoted when they hold the separator, a quote or a line break. */
function formText(rows: readonly string[][], delimiter: ',' | '\t', eol: string): string {
  const width = HEADER.length;
  const cell = (v: string) => (v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')].map(cell).join(delimiter)).join(eol) + eol;
}

const UTF8_TEXT = formText(ROWS, ',', '\n');

async function setup() {
  const dir = await tempDir('uct-form-');
  const salt = join(dir, 'salt');
  writeFileSync(salt, 'a-test-salt-that-is-long-enough-0123456789\n', { mode: 0o600 });
  return { dir, salt };
}

/** Runs the import-form command. */
function importForm(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['scripts/import-form.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `bytes` as a form, imports it, and returns the run and the output text. */
function run(dir: string, name: string, bytes: Uint8Array | string, salt: string, extra: string[] = []) {
  const form = join(dir, name);
  writeFileSync(form, bytes);
  const out = join(dir, `${name}.out`, 'enterprises.csv');
  const result = importForm(['--form', form, '--region', REGION, '--period', PERIOD, '--out', out, '--salt-file', salt, ...extra]);
  return { ...result, out, csv: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}


function hmacId(salt: string, normalizedName: string): string {
  return `E${createHmac('sha256', salt).update(normalizedName, 'utf8').digest('hex').slice(0, 16)}`;
}

describe('import-form converts a registration form', () => {
  it('reads a UTF-8 form with title rows and writes the contract rows', async () => {
    const { dir, salt } = await setup();
    const { status, stdout, stderr, csv } = run(dir, 'form.csv', UTF8_TEXT, salt);
    expect(status, stderr).toBe(0);
    expect(stderr).toBe('');
    const columns = tableForFile('enterprises.csv')!.columns.map((c) => c.name);
    expect(csv!.split('\n')[0]).toBe(columns.join(','));
    const rows = rowsOf(csv!);
    const saltText = readFileSync(salt, 'utf8').trim();
    expect(rows.map((r) => r.enterprise_id)).toEqual([
      hmacId(saltText, '石家庄华北精密机械有限公司'),
      hmacId(saltText, '河北(石家庄)恒达物流有限公司'),
      hmacId(saltText, '冀东外资电子有限公司'),
      hmacId(saltText, '港粤纺织(石家庄)有限公司'),
      hmacId(saltText, '某某食品有限公司'),
      hmacId(saltText, '石家庄新材料科技有限公司'),
      hmacId(saltText, '正定天元商贸有限公司'),
    ]);
    const pick = (r: Record<string, string>) => [r.period, r.region_code, r.ownership, r.status, r.employees, r.union_form, r.union_founded_on, r.members, r.no_union_reason];
    expect(rows.map(pick)).toEqual([
      [PERIOD, REGION, 'private', 'operating', '1234', 'unspecified', '2015-03-12', '1100', ''],
      [PERIOD, REGION, 'private', 'operating', '156', 'none', '', '0', 'employer_resistance'],
      [PERIOD, REGION, 'foreign', 'operating', '2050', 'unspecified', '2019-06-01', '1800', ''],
      [PERIOD, REGION, 'hmt', 'suspended', '320', 'none', '', '0', 'too_few_workers'],
      // 有限责任公司 alone does not say its owners: counted as mixed, with a note in the report.
      [PERIOD, REGION, 'mixed', 'operating', '210', 'none', '', '0', 'other'],
      [PERIOD, REGION, 'private', 'operating', '180', 'unspecified', '2020-05-07', '150', ''],
      [PERIOD, REGION, 'foreign', 'operating', '140', 'none', '', '0', 'other'],
    ]);
    for (const row of rows) {
      for (const column of ['industry', 'founded_on', 'migrant_workers', 'women_employees', 'migrant_members', 'women_members', 'women_committee', 'fulltime_chair', 'visited', 'policy_explained', 'plan_made']) {
        expect(row[column], column).toBe('');
      }
    }
    expect(stdout).toContain('encoding: utf-8, cells separated by commas');
    expect(stdout).toContain('title rows skipped: 2 (lines 1, 2); header row: line 3');
    expect(stdout).toContain('rows without enterprise data skipped: 2 (lines 12, 19)');
    expect(stdout).toContain('合计/小计 rows skipped: 1 (line 18)');
    expect(stdout).toContain('rows read: 10');
    expect(stdout).toContain('rows written: 7');
    expect(stdout).toContain('rows refused: 3');
    expect(stdout).toContain('企业所有制性质 given as a registration type that does not say its owners: 1; fix the form where the owners are known');
    expect(stdout).toMatch(/ {4}有限责任公司 → mixed: 有限责任公司 without its owners: counted as 混合所有制.* \(line 11\)/);
    expect(stdout).toMatch(/line 15: names the same enterprise as line 16/);
    expect(stdout).toMatch(/line 16: names the same enterprise as line 15/);
    expect(stdout).toMatch(/line 17: 企业所有制性质 "\(hidden[^"]*\)" is none of .*; 建会时间 is empty but 是否建会 says there is a union/);
    expect(stdout).toContain('建会时间 given as year and month, written as the 1st of the month: 1 (line 9)');
    expect(stdout).toMatch(/未建会原因 matching no reason, written as other: 2\n {4}line 11: "天气原因"\n {4}line 14: "\(hidden/);
  });

  it('writes the same output for the form saved as GB18030 CSV, UTF-16LE and UTF-16BE text with tabs, and UTF-8 with BOM', async () => {
    const { dir, salt } = await setup();
    const reference = run(dir, 'utf8.csv', UTF8_TEXT, salt);
    expect(reference.status, reference.stderr).toBe(0);
    const crlfComma = formText(ROWS, ',', '\r\n');
    const crlfTab = formText(ROWS, '\t', '\r\n');
    const cases: Array<[string, Buffer, string]> = [
      ['gb18030.csv', iconv.encode(crlfComma, 'gb18030'), 'encoding: gb18030, cells separated by commas'],
      ['utf16le.txt', iconv.encode(crlfTab, 'utf-16le', { addBOM: true }), 'encoding: utf-16le, cells separated by tabs'],
      ['utf16be.txt', iconv.encode(crlfTab, 'utf-16be', { addBOM: true }), 'encoding: utf-16be, cells separated by tabs'],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlfComma)]), 'encoding: utf-8-bom, cells separated by commas'],
    ];
    // The encoded bytes really are what they claim to be.
    expect(cases[0]![1].toString('utf8')).not.toContain('企业名称');
    expect(cases[1]![1].subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    for (const [name, bytes, encoding] of cases) {
      const result = run(dir, name, bytes, salt);
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain(encoding);
      expect(result.csv, name).toBe(reference.csv);
      // Same line numbers in the report, whatever the encoding and line ends.
      expect(result.stdout.split('\n').slice(2), name).toEqual(reference.stdout.split('\n').slice(2));
    }
  });

  it('imports whole a county form whose ownership is written as the national registration types, by name or code', async () => {
    // Data rows start on line 7 (the header's cells hold line breaks). Issue 18: a county's filled-in form, saved as GB18030 CSV: the registration types (登记注册类型) of
    // 2011 by name and by code, the enterprise types of business licences, and the short names forms use.
    const types: [string, string][] = [
      ['中外合资企业', 'foreign'], ['港澳台投资企业', 'hmt'], ['外商独资企业', 'foreign'], ['310', 'foreign'],
      ['173 私营有限责任公司', 'private'], ['有限责任公司（台港澳法人独资）', 'hmt'], ['港、澳、台商独资经营企业', 'hmt'],
      ['私营有限责任公司', 'private'], ['国有独资公司', 'state'], ['集体所有制', 'collective'], ['个体工商户', 'individual'],
      ['股份有限公司（上市、自然人投资或控股）', 'private'], ['有限公司', 'mixed'], ['159', 'mixed'], ['其他外商投资企业', 'foreign'],
      ['中外合作经营企业', 'foreign'], ['合资经营企业（港或澳、台资）', 'hmt'], ['个人独资企业', 'private'], ['有限合伙企业', 'private'],
      ['股份合作企业', 'collective'], ['国有控股企业', 'state'], ['外资企业', 'foreign'], ['私营企业', 'private'],
      ['港澳台商投资企业', 'hmt'], ['外商投资股份有限公司', 'foreign'],
    ];
    const rows: string[][] = [
      ['XX县（市、区）100人以上非公企业调查核实及建会情况登记表'],
      ['县（市、区）总工会名称（盖章）：长安区总工会'],
      HEADER,
      ...types.map(([type], i) => [String(i + 1), `长安区登记类型测试${String(i + 1)}号有限公司`, type, `测试路${String(i + 1)}号`, '正常经营', String(100 + i), '是', '2018-09-30', '', '50', '']),
      ['合计', '', '', '', '', '2800', '', '', '', '1250', ''],
    ];
    const { dir, salt } = await setup();
    const { status, stdout, stderr, csv } = run(dir, 'types.csv', iconv.encode(formText(rows, ',', '\r\n'), 'gb18030'), salt);
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('encoding: gb18030');
    expect(stdout).toContain('rows read: 25');
    expect(stdout).toContain('rows written: 25');
    expect(stdout).toContain('rows refused: 0');
    expect(rowsOf(csv!).map((r) => r.ownership)).toEqual(types.map(([, code]) => code));
    // The types that do not say their owners are listed, each with the category it was counted in and why.
    expect(stdout).toContain('企业所有制性质 given as a registration type that does not say its owners: 4; fix the form where the owners are known');
    expect(stdout).toMatch(/ {4}有限公司 → mixed: .* \(line 19\)/);
    expect(stdout).toMatch(/ {4}159 → mixed: 其他有限责任公司 without its owners.* \(line 20\)/);
    expect(stdout).toMatch(/ {4}股份合作企业 → collective: .* \(line 26\)/);
    expect(stdout).toMatch(/ {4}国有控股企业 → state: .* \(line 27\)/);
  });

  it('refuses a heading that says nothing about ownership, and names where the types are listed', async () => {
    const rows: string[][] = [HEADER, ['1', '长安区内资测试有限公司', '内资企业', '测试路1号', '正常经营', '120', '否', '', '', '', '']];
    const { dir, salt } = await setup();
    const { stdout } = run(dir, 'heading.csv', formText(rows, ',', '\n'), salt);
    expect(stdout).toContain('rows refused: 1');
    expect(stdout).toMatch(/line 5: 企业所有制性质 "内资企业" is none of .* \(or a registration type of data\/reference\/registration-types.csv/);
  });

  it('gives the same ids with the same salt and different ids with another salt', async () => {
    const { dir, salt } = await setup();
    const first = run(dir, 'a.csv', UTF8_TEXT, salt);
    const again = run(dir, 'b.csv', UTF8_TEXT, salt);
    expect(again.csv).toBe(first.csv);
    const otherSalt = join(dir, 'other-salt');
    writeFileSync(otherSalt, 'another-salt-that-is-long-enough-9876543210\n', { mode: 0o600 });
    const other = run(dir, 'c.csv', UTF8_TEXT, otherSalt);
    const ids = rowsOf(first.csv!).map((r) => r.enterprise_id!);
    const otherIds = rowsOf(other.csv!).map((r) => r.enterprise_id!);
    expect(ids).toHaveLength(7);
    for (const id of ids) expect(id).toMatch(/^E[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(7);
    for (let i = 0; i < ids.length; i++) expect(otherIds[i]).not.toBe(ids[i]);
    expect(rowsOf(other.csv!).map((r) => ({ ...r, enterprise_id: '' }))).toEqual(rowsOf(first.csv!).map((r) => ({ ...r, enterprise_id: '' })));
  });

  it('gives the same id next quarter when the name is written with other spaces or brackets', async () => {
    const { dir, salt } = await setup();
    const next = ROWS.map((r) => [...r]);
    next[3]![1] = ' 石家庄华北精密机械 有限公司 ';
    next[4]![1] = '河北【石家庄】恒达物流有限公司';
    next[6]![1] = '港粤纺织(石家庄)有限公司';
    const q4 = run(dir, 'q4.csv', UTF8_TEXT, salt);
    const q1 = run(dir, 'q1.csv', formText(next, ',', '\n'), salt, ['--period', '2025-03-31']);
    expect(q1.status, q1.stderr).toBe(0);
    expect(rowsOf(q1.csv!).map((r) => r.enterprise_id)).toEqual(rowsOf(q4.csv!).map((r) => r.enterprise_id));
  });

  it('writes no enterprise name, address or chair name to the output, stdout or stderr', async () => {
    const { dir, salt } = await setup();
    const outputs: string[] = [];
    for (const [name, bytes] of [
      ['utf8.csv', UTF8_TEXT],
      ['utf16.txt', iconv.encode(formText(ROWS, '\t', '\r\n'), 'utf-16le', { addBOM: true })],
    ] as const) {
      const result = run(dir, name, bytes, salt);
      outputs.push(result.csv!, result.stdout, result.stderr);
    }
    // A refused file does not quote it either.
    const broken = '序号,企业名称,企业所有制性质,企业地址,经营状况,职工人数,是否建会,建会时间,会员人数\n1,"石家庄华北精密机械有限公司,私营,建设北大街12号,正常经营\n';
    const refused = run(dir, 'broken.csv', broken, salt);
    expect(refused.status).toBe(2);
    outputs.push(refused.stdout, refused.stderr);
    const everything = outputs.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [...NAMES, ...ADDRESSES, ...CHAIRS]) {
      expect(everything, secret).not.toContain(secret);
      expect(everything, secret).not.toContain(secret.replace(/[()]/g, (b) => (b === '(' ? '（' : '）')));
    }
    for (const partial of ['华北精密', '恒达物流', '天元商贸', '建设北大街', '黄河大道']) expect(everything).not.toContain(partial);
  });

  it('maps the reasons for no union with the contract words and the keyword table', async () => {
    const { dir, salt } = await setup();
    const reasons: Array<[string, string]> = [
      ['老板不同意', 'employer_resistance'],
      ['企业主不支持建会', 'employer_resistance'],
      ['人员少', 'too_few_workers'],
      ['职工人数少', 'too_few_workers'],
      ['人员流动性大', 'high_turnover'],
      ['没人牵头', 'no_activist'],
      ['无人牵头组织', 'no_activist'],
      ['不了解政策', 'unaware'],
      ['不知道要建会', 'unaware'],
      ['正在组建中', 'in_progress'],
      ['准备年底建会', 'in_progress'],
      ['筹建中', 'in_progress'],
      ['其他', 'other'],
      ['too_few_workers', 'too_few_workers'],
      ['厂房搬迁', 'other'],
      ['', ''],
      ['/', ''],
    ];
    const rows = [...ROWS.slice(0, 3), ...reasons.map(([text], i) => [String(i + 1), `测试企业${i}`, '私营', '', '正常经营', '100', '否', '', '', '', text])];
    const result = run(dir, 'reasons.csv', formText(rows, ',', '\n'), salt);
    expect(result.status, result.stderr).toBe(0);
    expect(rowsOf(result.csv!).map((r) => r.no_union_reason)).toEqual(reasons.map(([, code]) => code));
    expect(result.stdout).toMatch(/written as other: 1\n {4}line 21: "厂房搬迁"/);
  });

  it('produces a file the ingest accepts in full', async () => {
    const { dir, salt } = await setup();
    const result = run(dir, 'form.csv', UTF8_TEXT, salt);
    expect(result.status, result.stderr).toBe(0);
    const ingest = spawnSync(
      process.execPath,
      ['scripts/ingest.ts', '--input', join(dir, 'form.csv.out'), '--out', join(dir, 'pub'), '--report', join(dir, 'rep'), '--db', join(dir, 'w.duckdb')],
      { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    expect(ingest.status, ingest.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'rep', 'report.json'), 'utf8')) as { files: Array<{ file: string; rows_read: number; rows_accepted: number; errors: unknown[] }> };
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ file: 'enterprises.csv', rows_read: 7, rows_accepted: 7, errors: [] });
  });
});

describe('the salt', () => {
  it('is created with mode 0600 when missing, said once, and reused', async () => {
    const { dir } = await setup();
    const salt = join(dir, 'config', 'union-tracker', 'salt');
    const first = run(dir, 'form.csv', UTF8_TEXT, salt);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.split('\n')[0]).toMatch(/^import-form: created a new salt at .*salt \(mode 0600\); keep this file and use it for every import/);
    expect(readFileSync(salt, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(salt).mode & 0o777).toBe(0o600);
    const second = run(dir, 'form2.csv', UTF8_TEXT, salt);
    expect(second.stdout).not.toContain('created a new salt');
    expect(second.csv).toBe(first.csv);
  });

  it('is found through UNION_TRACKER_SALT_FILE when --salt-file is not given', async () => {
    const { dir, salt } = await setup();
    writeFileSync(join(dir, 'form.csv'), UTF8_TEXT);
    const viaOption = run(dir, 'form.csv', UTF8_TEXT, salt);
    const out = join(dir, 'env-out.csv');
    const viaEnv = importForm(['--form', join(dir, 'form.csv'), '--region', REGION, '--period', PERIOD, '--out', out], { UNION_TRACKER_SALT_FILE: salt });
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(viaOption.csv);
  });

  it('is refused inside the repository, also through a symbolic link, and not created there', async () => {
    const { dir } = await setup();
    const inside = join(REPO, 'build', 'import-form-test-salt');
    symlinkSync(REPO, join(dir, 'repo-link'));
    for (const path of [inside, join(dir, 'repo-link', 'import-form-test-salt')]) {
      const result = run(dir, 'form.csv', UTF8_TEXT, path);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^import-form: --salt-file: .* is inside the project's git repository/);
      expect(result.csv).toBeUndefined();
    }
    expect(existsSync(inside)).toBe(false);
    expect(existsSync(join(REPO, 'import-form-test-salt'))).toBe(false);
  });

  it('is refused when too short', async () => {
    const { dir } = await setup();
    const salt = join(dir, 'short');
    writeFileSync(salt, 'abc\n');
    const result = run(dir, 'form.csv', UTF8_TEXT, salt);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^import-form: --salt-file: .* a salt needs at least 32/);
  });
});

describe('arguments and files that cannot be used exit 2 with one line', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['region not six digits', ['--region', '13010'], /^import-form: --region: "13010" is not a six-digit region code/],
    ['region unknown', ['--region', '139999'], /^import-form: --region: 139999 is not in the GB\/T 2260 reference/],
    ['region a statistical zone', ['--region', '130171'], /^import-form: --region: 130171 is not in the GB\/T 2260 reference/],
    ['region a prefecture', ['--region', '130100'], /^import-form: --region: 130100 \(石家庄市\) is a prefecture; give the code of the county/],
    ['region a province', ['--region', '130000'], /^import-form: --region: 130000 .* is a province/],
    ['period not ISO', ['--period', '2024/12/31'], /^import-form: --period: "2024\/12\/31" is not a date written YYYY-MM-DD/],
    ['period not a day', ['--period', '2024-02-30'], /^import-form: --period: "2024-02-30" is not a date/],
    ['period month 13', ['--period', '2024-13-01'], /^import-form: --period: /],
    ['unknown option', ['--nope'], /^import-form: Unknown option '--nope'/],
  ];
  it.each(cases)('%s', async (_name, extra, message) => {
    const { dir, salt } = await setup();
    const result = run(dir, 'form.csv', UTF8_TEXT, salt, extra);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.csv).toBeUndefined();
  });

  it('refuses a missing option', async () => {
    const result = importForm(['--region', REGION, '--period', PERIOD, '--out', '/tmp/x.csv']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^import-form: --form: missing/);
  });

  const files: Array<[string, Uint8Array | string, RegExp]> = [
    ['bytes that are neither UTF-8 nor GB18030', Buffer.from([0x80, 0x41, 0xff, 0x42, 0x0a]), /^import-form: \S*bad\.csv: the file is neither UTF-8 nor GB18030\/GBK \(it decodes only with replacement characters\)/],
    ['UTF-16 with an odd byte count', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), /^import-form: \S*bad\.csv: .*odd number of bytes/],
    ['UTF-16 with a broken surrogate', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), /^import-form: \S*bad\.csv: the file is not valid UTF-16LE/],
    ['binary content', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /^import-form: \S*bad\.csv: the file contains NUL bytes/],
    ['a zip file that is no workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /^import-form: \S*bad\.csv: the workbook cannot be read .*; open it in Excel and save it again as \.xlsx/],
    ['an empty file', '', /^import-form: \S*bad\.csv: the file is empty/],
    ['no header row', '名称,地址\nA,B\n', /^import-form: \S*bad\.csv: no header row found/],
    ['a header without 会员人数', '序号,企业名称,企业所有制性质,经营状况,职工人数,是否建会,建会时间\n', /^import-form: \S*bad\.csv: the header row \(line 1\) has no column 会员人数/],
    ['an open quote', '序号,企业名称,企业所有制性质,经营状况,职工人数,是否建会,建会时间,会员人数\n1,"A公司,私营\n', /^import-form: \S*bad\.csv: a quoted cell is never closed/],
  ];
  it.each(files)('%s', async (_name, bytes, message) => {
    const { dir, salt } = await setup();
    const result = run(dir, 'bad.csv', bytes, salt);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.csv).toBeUndefined();
  });

  it('refuses a form that does not exist', async () => {
    const { dir, salt } = await setup();
    const result = importForm(['--form', join(dir, 'none.csv'), '--region', REGION, '--period', PERIOD, '--out', join(dir, 'o.csv'), '--salt-file', salt]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/none\.csv: the file does not exist/);
  });

  it('leaves an earlier output untouched when a run fails, and leaves no temporary file', async () => {
    const { dir, salt } = await setup();
    const good = run(dir, 'form.csv', UTF8_TEXT, salt);
    expect(good.status).toBe(0);
    const failed = run(dir, 'form.csv', Buffer.from([0x80, 0xff]), salt);
    expect(failed.status).toBe(2);
    expect(failed.csv).toBe(good.csv);
    expect(readdirSync(join(dir, 'form.csv.out'))).toEqual(['enterprises.csv']);
  });
});

describe('exit 1 on an internal failure', () => {
  it('reports it as internal', async () => {
    const { dir, salt } = await setup();
    const form = join(dir, 'form.csv');
    writeFileSync(form, UTF8_TEXT);
    mkdirSync(join(dir, 'blocked'));
    writeFileSync(join(dir, 'blocked', 'file'), '');
    const result = importForm(['--form', form, '--region', REGION, '--period', PERIOD, '--out', join(dir, 'blocked', 'file', 'enterprises.csv'), '--salt-file', salt]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^import-form: internal error/);
    for (const secret of [...NAMES, ...ADDRESSES, ...CHAIRS]) expect(result.stderr).not.toContain(secret);
  });
});
