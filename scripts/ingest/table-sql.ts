import type { ColumnDefinition, EnumDefinition, TableDefinition } from '../../src/lib/contract/definitions.ts';
import type { RegionLevel } from '../../src/lib/contract/published.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { cellChecks, parseExpression, rawName, type ErrorCheck } from './column-sql.ts';
import { lineListSql, type SheetPart } from './sheet-lines.ts';

/** Names of the working tables of one input file. */
export function workTables(table: TableDefinition) {
  const t = table.table;
  return { readerRejects: `reader_rejects_${t}`, general: `general_${t}`, duplicates: `duplicates_${t}`, errors: `errors_${t}` };
}

const MIN_DATE = `DATE '1900-01-01'`;
const MAX_DATE = `DATE '2100-12-31'`;

/**
 * The statements that load one staged file, find every broken rule, and keep the rows that
 * break none. Everything runs in DuckDB; no row passes through JavaScript.
 *
 * Two paths, so that clean data is loaded at the speed of DuckDB's CSV reader:
 * 1. `load`, the fast path: one pass that reads dates natively and parses the other cells
 *    exactly, without cleaning them, and flags (`__bad`) any row with a malformed cell or a
 *    broken row rule. Rows the reader cannot convert land in its rejects table.
 * 2. `general`: only the flagged and rejected lines are read again as text, cleaned (trimmed),
 *    parsed and checked rule by rule. A row whose only fault was, say, a space around a
 *    code is rescued; the others get one error per broken rule.
 * 3. `duplicates`: keys that occur more than once among all rows.
 * 4. `errors` and `finish`: errors collected; rescued rows added, rejected rows removed.
 */
