import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, str } from '../../src/lib/sql/quote.ts';

/** Column types that cross between DuckDB and JavaScript through CSV text. */
export type ExchangeType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN';

/** A column: its name and type. */
export type ExchangeColumn = readonly [name: string, type: ExchangeType];

/** A value as JavaScript holds it: what getRowObjectsJS returns for these types. */
export type ExchangeValue = string | number | boolean | null;

/*
 * Why CSV files rather than the node-api result readers and the appender: those cost one
 * native call and one string decode per value (a third of a million published cells of twelve
 * columns took 2–3 s each way in a profile), while DuckDB writes and reads CSV in C++ and
 * JavaScript splits a file with a few native string operations. Numbers survive the trip
 * exactly: DuckDB prints a DOUBLE as its shortest round-trip form and JavaScript parses it
 * correctly rounded, and the other way round.
 */

let serial = 0;

/**
 * Runs `sql` and returns its rows as column arrays, in order: strings, numbers, booleans, or
 * null. `columns` names the query's columns and their types, in the query's order.
 */
export async function queryColumns(
  connection: DuckDBConnection,
  sql: string,
  columns: readonly ExchangeColumn[],
  workDir: string,
): Promise<ExchangeValue[][]> {
  const path = join(workDir, `exchange-${process.pid}-${serial++}.csv`);
  await connection.run(`COPY (${sql}) TO ${str(path)} (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
  const text = await readFile(path, 'utf8');
  await rm(path, { force: true });
  const fields = text.includes('"') ? splitQuoted(text, columns.length) : splitPlain(text, columns.length);
  return columns.map(([, type], c) => {
    const values: ExchangeValue[] = [];
    for (let i = c; i < fields.length; i += columns.length) values.push(convert(fields[i]!, type));
    return values;
  });
}

/** Like queryColumns, as row objects keyed by column name. */
export async function queryRows<T>(connection: DuckDBConnection, sql: string, columns: readonly ExchangeColumn[], workDir: string): Promise<T[]> {
  const values = await queryColumns(connection, sql, columns, workDir);
  const rows = values[0]?.length ?? 0;
  const out: T[] = [];
  for (let r = 0; r < rows; r++) {
    const row: Record<string, ExchangeValue> = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]![0]] = values[c]![r]!;
    out.push(row as T);
  }
  return out;
}

/**
 * Collects rows in CSV text and inserts them into `table` (whose columns are `columns`, in
 * order) in one statement when flushed.
 */
export class CsvInserter {
  private parts: string[] = [];
  private rows = 0;
  private readonly connection: DuckDBConnection;
  private readonly table: string;
  private readonly columns: readonly ExchangeColumn[];
  private readonly workDir: string;

  constructor(connection: DuckDBConnection, table: string, columns: readonly ExchangeColumn[], workDir: string) {
    this.connection = connection;
    this.table = table;
    this.columns = columns;
    this.workDir = workDir;
  }

  /** Adds one row: a value per column, in the columns' order. */
  add(values: readonly ExchangeValue[]): void {
    let line = '';
    for (let c = 0; c < values.length; c++) {
      if (c > 0) line += ',';
      line += field(values[c]!);
    }
    this.parts.push(line);
    this.rows++;
  }

  /** Inserts the rows added so far; returns how many. */
  async flush(): Promise<number> {
    const rows = this.rows;
    if (rows === 0) return 0;
    const path = join(this.workDir, `exchange-${process.pid}-${serial++}.csv`);
    await writeFile(path, `${this.parts.join('\n')}\n`);
    this.parts = [];
    this.rows = 0;
    const types = this.columns.map(([name, type]) => `${str(name)}: ${str(type)}`).join(', ');
    await this.connection.run(`INSERT INTO ${ident(this.table)} SELECT * FROM read_csv(${str(path)}, header = false, auto_detect = false,
      delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${types}})`);
    await rm(path, { force: true });
    return rows;
  }
}

/** A value as a CSV field: empty for null; quoted when empty or holding a separator or quote. */
function field(value: ExchangeValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0.0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value === '' || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function convert(text: string | null, type: ExchangeType): ExchangeValue {
  if (text === null) return null;
  if (type === 'VARCHAR') return text;
  if (type === 'DOUBLE') return Number(text);
  return text === 'true';
}

/** Fields of quote-free CSV text, row after row; an empty field is null. */
function splitPlain(text: string, width: number): (string | null)[] {
  const out: (string | null)[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const cells = line.split(',');
    if (cells.length !== width) throw new Error(`csv exchange: a row has ${cells.length} fields, expected ${width}`);
    for (const cell of cells) out.push(cell === '' ? null : cell);
  }
  return out;
}

/** Fields of CSV text with quoted fields: a quoted empty field is '', an unquoted one null. */
function splitQuoted(text: string, width: number): (string | null)[] {
  const out: (string | null)[] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  let inRow = 0;
  const end = () => {
    out.push(cell === '' && !quoted ? null : cell);
    cell = '';
    quoted = false;
    inRow++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else inQuotes = false;
    } else if (ch === '"') {
      inQuotes = true;
      quoted = true;
    } else if (ch === ',') end();
    else if (ch === '\n') {
      end();
      if (inRow !== width) throw new Error(`csv exchange: a row has ${inRow} fields, expected ${width}`);
      inRow = 0;
    } else cell += ch;
  }
  return out;
}
