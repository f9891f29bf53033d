import type { ColumnDefinition, EnumDefinition } from '../../src/lib/contract/definitions.ts';
import { booleanWords } from '../../src/lib/contract/booleans.ts';
import { vocabularyKey, vocabularyKeySql } from '../../src/lib/contract/vocabulary-key.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { enumVocabulary, type VocabularyEntry } from '../reference/enum-vocabulary.ts';

/**
 * SQL that parses one cell (VARCHAR or NULL) into its typed value, NULL when malformed.
 * `v` is the SQL of the cell, by default its cleaned raw column.
 */
export function parseExpression(
  column: ColumnDefinition,
  enums: Readonly<Record<string, EnumDefinition>>,
  v: string = rawName(column.name),
  /** The general path's forms too: 1,234; 2020/5/7, 2020.5.7, 2020年5月7日 and Excel serial dates. */
  lenient = false,
): string {
  switch (column.type) {
    case 'date': {
      const inRange = (d: string) => `(CASE WHEN ${d} BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN ${d} END)`;
      if (!lenient) return `(CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') THEN ${inRange(`TRY_CAST(${v} AS DATE)`)} END)`;
      const ymd = `'([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?'`;
      return `(CASE WHEN regexp_full_match(${v}, ${ymd}) THEN ${inRange(`TRY_CAST(regexp_replace(${v}, '^' || ${ymd} || '$', '\\1-\\2-\\3') AS DATE)`)}
        WHEN regexp_full_match(${v}, '[0-9]{1,5}') THEN ${inRange(`(DATE '1899-12-30' + CAST(${v} AS INTEGER))`)} END)`;
    }
    case 'integer': {
      const digits = lenient ? `(CASE WHEN regexp_full_match(${v}, '[0-9]{1,3}(,[0-9]{3})+') THEN replace(${v}, ',', '') ELSE ${v} END)` : v;
      return `(CASE WHEN regexp_full_match(${digits}, '\\+?[0-9]{1,9}') THEN CAST(${digits} AS BIGINT) END)`;
    }
    case 'boolean':
      return caseOf(v, [...booleanWords.true.map((w) => [w, 'true'] as const), ...booleanWords.false.map((w) => [w, 'false'] as const)], ['true', 'false']);
    case 'id':
      return `(CASE WHEN regexp_full_match(${v}, '[A-Za-z0-9][A-Za-z0-9._-]{0,63}') AND NOT ${personalNumber(v)} THEN ${v} END)`;
    case 'region':
      return `(CASE WHEN regexp_full_match(${v}, '[0-9]{6}') THEN ${v} END)`;
    case 'enum': {
      const definition = enums[column.enum!]!;
      const vocabulary = enumVocabulary(column.enum!, definition);
      // A word read with a note (a registration type that does not say its owners) is read by the
      // general path only, where the report can list it (notedValuesSql); the fast path leaves it.
      const read = lenient ? vocabulary : new Map([...vocabulary].filter(([, entry]) => entry.note === null));
      return vocabularyCase(v, read, definition.values.map((value) => value.code));
    }
  }
}

/**
 * The code a cell names in a vocabulary (scripts/reference/enum-vocabulary.ts), compared by
 * key as src/lib/contract/vocabulary-key.ts says: `CASE key(v) WHEN key THEN code … END`. The
 * canonical codes (what nearly every cell holds) are tried first as written, so that most
 * cells never compute a key.
 */
function vocabularyCase(v: string, vocabulary: ReadonlyMap<string, VocabularyEntry>, exact: readonly string[]): string {
  const first = exact.filter((code) => vocabulary.get(vocabularyKey(code))?.code === code).map((code) => `WHEN ${v} = ${str(code)} THEN ${str(code)}`);
  const all = `(CASE ${vocabularyKeySql(v)} ${[...vocabulary].map(([key, entry]) => `WHEN ${str(key)} THEN ${str(entry.code)}`).join(' ')} END)`;
  return first.length === 0 ? all : `(CASE ${first.join(' ')} ELSE ${all} END)`;
}

/**
 * `CASE lower(v) WHEN word THEN value … END`: equality arms rather than IN lists, which
 * DuckDB plans as one join per list and per row batch. The `exact` words (the canonical codes,
 * what nearly every cell holds) are tried first as written, without lower(), which makes a new
 * string for every cell; only ASCII words, whose lower() is certain, and with the value the
 * lower() arms give them, so the result is the same.
 */
