import type { EnumDefinition, RegionLevel, TableDefinition } from '../../src/lib/contract/definitions.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { cellChecks, parseExpression, rawName, type ErrorCheck } from './column-sql.ts';

/** Names of the working tables of one input file. */
export function workTables(table: TableDefinition) {
  return { duplicates: `duplicates_${table.table}`, bad: `bad_${table.table}`, errors: `errors_${table.table}` };
}

/**
 * The statements that load one staged file, find every broken rule, and keep the rows that
 * break none. Everything runs in DuckDB; no row passes through JavaScript.
 *
 * 1. `load`: one pass over the file: cells parsed into the table's types, each row flagged
 *    `__bad` when a cell is malformed or a row rule fails. Raw text is not kept.
 * 2. `duplicates`: keys that occur more than once, with their lines.
 * 3. `bad`: the lines to reject (flagged, or duplicated).
 * 4. `errors`: only for those lines, the file is read again and every broken rule is listed
 *    with the raw value and messages in English and Chinese (skipped when nothing is bad).
 * 5. `prune`: the rejected rows leave the table.
 */
export function tableStatements(
  table: TableDefinition,
  enums: Readonly<Record<string, EnumDefinition>>,
  stagedPath: string,
  stagedColumns: readonly string[],
): { load: string; duplicates: string; bad: string; errors: string; prune: string[] } {
  const work = workTables(table);
  const present = new Set(stagedColumns);
  const csvColumns = ['__line', ...stagedColumns].map((c) => `${str(c)}: 'VARCHAR'`).join(', ');
  const cleaned = table.columns.map((c) =>
    present.has(c.name) ? `NULLIF(trim(${ident(c.name)}), '') AS ${rawName(c.name)}` : `CAST(NULL AS VARCHAR) AS ${rawName(c.name)}`,
  );
  const read = (filter: string) => `SELECT CAST(__line AS INTEGER) AS __line, ${cleaned.join(', ')}
    FROM read_csv(${str(stagedPath)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
      strict_mode = false, columns = {${csvColumns}})${filter}`;
  const regionColumns = table.columns.filter((c) => c.type === 'region');
  /** Raw and parsed cells, with what the region reference knows of each region cell. */
  const parsed = (filter: string) => `SELECT p.*,
      ${regionColumns.map((c) => [`code AS ${ident(`__${c.name}_known`)}`, `level AS ${ident(`__${c.name}_level`)}`, `leaf AS ${ident(`__${c.name}_leaf`)}`, `name_zh AS ${ident(`__${c.name}_name`)}`].map((x) => `${regionAlias(c.name)}.${x}`).join(', ')).join(',\n      ')}
    FROM (SELECT __line, ${table.columns.map((c) => rawName(c.name)).join(', ')},
        ${table.columns.map((c) => `${parseExpression(c, enums)} AS ${ident(c.name)}`).join(',\n        ')}
      FROM (${read(filter)})) AS p
    ${regionColumns.map((c) => `LEFT JOIN regions AS ${regionAlias(c.name)} ON ${regionAlias(c.name)}.code = p.${ident(c.name)}`).join('\n    ')}`;

  const rowChecks: ErrorCheck[] = table.columns.flatMap((c) => cellChecks(c, enums));
  for (const column of regionColumns) rowChecks.push(...regionChecks(column.name, column.zh, table.region_levels));
  for (const rule of table.rules) {
    rowChecks.push({
      column: rule.column,
      rule: rule.name,
      failed: `NOT (${rule.check})`,
      message: template(rule.message.en),
      messageZh: template(rule.message.zh),
      value: `CAST(${ident(rule.column)} AS VARCHAR)`,
    });
  }
  const anyFailed = rowChecks.map((c) => `coalesce(${c.failed}, false)`).join('\n    OR ');

  const load = `CREATE OR REPLACE TABLE ${ident(table.table)} AS
SELECT __line AS source_line, ${table.columns.map((c) => ident(c.name)).join(', ')},
  (${anyFailed}) AS __bad
FROM (${parsed('')})`;

  const keys = table.key.map(ident);
  const duplicates = `CREATE OR REPLACE TEMP TABLE ${ident(work.duplicates)} AS
SELECT ${keys.join(', ')}, CAST(count(*) AS INTEGER) AS n, list(source_line ORDER BY source_line) AS lines
FROM ${ident(table.table)}
WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}
GROUP BY ${keys.join(', ')}
HAVING count(*) > 1`;

  const bad = `CREATE OR REPLACE TEMP TABLE ${ident(work.bad)} AS
SELECT source_line AS line FROM ${ident(table.table)} WHERE __bad
UNION SELECT unnest(lines) FROM ${ident(work.duplicates)}`;

  const keyTemplate = (sep: string) => table.key.map((k) => `${k} {${k}}`).join(sep);
  const duplicateCheck: ErrorCheck = {
    column: table.key[table.key.length - 1]!,
    rule: 'duplicate_key',
    failed: `__dup_n IS NOT NULL`,
    message: `concat(${template(keyTemplate(', '))}, ' appears ', __dup_n, ' times (lines ', array_to_string(__dup_lines[1:10], ', '), '); keep exactly one row')`,
    messageZh: `concat(${template(keyTemplate('，'))}, ' 出现了 ', __dup_n, ' 次（第 ', array_to_string(__dup_lines[1:10], '、'), ' 行）；只能保留一行')`,
    value: `CAST(${ident(table.key[table.key.length - 1]!)} AS VARCHAR)`,
  };
  const struct = (c: ErrorCheck) =>
    `CASE WHEN ${c.failed} THEN {'col': ${str(c.column)}, 'rule': ${str(c.rule)}, 'value': ${c.value}, 'msg': ${c.message}, 'msg_zh': ${c.messageZh}} END`;
  const errors = `CREATE OR REPLACE TEMP TABLE ${ident(work.errors)} AS
SELECT __line AS line, e.col AS "column", e.rule AS rule, e.value AS value, e.msg AS message, e.msg_zh AS message_zh
FROM (
  SELECT __line, unnest(list_filter([
    ${[...rowChecks, duplicateCheck].map(struct).join(',\n    ')}
  ], x -> x IS NOT NULL)) AS e
  FROM (SELECT j.*, d.n AS __dup_n, d.lines AS __dup_lines
    FROM (${parsed(` WHERE CAST(__line AS INTEGER) IN (SELECT line FROM ${ident(work.bad)})`)}) AS j
    LEFT JOIN ${ident(work.duplicates)} AS d ON ${table.key.map((k) => `d.${ident(k)} = j.${ident(k)}`).join(' AND ')})
)`;

  const prune = [
    `DELETE FROM ${ident(table.table)} WHERE __bad OR source_line IN (SELECT line FROM ${ident(work.bad)})`,
    `ALTER TABLE ${ident(table.table)} DROP COLUMN __bad`,
  ];
  return { load, duplicates, bad, errors, prune };
}

/** The (empty) errors table, for a file in which nothing is bad. */
export function emptyErrorsStatement(table: TableDefinition): string {
  return `CREATE OR REPLACE TEMP TABLE ${ident(workTables(table).errors)} (line INTEGER, "column" VARCHAR, rule VARCHAR, value VARCHAR, message VARCHAR, message_zh VARCHAR)`;
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

/** Compiles a message template with {column} placeholders into a SQL concat over parsed columns. */
function template(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) parts.push(str(text.slice(last, match.index)));
    parts.push(`coalesce(CAST(${ident(match[1]!)} AS VARCHAR), '')`);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(str(text.slice(last)));
  return parts.length === 1 ? parts[0]! : `concat(${parts.join(', ')})`;
}
