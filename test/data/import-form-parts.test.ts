import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeForm } from '../../scripts/form/decode-form.ts';
import { enterpriseId, normalizeEnterpriseName } from '../../scripts/form/enterprise-id.ts';
import { enumCode } from '../../scripts/form/enum-word.ts';
import { parseCount } from '../../scripts/form/form-count.ts';
import { isoDateArgument, parseFormDate } from '../../scripts/form/form-date.ts';
import { findFormHeader } from '../../scripts/form/form-header.ts';
import { FormError } from '../../scripts/form/form-error.ts';
import { mapNoUnionReason } from '../../scripts/form/no-union-reason.ts';
import { readForm } from '../../scripts/form/read-form.ts';
import { HIDDEN, redactor } from '../../scripts/form/redact.ts';
import { checkSaltLocation } from '../../scripts/form/salt-file.ts';
import { unionFormOf } from '../../scripts/form/union-answer.ts';
import { enterprisesCsv } from '../../scripts/form/write-enterprises.ts';
import { csvField } from '../../src/lib/csv-field.ts';

describe('form cells', () => {
  it.each([
    ['2020-05-07', '2020-05-07', false],
    ['2020/5/7', '2020-05-07', false],
    ['2020.5.7', '2020-05-07', false],
    ['2020年5月7日', '2020-05-07', false],
    ['2020年5月7号', '2020-05-07', false],
    ['２０２０年５月７日'.normalize('NFKC'), '2020-05-07', false],
    ['20200507', '2020-05-07', false],
    ['2020/5/7 0:00', '2020-05-07', false],
    ['43958', '2020-05-07', false],
    ['43958.0', '2020-05-07', false],
    ['2020年5月', '2020-05-01', true],
    ['2020-05', '2020-05-01', true],
    ['2020.5', '2020-05-01', true],
  ])('reads the date %s', (cell, iso, monthOnly) => {
    expect(parseFormDate(cell)).toEqual({ ok: true, iso, monthOnly });
  });

  it.each(['2020', '2020年', '2020-02-30', '2020年13月', '1899-12-31', '2101-01-01', '5月7日', '去年', '99999', '2020-5-7-1'])('refuses the date %s', (cell) => {
    expect(parseFormDate(cell).ok).toBe(false);
  });

  it('checks --period strictly', () => {
    expect(isoDateArgument('2024-12-31')).toBe('2024-12-31');
    for (const bad of ['2024-12-32', '2024-2-1', '2024/12/31', '20241231', '1800-01-01', '']) expect(isoDateArgument(bad)).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['156', 156],
    ['1,234', 1234],
    ['1，234'.normalize('NFKC'), 1234],
    ['12,345,678', 12345678],
    ['120.00', 120],
    ['120人', 120],
    [' 1 234 ', 1234],
  ])('reads the count %s', (cell, value) => {
    expect(parseCount(cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['-3', 'is negative'],
    ['12.5', 'is not a whole number'],
    ['1,23', 'is not a number'],
    ['约100', 'is not a number'],
    ['一百', 'is not a number'],
  ])('refuses the count %s', (cell, problem) => {
    expect(parseCount(cell)).toEqual({ ok: false, problem });
  });

  it.each([
    ['是', 'unspecified'],
    ['√', 'unspecified'],
    ['Y', 'unspecified'],
    ['y', 'unspecified'],
    ['已建会', 'unspecified'],
    ['否', 'none'],
    ['×', 'none'],
    ['N', 'none'],
    ['无', 'none'],
    ['未建会', 'none'],
    ['单独建会', 'standalone'],
    ['联合建会', 'joint'],
  ])('reads 是否建会 %s', (cell, form) => {
    expect(unionFormOf(cell)).toBe(form);
  });

  it('refuses an unknown 是否建会 answer', () => {
    expect(unionFormOf('待定')).toBeUndefined();
    expect(unionFormOf('')).toBeUndefined();
  });

  it('maps ownership and status with the contract words and the registration types, never by guessing', () => {
    expect(enumCode('ownership', '私营')).toBe('private');
    expect(enumCode('ownership', '民营')).toBe('private');
    expect(enumCode('ownership', ' 外商投资企业 ')).toBe('foreign');
    expect(enumCode('ownership', '港澳台')).toBe('hmt');
    expect(enumCode('ownership', 'HMT')).toBe('hmt');
    // A registration type (data/reference/registration-types.csv), and a word that names none.
    expect(enumCode('ownership', '私营有限责任公司')).toBe('private');
    expect(enumCode('ownership', '半私营')).toBeUndefined();
    expect(enumCode('status', '正常经营')).toBe('operating');
    expect(enumCode('status', '停产')).toBe('suspended');
    expect(enumCode('status', '半停产')).toBeUndefined();
  });

  it.each([
    ['老板不同意', 'employer_resistance'],
    ['企业不支持', 'employer_resistance'],
    ['人少', 'too_few_workers'],
    ['流动性大', 'high_turnover'],
    ['无人牵头', 'no_activist'],
    ['不清楚政策', 'unaware'],
    ['正在筹建', 'in_progress'],
    ['其它', 'other'],
    ['Unaware', 'unaware'],
    // The match that starts first wins.
    ['人数少，流动大', 'too_few_workers'],
    ['流动大，人数少', 'high_turnover'],
  ])('maps the reason %s', (text, code) => {
    expect(mapNoUnionReason(text)).toEqual({ code, matched: true });
  });

  it('writes text matching nothing as other, flagged for the report, and an empty cell as nothing', () => {
    expect(mapNoUnionReason('厂房搬迁')).toEqual({ code: 'other', matched: false });
    expect(mapNoUnionReason('')).toEqual({ code: undefined, matched: true });
  });
});

describe('enterprise ids', () => {
  const salt = 'x'.repeat(40);

  it('normalizes names: NFKC, no whitespace, one kind of bracket', () => {
    expect(normalizeEnterpriseName(' 河北（石家庄） 恒达\n物流　有限公司 ')).toBe('河北(石家庄)恒达物流有限公司');
    expect(normalizeEnterpriseName('河北【石家庄】恒达物流有限公司')).toBe('河北(石家庄)恒达物流有限公司');
    expect(normalizeEnterpriseName('河北〔石家庄〕恒达物流有限公司')).toBe('河北(石家庄)恒达物流有限公司');
    expect(normalizeEnterpriseName('ＡＢＣ科技有限公司')).toBe('ABC科技有限公司');
  });

  it('derives E + 16 hex digits, stable for the same name and salt', () => {
    const id = enterpriseId(salt, '河北（石家庄）恒达物流有限公司');
    expect(id).toMatch(/^E[0-9a-f]{16}$/);
    expect(enterpriseId(salt, '河北(石家庄)恒达物流有限公司')).toBe(id);
    expect(enterpriseId('y'.repeat(40), '河北(石家庄)恒达物流有限公司')).not.toBe(id);
    expect(enterpriseId(salt, '河北(石家庄)恒达物流公司')).not.toBe(id);
  });
});

describe('the salt location', () => {
  it('refuses a path inside the repository and accepts one outside', () => {
    expect(() => checkSaltLocation('/repo/sub/salt', '/repo')).toThrow(FormError);
    expect(() => checkSaltLocation('/repo/salt', '/repo')).toThrow(/inside the project's git repository/);
    expect(() => checkSaltLocation('/repository-other/salt', '/repo')).not.toThrow();
    expect(() => checkSaltLocation('/home/u/.config/union-tracker/salt', '/repo')).not.toThrow();
  });
});

describe('redaction', () => {
  it('hides a value that overlaps a name, address or chair name', () => {
    const safe = redactor(['石家庄华北精密机械有限公司', '建设北大街12号', '王建国', 'A']);
    expect(safe('私营')).toBe('私营');
    expect(safe('华北精密机械')).toBe(HIDDEN);
    expect(safe('石家庄华北精密机械有限公司（分公司）')).toBe(HIDDEN);
    expect(safe('王建国调走')).toBe(HIDDEN);
    expect(safe('A类')).toBe('A类');
  });
});

describe('reading a form', () => {
  it('finds the header below title rows, whatever the spaces and line breaks in its cells', () => {
    const header = findFormHeader([
      ['XX县100人以上非公企业调查核实及建会情况登记表'],
      ['序号', '企业 名称', '企业所有制\n性质', '企业地址', '经营状况', '职工人数（人）', '是否\n建会', '建会时间', '工会主席姓名', '会员\n人数', '未建会\n原因', '备注'],
    ]);
    expect(header?.rowIndex).toBe(1);
    expect(header?.columns.get('members')).toBe(9);
    expect(header?.columns.get('employees')).toBe(5);
    expect(header?.ignored).toEqual(['备注']);
  });

  it('needs 企业名称 and three more form columns', () => {
    expect(findFormHeader([['企业名称', '企业地址', '序号']])).toBeUndefined();
    expect(findFormHeader([['所有制性质', '经营状况', '职工人数', '会员人数']])).toBeUndefined();
  });

  it('gives each row the line it starts on, with CR LF line ends and cells spanning lines', () => {
    const text = 'title,,,,,,,,\r\n\r\n序号,企业名称,企业所有制性质,经营状况,职工人数,"是否\r\n建会",建会时间,"会员\r\n人数",未建会原因\r\n1,"甲\r\n公司",私营,正常经营,100,否,,,\r\n小计,,,,100,,,,\r\n';
    const table = readForm(text, 'f.csv');
    expect(table.titleLines).toEqual([1, 2]);
    expect(table.headerLine).toBe(3);
    expect(table.headerLines).toEqual([3]);
    expect(table.rows.map((r) => r.line)).toEqual([6]);
    expect(table.totalLines).toEqual([8]);
    expect(table.rows[0]!.cells.name).toBe('甲\n公司');
  });

  it('reads a two-row header saved as CSV, where a merged cell keeps its text in its first cell only', () => {
    const text = 'title,,,,,,,,\n序号,企业名称,企业所有制性质,经营状况,职工人数,建会情况,,,未建会原因\n,,,,,是否建会,建会时间,会员人数,\n1,甲公司,私营,正常经营,100,是,2020-05-01,80,\n';
    const table = readForm(text, 'f.csv');
    expect({ title: table.titleLines, header: table.headerLines, named: table.headerLine }).toEqual({ title: [1], header: [2, 3], named: 3 });
    expect(table.rows.map((r) => [r.line, r.cells.has_union, r.cells.members, r.cells.no_union_reason])).toEqual([[4, '是', '80', '']]);
  });

  it('reads tab-separated text', () => {
    const text = '序号\t企业名称\t企业所有制性质\t经营状况\t职工人数\t是否建会\t建会时间\t会员人数\n1\t甲公司\t私营\t正常经营\t1,200\t是\t2020年5月\t1,000\n';
    const table = readForm(text, 'f.txt');
    expect(table.delimiter).toBe('\t');
    expect(table.rows[0]!.cells).toMatchObject({ employees: '1,200', members: '1,000', has_union: '是' });
  });
});

describe('decoding', () => {
  const text = '序号,企业名称\n1,甲公司\n';

  it('detects UTF-8, GB18030 and UTF-16 with a byte-order mark', () => {
    expect(decodeForm(Buffer.from(text), 'f')).toEqual({ text, encoding: 'utf-8' });
    expect(decodeForm(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'f')).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeForm(iconv.encode(text, 'gbk'), 'f')).toEqual({ text, encoding: 'gb18030' });
    expect(decodeForm(iconv.encode(text, 'gb18030'), 'f')).toEqual({ text, encoding: 'gb18030' });
    expect(decodeForm(iconv.encode(text, 'utf-16le', { addBOM: true }), 'f')).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeForm(iconv.encode(text, 'utf-16be', { addBOM: true }), 'f')).toEqual({ text, encoding: 'utf-16be' });
  });

  it('refuses bytes that decode only with replacement characters', () => {
    expect(() => decodeForm(Buffer.from([0x41, 0xff, 0x0a]), 'f')).toThrow(/decodes only with replacement characters/);
  });
});

describe('writing enterprises.csv', () => {
  it('quotes per RFC 4180 and fills columns a row does not give', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(enterprisesCsv([{ a: '1', c: 'x\ny' }], ['a', 'b', 'c'])).toBe('a,b,c\n1,,"x\ny"\n');
  });
});