function caseOf(v: string, arms: ReadonlyArray<readonly [string, string]>, exact: readonly string[] = []): string {
  const lowered = new Map(arms);
  const first = exact
    .filter((word) => /^[\x20-\x7e]*$/.test(word) && lowered.has(word.toLowerCase()))
    .map((word) => `WHEN ${v} = ${str(word)} THEN ${lowered.get(word.toLowerCase())}`);
  const all = `(CASE lower(${v}) ${arms.map(([word, value]) => `WHEN ${str(word)} THEN ${value}`).join(' ')} END)`;
  return first.length === 0 ? all : `(CASE ${first.join(' ')} ELSE ${all} END)`;
}

/**
 * SQL listing the cells of `column` read through a word that carries a note (a registration
 * type that does not say its owners), from the general path's table `general`: the word as
 * written, the code it was read as, the note, how many accepted rows, and the first line.
 * Null when the column's vocabulary has no such word.
 */
export function notedValuesSql(column: ColumnDefinition, enums: Readonly<Record<string, EnumDefinition>>, general: string): string | null {
  if (column.type !== 'enum') return null;
  const noted = [...enumVocabulary(column.enum!, enums[column.enum!]!)].filter(([, entry]) => entry.note !== null);
  if (noted.length === 0) return null;
  const raw = rawName(column.name);
  const values = noted.map(([key, entry]) => `(${str(key)}, ${str(entry.note!)})`).join(', ');
  return `SELECT ${raw} AS value, ${ident(column.name)} AS code, n.note, CAST(count(*) AS INTEGER) AS rows, CAST(min(g.__line) AS INTEGER) AS first_line
    FROM ${ident(general)} AS g JOIN (VALUES ${values}) AS n(key, note) ON n.key = ${vocabularyKeySql(raw)}
    WHERE len(g.errors) = 0 AND NOT g.__total GROUP BY ALL ORDER BY first_line`;
}

/** What else an enumeration's cells may name, from data/reference/ (see enum-vocabulary.ts). */
const REFERENCE_WORDS: Readonly<Record<string, { readonly en: string; readonly zh: string }>> = {
  ownership: { en: 'or a registration type (登记注册类型) of data/reference/registration-types.csv, by name or 2011 code', zh: '或 data/reference/registration-types.csv 中的登记注册类型（名称或2011年代码）' },
  industry: { en: 'or a GB/T 4754-2017 division code (01–97)', zh: '或 GB/T 4754-2017 行业大类代码（01–97）' },
};

/** A check that makes a row rejected: when `failed` is true, the row gets this error. */
export interface ErrorCheck {
  readonly column: string;
  readonly rule: string;
  /** SQL boolean: the row breaks the rule. */
  readonly failed: string;
  /** SQL VARCHAR expressions for the message in English and Chinese. */
  readonly message: string;
  readonly messageZh: string;
  /** SQL VARCHAR: the offending value as written. */
  readonly value: string;
}