export function tableStatements(
  table: TableDefinition,
  enums: Readonly<Record<string, EnumDefinition>>,
  stagedPath: string,
  stagedColumns: readonly string[],
  delimiter: ',' | '\t' = ',',
  /** For a workbook: the sheets the staged lines came from, named in messages that list lines. */
  sheets?: readonly SheetPart[],
) {
  const work = workTables(table);
  const present = new Set(stagedColumns);
  const columns = table.columns.map((c) => ident(c.name)).join(', ');
  const readOptions = `header = true, delim = ${delimiter === ',' ? `','` : `'\t'`}, quote = '"', escape = '"', auto_detect = false, strict_mode = false`;
  const nativeDate = (c: ColumnDefinition) => c.type === 'date' && present.has(c.name);

  // 1. Fast path.
  const fastColumns = `'__line': 'INTEGER', ${stagedColumns.map((c) => `${str(c)}: ${str(table.columns.find((d) => d.name === c)?.type === 'date' ? 'DATE' : 'VARCHAR')}`).join(', ')}`;
  const fastParsed = table.columns.map((c) => {
    if (!present.has(c.name)) return `CAST(NULL AS ${sqlType(c)}) AS ${ident(c.name)}`;
    return nativeDate(c) ? `${rawName(c.name)} AS ${ident(c.name)}` : `${parseExpression(c, enums)} AS ${ident(c.name)}`;
  });
  const fastRaw = table.columns.map((c) => (present.has(c.name) ? `${ident(c.name)} AS ${rawName(c.name)}` : `CAST(NULL AS VARCHAR) AS ${rawName(c.name)}`));
  const validity = table.columns.map((c) => {
    const value = ident(c.name);
    const raw = rawName(c.name);
    const conditions: string[] = [];
    if (c.required) conditions.push(`${value} IS NOT NULL`);
    if (nativeDate(c)) conditions.push(`(${value} IS NULL OR ${value} BETWEEN ${MIN_DATE} AND ${MAX_DATE})`);
    else if (present.has(c.name)) conditions.push(`(${raw} IS NULL OR ${value} IS NOT NULL)`);
    return conditions.join(' AND ');
  }).filter((condition) => condition !== '');
  const rules = table.rules.map((r) => `coalesce(${r.check}, true)`);
  const regionColumns = table.columns.filter((c) => c.type === 'region');
  const regionJoins = regionColumns
    .map((c) => `LEFT JOIN regions AS ${regionAlias(c.name)} ON ${regionAlias(c.name)}.code = p.${ident(c.name)}`)
    .join('\n  ');
  const load = `CREATE OR REPLACE TABLE ${ident(table.table)} AS
SELECT p.__line AS source_line, ${table.columns.map((c) => `p.${ident(c.name)}`).join(', ')},
  NOT (${[...validity, ...rules].join('\n    AND ')}) AS __bad
FROM (
  SELECT __line, ${table.columns.map((c) => rawName(c.name)).join(', ')}, ${fastParsed.join(',\n    ')}
  FROM (
    SELECT __line, ${fastRaw.join(', ')}
    FROM read_csv(${str(stagedPath)}, ${readOptions}, dateformat = '%Y-%m-%d', store_rejects = true,
      rejects_table = ${str(work.readerRejects)}, rejects_scan = ${str(`${work.readerRejects}_scan`)}, columns = {${fastColumns}})
  )
) AS p`;
  // Region codes are checked on the loaded column alone: a join in the load would carry every
  // column through it.
  const flagRegions = regionColumns.map(
    (c) => `UPDATE ${ident(table.table)} SET __bad = true
WHERE NOT __bad AND ${ident(c.name)} IS NOT NULL AND ${ident(c.name)} NOT IN (SELECT code FROM regions WHERE ${regionAllowed(table.region_levels)})`,
  );

  // 2. General path, for the lines the fast path flagged or could not read.
  const textColumns = ['__line', ...stagedColumns].map((c) => `${str(c)}: 'VARCHAR'`).join(', ');
  // Cells as an office typed them, made comparable: NFKC (full-width digits and punctuation,
  // the ideographic space), then trimmed; empty is empty.
  const clean = (column: string) => `NULLIF(trim(nfkc(${ident(column)})), '')`;
  const cleaned = table.columns.map((c) =>
    present.has(c.name) ? `${clean(c.name)} AS ${rawName(c.name)}` : `CAST(NULL AS VARCHAR) AS ${rawName(c.name)}`,
  );
  // A total row (合计, 小计, 总计) in any cell, the 序号 column included.
  const isTotal = stagedColumns.map((c) => `coalesce(replace(${clean(c)}, ' ', '') IN ('合计', '小计', '总计'), false)`).join(' OR ');
  // Retired region codes are read as their successors from the crosswalk.
  const regionValue = (c: ColumnDefinition) => `coalesce((SELECT new_code FROM region_crosswalk WHERE old_code = ${rawName(c.name)}), ${rawName(c.name)})`;
  const checks: ErrorCheck[] = table.columns.flatMap((c) => cellChecks(c, enums));
  for (const column of regionColumns) checks.push(...regionChecks(column.name, column.zh, table.region_levels));
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
  const struct = (c: ErrorCheck) =>
    `CASE WHEN ${c.failed} THEN {'col': ${str(c.column)}, 'rule': ${str(c.rule)}, 'value': ${c.value}, 'msg': ${c.message}, 'msg_zh': ${c.messageZh}} END`;
  const general = `CREATE OR REPLACE TEMP TABLE ${ident(work.general)} AS
SELECT __line, __total, ${table.columns.map((c) => rawName(c.name)).join(', ')}, ${columns}, list_filter([
    ${checks.map(struct).join(',\n    ')}
  ], x -> x IS NOT NULL) AS errors
FROM (
  SELECT p.*, ${regionColumns.map((c) => [`code AS ${ident(`__${c.name}_known`)}`, `level AS ${ident(`__${c.name}_level`)}`, `leaf AS ${ident(`__${c.name}_leaf`)}`, `name_zh AS ${ident(`__${c.name}_name`)}`].map((x) => `${regionAlias(c.name)}.${x}`).join(', ')).join(',\n    ')}
  FROM (
    SELECT __line, __total, ${table.columns.map((c) => rawName(c.name)).join(', ')},
      ${table.columns.map((c) => `${parseExpression(c, enums, c.type === 'region' ? regionValue(c) : rawName(c.name), true)} AS ${ident(c.name)}`).join(',\n      ')}
    FROM (
      SELECT CAST(__line AS INTEGER) AS __line, (${isTotal}) AS __total, ${cleaned.join(', ')}
      FROM read_csv(${str(stagedPath)}, ${readOptions}, columns = {${textColumns}})
      WHERE CAST(__line AS INTEGER) IN (
        SELECT source_line FROM ${ident(table.table)} WHERE __bad
        UNION ALL SELECT CAST(split_part(csv_line, ',', 1) AS INTEGER) FROM ${ident(work.readerRejects)})
    )
  ) AS p
  ${regionJoins}
)`;

  const noGeneral = `CREATE OR REPLACE TEMP TABLE ${ident(work.general)} AS
SELECT * FROM (${general.slice(general.indexOf('SELECT __line'))}) LIMIT 0`;

  // 3. Duplicate keys among all rows: those the fast path kept, and those read again.
  const keys = table.key.map(ident);
  // Repeated keys are found by counting alone; lines are listed for those keys only (a list for
  // every key of a large file would be gigabytes, and spill).
  const duplicates = `CREATE OR REPLACE TEMP TABLE ${ident(work.duplicates)} AS
WITH keyed AS (
  SELECT ${keys.join(', ')}, source_line AS line FROM ${ident(table.table)} WHERE NOT __bad
  UNION ALL SELECT ${keys.join(', ')}, __line FROM ${ident(work.general)} WHERE NOT __total
), repeated AS (
  SELECT ${keys.join(', ')} FROM keyed
  WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}
  GROUP BY ${keys.join(', ')}
  HAVING count(*) > 1
)
SELECT ${keys.join(', ')}, CAST(count(*) AS INTEGER) AS n, list(line ORDER BY line) AS lines
FROM keyed SEMI JOIN repeated USING (${keys.join(', ')})
GROUP BY ${keys.join(', ')}`;

  // 4. Errors, then the table holds exactly the accepted rows.
  const keyText = (separator: string) =>
    `concat(${table.key.map((k, i) => `${i > 0 ? `${str(separator)}, ` : ''}${str(`${k} `)}, CAST(d.${ident(k)} AS VARCHAR)`).join(', ')})`;
  const lastKey = table.key[table.key.length - 1]!;
  const lines = lineListSql(sheets, 'd.lines[1:10]');
  const errors = `CREATE OR REPLACE TEMP TABLE ${ident(work.errors)} AS
SELECT __line AS line, e.col AS "column", e.rule AS rule,
  CASE WHEN length(e.value) > 200 THEN left(e.value, 200) || '…' ELSE e.value END AS value, e.msg AS message, e.msg_zh AS message_zh
FROM (SELECT __line, unnest(errors) AS e FROM ${ident(work.general)} WHERE NOT __total)
UNION ALL
SELECT line, ${str(lastKey)}, 'duplicate_key', CAST(d.${ident(lastKey)} AS VARCHAR),
  concat(${keyText(', ')}, ' appears ', d.n, ' times (', ${lines.en}, '); keep exactly one row'),
  concat(${keyText('，')}, ' 出现了 ', d.n, ' 次（', ${lines.zh}, '）；只能保留一行')
FROM (SELECT *, unnest(lines) AS line FROM ${ident(work.duplicates)}) AS d`;

  const finish = [
    `DELETE FROM ${ident(table.table)} WHERE __bad`,
    `INSERT INTO ${ident(table.table)} SELECT __line, ${columns}, false FROM ${ident(work.general)} WHERE len(errors) = 0 AND NOT __total`,
    `DELETE FROM ${ident(table.table)} WHERE source_line IN (SELECT line FROM ${ident(work.errors)})`,
    `ALTER TABLE ${ident(table.table)} DROP COLUMN __bad`,
  ];
  return { load, flagRegions, general, noGeneral, duplicates, errors, finish };
}

/** The DuckDB type a column is loaded as. */
export function sqlType(column: ColumnDefinition): string {
  switch (column.type) {
    case 'date':
      return 'DATE';
    case 'integer':
      return 'BIGINT';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

function regionAlias(column: string): string {
  return ident(`region_${column}`);
}

/** SQL over the regions table: the region is of a level the file allows. */
function regionAllowed(levels: readonly RegionLevel[]): string {
  return levels.length === 1 && levels[0] === 'county' ? 'leaf' : `level IN (${levels.map(str).join(', ')})`;
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

/** An empty table for a file the submission does not include, so that later SQL can read it. */
export function emptyTableStatement(table: TableDefinition): string {
  return `CREATE OR REPLACE TABLE ${ident(table.table)} (source_line INTEGER, ${table.columns.map((c) => `${ident(c.name)} ${sqlType(c)}`).join(', ')})`;
}
