import type { EnumDefinition, RegionLevel, TableDefinition } from '../../src/lib/contract/definitions.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { cellChecks, parseExpression, rawName, type ErrorCheck } from './column-sql.ts';

/** Names of the working tables of one input file. */
export function workTables(table: TableDefinition) {
  return { typed: `typed_${table.table}`, duplicates: `duplicates_${table.table}`, errors: `errors_${table.table}` };
}

/**
 * The statements that load one staged file, type its cells, find every broken rule, and
 * keep the rows that break none. Every statement runs in DuckDB; nothing row-level passes
 * through JavaScript.
 *
 * - `typed`: one row per staged record: its line, each cell cleaned (trimmed, empty → NULL)
 *   and parsed (NULL when malformed).
 * - `duplicates`: keys that occur more than once, with their lines.
 * - `errors`: one row per (line, column, rule) broken, with messages in English and Chinese.
 * - the table itself: typed values of the rows without errors.
 */
export function tableStatements(
  table: TableDefinition,
  enums: Readonly<Record<string, EnumDefinition>>,
  stagedPath: string,
  stagedColumns: readonly string[],
): { typed: string; duplicates: string; errors: string; accepted: string } {
  const work = workTables(table);
  const present = new Set(stagedColumns);
  const csvColumns = ['__line', ...stagedColumns].map((c) => `${str(c)}: 'VARCHAR'`).join(', ');
  const cleaned = table.columns.map((c) =>
    present.has(c.name)
      ? `NULLIF(trim(${ident(c.name)}, ' \t\u3000'), '') AS ${rawName(c.name)}`
      : `CAST(NULL AS VARCHAR) AS ${rawName(c.name)}`,
  );
  const typed = `CREATE OR REPLACE TEMP TABLE ${ident(work.typed)} AS
SELECT __line, ${table.columns.map((c) => rawName(c.name)).join(', ')},
  ${table.columns.map((c) => `${parseExpression(c, enums)} AS ${ident(c.name)}`).join(',\n  ')}
FROM (
  SELECT CAST(__line AS INTEGER) AS __line, ${cleaned.join(', ')}
  FROM read_csv(${str(stagedPath)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    strict_mode = false, columns = {${csvColumns}})
)`;

  const keys = table.key.map(ident);
  const duplicates = `CREATE OR REPLACE TEMP TABLE ${ident(work.duplicates)} AS
SELECT ${keys.join(', ')}, count(*) AS n, list(__line ORDER BY __line) AS lines
FROM ${ident(work.typed)}
WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}
GROUP BY ${keys.join(', ')}
HAVING count(*) > 1`;

  const checks: ErrorCheck[] = table.columns.flatMap((c) => cellChecks(c, enums));
  for (const column of table.columns.filter((c) => c.type === 'region')) {
    checks.push(...regionChecks(column.name, column.zh, table.region_levels));
  }
  for (const rule of table.rules) {
    checks.push({
      column: rule.column,
      rule: rule.name,
      failed: `NOT (${rule.check})`,
      message: template(rule.message.en),
      messageZh: template(rule.message.zh),
      value: `CAST(${ident(rule.column)} AS VARCHAR)`,
    });
  }
  const keyText = table.key.map((k) => `${k} ${'$'}{${k}}`).join(', ');
  checks.push({
    column: table.key[table.key.length - 1]!,
    rule: 'duplicate_key',
    failed: `__dup_n IS NOT NULL`,
    message: `concat(${template(keyText)}, ' appears ', __dup_n, ' times (lines ', array_to_string(__dup_lines[1:10], ', '), '); keep exactly one row')`,
    messageZh: `concat(${template(table.key.map((k) => `${k} ${'$'}{${k}}`).join('，'))}, ' 出现了 ', __dup_n, ' 次（第 ', array_to_string(__dup_lines[1:10], '、'), ' 行）；只能保留一行')`,
    value: `CAST(${ident(table.key[table.key.length - 1]!)} AS VARCHAR)`,
  });

  const struct = (c: ErrorCheck) =>
    `CASE WHEN ${c.failed} THEN {'col': ${str(c.column)}, 'rule': ${str(c.rule)}, 'value': ${c.value}, 'msg': ${c.message}, 'msg_zh': ${c.messageZh}} END`;
  const regionColumns = table.columns.filter((c) => c.type === 'region');
  const joined = `SELECT t.*,
    ${[...regionColumns.map((c) => `${regionAlias(c.name)}.code AS ${ident(`__${c.name}_known`)}, ${regionAlias(c.name)}.level AS ${ident(`__${c.name}_level`)}, ${regionAlias(c.name)}.leaf AS ${ident(`__${c.name}_leaf`)}, ${regionAlias(c.name)}.name_zh AS ${ident(`__${c.name}_name`)}`), 'd.n AS __dup_n, d.lines AS __dup_lines'].join(',\n    ')}
  FROM ${ident(work.typed)} AS t
  ${regionColumns.map((c) => `LEFT JOIN regions AS ${regionAlias(c.name)} ON ${regionAlias(c.name)}.code = t.${ident(c.name)}`).join('\n  ')}
  LEFT JOIN ${ident(work.duplicates)} AS d ON ${table.key.map((k) => `d.${ident(k)} = t.${ident(k)}`).join(' AND ')}`;
  const errors = `CREATE OR REPLACE TEMP TABLE ${ident(work.errors)} AS
SELECT __line AS line, e.col AS "column", e.rule AS rule, e.value AS value, e.msg AS message, e.msg_zh AS message_zh
FROM (
  SELECT __line, unnest(list_filter([
    ${checks.map(struct).join(',\n    ')}
  ], x -> x IS NOT NULL)) AS e
  FROM (${joined}) AS j
  WHERE ${checks.map((c) => `coalesce(${c.failed}, false)`).join('\n    OR ')}
)`;

  const accepted = `CREATE OR REPLACE TABLE ${ident(table.table)} AS
SELECT ${table.columns.map((c) => ident(c.name)).join(', ')}
FROM ${ident(work.typed)} AS t
WHERE NOT EXISTS (SELECT 1 FROM ${ident(work.errors)} AS e WHERE e.line = t.__line)`;

  return { typed, duplicates, errors, accepted };
}