/** The checks of one column's cell: required, and well-formed for its type. */
export function cellChecks(column: ColumnDefinition, enums: Readonly<Record<string, EnumDefinition>>): ErrorCheck[] {
  const v = rawName(column.name);
  const parsed = ident(column.name);
  const name = column.name;
  const checks: ErrorCheck[] = [];
  if (column.required) {
    checks.push({
      column: name,
      rule: 'required',
      failed: `${v} IS NULL`,
      message: str(`${name} is empty; it is required`),
      messageZh: str(`${column.zh}（${name}）为空；此项必填`),
      value: `''`,
    });
  }
  const shown = `(CASE WHEN length(${v}) > 60 THEN left(${v}, 60) || '…' ELSE ${v} END)`;
  const quoted = (prefix: string, suffix: string) => `concat(${str(prefix)}, ${shown}, ${str(suffix)})`;
  const invalid = `${v} IS NOT NULL AND ${parsed} IS NULL`;
  switch (column.type) {
    case 'date':
      checks.push({
        column: name, rule: 'date', failed: invalid, value: v,
        message: quoted(`${name} "`, '" is not a valid date between 1900 and 2100; write it as YYYY-MM-DD, e.g. 2020-12-31'),
        messageZh: quoted(`${column.zh}“`, '”不是有效日期；请写成 YYYY-MM-DD，如 2020-12-31'),
      });
      break;
    case 'integer':
      checks.push({
        column: name, rule: 'integer', failed: `${invalid} AND NOT regexp_full_match(${v}, '-[0-9]+') AND NOT ${personalNumber(v)}`, value: v,
        message: quoted(`${name} "`, '" is not a whole number from 0 to 999,999,999; write digits only, e.g. 120'),
        messageZh: quoted(`${column.zh}“`, '”不是 0 至 999,999,999 之间的整数；请只填数字，如 120'),
      });
      checks.push({
        column: name, rule: 'non_negative', failed: `${invalid} AND regexp_full_match(${v}, '-[0-9]+')`, value: v,
        message: quoted(`${name} "`, '" is negative; a count cannot be below zero'),
        messageZh: quoted(`${column.zh}“`, '”为负数；人数不能小于零'),
      });
      break;
    case 'boolean':
      checks.push({
        column: name, rule: 'boolean', failed: invalid, value: v,
        message: quoted(`${name} "`, `" is not yes or no; write one of ${booleanWords.true.slice(0, 3).join('/')}/是 or ${booleanWords.false.slice(0, 3).join('/')}/否`),
        messageZh: quoted(`${column.zh}“`, '”不是“是”或“否”；请填写 是/否（或 1/0、true/false）'),
      });
      break;
    case 'id':
      checks.push({
        column: name, rule: 'excel_number', failed: `${invalid} AND regexp_full_match(${v}, '[0-9](\\.[0-9]+)?[Ee]\\+?[0-9]+')`, value: v,
        message: quoted(`${name} "`, '" is a number Excel rewrote (scientific notation): the id is lost; format the column as Text in Excel and export again'),
        messageZh: quoted(`${column.zh}“`, '”已被 Excel 改写为科学计数法，编号已丢失；请把该列设为“文本”格式后重新导出'),
      });
      checks.push({
        column: name, rule: 'personal_data', failed: `${invalid} AND regexp_matches(${v}, '\\p{Han}')`, value: `'(withheld)'`,
        message: str(`${name} looks like a name; ids must be pseudonymous (see npm run import-form)`),
        messageZh: str(`${column.zh}看起来是名称；编号必须是化名（见 npm run import-form）`),
      });
      checks.push({
        column: name, rule: 'id',
        failed: `${invalid} AND NOT ${personalNumber(v)} AND NOT regexp_matches(${v}, '\\p{Han}') AND NOT regexp_full_match(${v}, '[0-9](\\.[0-9]+)?[Ee]\\+?[0-9]+')`,
        value: v,
        message: quoted(`${name} "`, '" is not a pseudonymous id: use 1–64 letters, digits, dots, dashes or underscores, never a name'),
        messageZh: quoted(`${column.zh}“`, '”不是化名编号：只能用 1–64 位字母、数字、点、横线或下划线，不得使用名称'),
      });
      break;
    case 'region':
      checks.push({
        column: name, rule: 'region_code', failed: invalid, value: v,
        message: quoted(`${name} "`, '" is not a six-digit region code (GB/T 2260), e.g. 640104'),
        messageZh: quoted(`${column.zh}“`, '”不是六位行政区划代码（GB/T 2260），如 640104'),
      });
      break;
    case 'enum': {
      const definition = enums[column.enum!]!;
      const allowed = definition.values.map((value) => `${value.code} (${value.zh})`).join(', ');
      const more = REFERENCE_WORDS[column.enum!];
      checks.push({
        column: name, rule: 'enum', failed: invalid, value: v,
        message: quoted(`${name} "`, `" is not one of: ${allowed}${more === undefined ? '' : `, ${more.en}`}`),
        messageZh: quoted(`${column.zh}“`, `”不在可选值中：${definition.values.map((value) => `${value.zh}（${value.code}）`).join('；')}${more === undefined ? '' : `；${more.zh}`}`),
      });
      break;
    }
  }
  checks.push({
    column: name,
    rule: 'personal_data',
    failed: `${v} IS NOT NULL AND ${personalNumber(v)}`,
    value: `'(withheld)'`,
    message: str(`${name} holds what looks like a resident ID or mobile phone number; personal data must never be sent`),
    messageZh: str(`${column.zh}中似乎是身份证号或手机号；不得报送个人信息`),
  });
  return checks;
}

/**
 * SQL: the cell is a mainland mobile number (11 digits from 13–19) or a resident ID number
 * (17 digits and a valid GB 11643 check character).
 */
export function personalNumber(v: string): string {
  const weights = '[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]';
  const check = `substr('10X98765432', CAST(list_sum(list_transform(range(1, 18), i -> CAST(substr(${v}, i, 1) AS INTEGER) * ${weights}[i])) % 11 AS INTEGER) + 1, 1)`;
  return `(regexp_full_match(${v}, '1[3-9][0-9]{9}') OR (CASE WHEN regexp_full_match(${v}, '[1-9][0-9]{16}[0-9Xx]') THEN upper(substr(${v}, 18, 1)) = ${check} ELSE false END))`;
}

/** Name of the cleaned raw cell of a column in the typed table. */
export function rawName(column: string): string {
  return ident(`raw_${column}`);
}
