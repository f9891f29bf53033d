import type { ColumnDefinition, EnumDefinition } from '../../src/lib/contract/definitions.ts';
import { booleanWords } from '../../src/lib/contract/booleans.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';

/**
 * SQL that parses one cell (VARCHAR or NULL) into its typed value, NULL when malformed.
 * `v` is the SQL of the cell, by default its cleaned raw column.
 */
export function parseExpression(
  column: ColumnDefinition,
  enums: Readonly<Record<string, EnumDefinition>>,
  v: string = rawName(column.name),
): string {
  switch (column.type) {
    case 'date':
      return `(CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') THEN (CASE WHEN TRY_CAST(${v} AS DATE) BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN TRY_CAST(${v} AS DATE) END) END)`;
    case 'integer':
      return `(CASE WHEN regexp_full_match(${v}, '\\+?[0-9]{1,15}') THEN CAST(${v} AS BIGINT) END)`;
    case 'boolean':
      return caseOf(v, [...booleanWords.true.map((w) => [w, 'true'] as const), ...booleanWords.false.map((w) => [w, 'false'] as const)]);
    case 'id':
      return `(CASE WHEN regexp_full_match(${v}, '[A-Za-z0-9][A-Za-z0-9._-]{0,63}') THEN ${v} END)`;
    case 'region':
      return `(CASE WHEN regexp_full_match(${v}, '[0-9]{6}') THEN ${v} END)`;
    case 'enum': {
      const definition = enums[column.enum!]!;
      const words = new Map<string, string>();
      for (const value of definition.values) {
        for (const word of [value.code, value.zh, ...value.aliases]) words.set(word.toLowerCase(), str(value.code));
      }
      return caseOf(v, [...words]);
    }
  }
}

/**
 * `CASE lower(v) WHEN word THEN value … END`: equality arms rather than IN lists, which
 * DuckDB plans as one join per list and per row batch.
 */
function caseOf(v: string, arms: ReadonlyArray<readonly [string, string]>): string {
  return `(CASE lower(${v}) ${arms.map(([word, value]) => `WHEN ${str(word)} THEN ${value}`).join(' ')} END)`;
}

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
  const quoted = (prefix: string, suffix: string) => `concat(${str(prefix)}, ${v}, ${str(suffix)})`;
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
        column: name, rule: 'integer', failed: `${invalid} AND NOT regexp_full_match(${v}, '-[0-9]+')`, value: v,
        message: quoted(`${name} "`, '" is not a whole number; write digits only, e.g. 120'),
        messageZh: quoted(`${column.zh}“`, '”不是整数；请只填数字，如 120'),
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
        column: name, rule: 'id', failed: invalid, value: v,
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
      checks.push({
        column: name, rule: 'enum', failed: invalid, value: v,
        message: quoted(`${name} "`, `" is not one of: ${allowed}`),
        messageZh: quoted(`${column.zh}“`, `”不在可选值中：${definition.values.map((value) => `${value.zh}（${value.code}）`).join('；')}`),
      });
      break;
    }
  }
  return checks;
}

/** Name of the cleaned raw cell of a column in the typed table. */
export function rawName(column: string): string {
  return ident(`raw_${column}`);
}