function regionAlias(column: string): string {
  return ident(`region_${column}`);
}

function regionChecks(column: string, zh: string, levels: readonly RegionLevel[]): ErrorCheck[] {
  const value = ident(column);
  const known = ident(`__${column}_known`);
  const level = ident(`__${column}_level`);
  const name = ident(`__${column}_name`);
  const countyOnly = levels.length === 1 && levels[0] === 'county';
  return [
    {
      column,
      rule: 'region_unknown',
      failed: `${value} IS NOT NULL AND ${known} IS NULL`,
      message: `concat(${str(`${column} "`)}, ${value}, ${str('" is not in the GB/T 2260 region reference; check the code (a retired code must be replaced by the current one)')})`,
      messageZh: `concat(${str(`${zh}“`)}, ${value}, ${str('”不在行政区划代码表中；请核对代码（已撤销的代码须改为现行代码）')})`,
      value,
    },
    {
      column,
      rule: 'region_level',
      failed: countyOnly
        ? `${known} IS NOT NULL AND NOT ${ident(`__${column}_leaf`)}`
        : `${known} IS NOT NULL AND ${level} NOT IN (${levels.map(str).join(', ')})`,
      message: `concat(${str(`${column} "`)}, ${value}, '" (', ${name}, ') is a ', ${level}, ${str(`; this file needs ${countyOnly ? 'a county-level code' : `a ${levels.join(' or ')} code`}`)})`,
      messageZh: `concat(${str(`${zh}“`)}, ${value}, '”（', ${name}, ${str(countyOnly ? '）不是县级区划；此文件须填县级代码' : '）的区划级别不符合此文件要求')})`,
      value,
    },
  ];
}

/** Compiles a message template with {column} placeholders into a SQL concat over typed columns. */
function template(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$?\{(\w+)\}/g)) {
    if (match.index > last) parts.push(str(text.slice(last, match.index)));
    parts.push(`coalesce(CAST(${ident(match[1]!)} AS VARCHAR), '')`);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(str(text.slice(last)));
  return parts.length === 1 ? parts[0]! : `concat(${parts.join(', ')})`;
}
