import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { contract } from '../../src/lib/contract/contract.ts';
import type { TableDefinition } from '../../src/lib/contract/definitions.ts';
import type { Manifest, MetricsFile } from '../../src/lib/contract/published.ts';
import { neutralizeSql } from '../../src/lib/csv-field.ts';
import { ident, str } from '../../src/lib/sql/quote.ts';
import { buildRegionReference } from '../regions/region-reference.ts';
import { loadRegions } from './load-regions.ts';
import { stageTimer } from './stage-timer.ts';
import { pendingDir } from './atomic-dir.ts';
import { IGNORED_PREFIX, isHeader, mapHeader } from './header-mapping.ts';
import { InputError } from './input-error.ts';
import { registerNfkc } from './nfkc-function.ts';
import { REPORT_ERROR_LIMIT, type FileReport, type IngestReport, type RowError, type RunResources, type SheetReport } from './ingest-report.ts';
import { silentProgress, type Progress } from './progress.ts';
import { scanCsv } from './scan-csv.ts';
import { sheetSource, workbookAsCsv } from './workbook-csv.ts';
import { lineSql, locateLine, partOfLine, type SheetPart } from './sheet-lines.ts';
import { readSubmission } from './submission.ts';
import { DEFAULT_K, MIN_K } from '../../src/lib/disclosure/threshold.ts';
import { emptyTableStatement, tableStatements, workTables } from './table-sql.ts';
import { notedValuesSql } from './column-sql.ts';
import { loadMetrics } from '../metrics/load-metrics.ts';
import { publishMetrics, regionParents } from '../metrics/publish-metrics.ts';
import { loadTargets } from '../metrics/load-targets.ts';
import { publishTargets } from '../metrics/publish-targets.ts';
import { describe, exportCube, metricRows } from '../metrics/export-published.ts';
import { buildSummary } from './summary.ts';

/** Where the ingest reads and writes. */
export interface IngestOptions {
  /** Submission folder of CSV files (or .xlsx workbooks named like them). */
  readonly input: string;
  /** Published output folder (aggregates only; never rows). */
  readonly out: string;
  /** Report folder: report.json and rejects/<file>. */
  readonly report: string;
  /** The DuckDB database file the accepted rows are loaded into. */
  readonly db: string;
  /** Disclosure threshold: nothing published is computed from fewer than k units (default 5, at least 3). */
  readonly k?: number;
  /** For workbooks: the sheets to read, by workbook file name (`enterprises.xlsx` → [`长安区`]); default every sheet holding the file's header. */
  readonly sheets?: Readonly<Record<string, readonly string[]>>;
  /** In every block, bound every withheld value by linear programming and withhold more where it falls short (docs/disclosure.md); by default only in blocks of up to `repairUpTo` variables. */
  readonly repairIntervals?: boolean;
  /** Without `repairIntervals`: repair the blocks of up to this many variables (measures × inner cells) only; default DEFAULT_REPAIR_UP_TO, 0 for none. */
  readonly repairUpTo?: number;
  readonly progress?: Progress;
}

export { DEFAULT_K, MIN_K };

/** DuckDB's memory limit, so that a build of any size stays under 2 GB of memory in all. */
export const DUCKDB_MEMORY_LIMIT = '1GB';

/**
 * Reads every contract file of a submission folder, validates every row in DuckDB, loads the
 * accepted rows into a database file, writes the rejects and report, and publishes the
 * summary. Outputs appear all at once at the end; a failure leaves the previous ones intact.
 * Throws InputError for a file that cannot be used at all.
 */
export async function runIngest(options: IngestOptions): Promise<IngestReport> {
  const runStarted = performance.now();
  const progress = options.progress ?? silentProgress;
  const k = options.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < MIN_K) throw new InputError('--k', `the disclosure threshold must be a whole number of at least ${MIN_K}, got ${k}`);
  const metrics = loadMetrics();
  const campaign = loadTargets(metrics);
  const input = resolve(options.input);
  const files = await listSubmission(input);
  for (const workbook of Object.keys(options.sheets ?? {})) {
    if (![...files.values()].includes(workbook)) {
      throw new InputError('--sheet', `${workbook} is not a workbook of the submission (its files are ${[...files.values()].join(', ')})`);
    }
  }
  const submission = await readSubmission(input);

  const dbPath = resolve(options.db);
  await mkdir(dirname(dbPath), { recursive: true });
  const work = await pendingDir(join(dirname(dbPath), `.${basename(dbPath)}.work`));
  const out = await pendingDir(resolve(options.out));
  const report = await pendingDir(resolve(options.report));
  const workDb = join(work.path, basename(dbPath));
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(workDb);
    connection = await instance.connect();
    await connection.run(`SET preserve_insertion_order = false`);
    // DuckDB's default limit is 80% of the machine's memory, and it keeps the pages it has
    // written cached up to it: at 30x the demo the process passed 2 GB. Bounded, it evicts
    // them (they are on disk already) and spills working tables to the work folder.
    await connection.run(`SET memory_limit = ${str(DUCKDB_MEMORY_LIMIT)}`);
    registerNfkc(connection);
    await loadRegions(connection, buildRegionReference());
    await connection.run(`CREATE TABLE region_crosswalk AS SELECT * FROM read_csv(${str(resolve('data/reference/region-crosswalk.csv'))}, header = true, all_varchar = true)`);
    await mkdir(join(report.path, 'rejects'), { recursive: true });

    const fileReports: FileReport[] = [];
    for (const table of contract.tables) {
      const source = files.get(table.file);
      if (source === undefined) {
        await connection.run(emptyTableStatement(table));
        continue;
      }
      if (isWorkbookName(source)) {
        // The sheets holding the file's rows, as one CSV whose lines map back to their rows.
        const csvPath = join(work.path, `sheets-${table.file}`);
        const { parts, skipped } = await workbookAsCsv(join(input, source), source, table, csvPath, options.sheets?.[source]);
        const { size: bytes } = await stat(join(input, source));
        fileReports.push(await ingestFile(connection, table, csvPath, work.path, report.path, progress, { source, bytes, parts, skipped }, options.sheets?.[source] !== undefined));
        await rm(csvPath, { force: true });
      } else fileReports.push(await ingestFile(connection, table, join(input, source), work.path, report.path, progress));
    }
    const result: IngestReport = {
      input,
      synthetic: submission.synthetic,
      files: fileReports,
      missing_files: contract.tables.map((t) => t.file).filter((f) => !files.has(f)),
    };
    const writeReport = (resources?: RunResources) =>
      writeFile(join(report.path, 'report.json'), `${JSON.stringify(resources === undefined ? result : { ...result, resources }, null, 2)}\n`);
    await writeReport();
    const timer = stageTimer();
    const builtAt = await dataTime(input, [...files.values()]);
    const summary = await buildSummary(connection, result, submission, contract.tables.filter((t) => files.has(t.file)), builtAt);
    await writeFile(join(out.path, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

    timer.lap('summary');
    const started = performance.now();
    const queries = await instance.connect();
    let published;
    try {
      published = await publishMetrics(connection, metrics, k, {
        queries,
        targets: campaign.targets,
        repairUpTo: options.repairIntervals === true ? Infinity : options.repairUpTo,
        progress: (line) => progress.line(line),
        timer,
      });
    } finally {
      queries.closeSync();
    }
    const outputs = await exportCube(connection, out.path, work.path, published.published);
    timer.lap('exports');
    const rows = metricRows(published.published);
    const targets = publishTargets(campaign.targets, campaign.documents, metrics, rows, await regionParents(connection));
    timer.lap('targets');
    const metricsJson: MetricsFile = {
      vintage: summary.vintage,
      generated_at: summary.built_at,
      synthetic: summary.synthetic,
      k,
      metrics: rows,
      targets: targets.status,
      target_definitions: targets.definitions,
    };
    await writeFile(join(out.path, 'metrics.json'), JSON.stringify(metricsJson));
    outputs.unshift(await describe(out.path, 'metrics.json', 'json', metricsJson.metrics.length, 'metric totals per region and period, with target status rows'));
    const manifest: Manifest = { vintage: summary.vintage, generated_at: summary.built_at, synthetic: summary.synthetic, k, files: outputs };
    await writeFile(join(out.path, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    timer.lap('metrics_json');
    progress.line(`targets: ${targets.definitions.length} targets, ${targets.status.length.toLocaleString('en')} status rows`);
    progress.line(
      `metrics: ${published.cells.toLocaleString('en')} cells published, ${published.suppressed.toLocaleString('en')} suppressed (k = ${k}) ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await writeReport({
      seconds: Math.round(performance.now() - runStarted) / 1000,
      max_rss_bytes: process.resourceUsage().maxRSS * 1024,
      stages: timer.seconds,
    });
    await connection.run('CHECKPOINT');
    connection.closeSync();
    connection = undefined;
    instance.closeSync();
    instance = undefined;

    await rename(workDb, dbPath);
    await rm(`${dbPath}.wal`, { force: true });
    await report.commit();
    await out.commit();
    return result;
  } catch (error) {
    connection?.closeSync();
    instance?.closeSync();
    await Promise.all([out.discard(), report.discard()]);
    throw error;
  } finally {
    await work.discard();
  }
}

/**
 * The time stamped on published files: SOURCE_DATE_EPOCH (seconds) when set, else the newest
 * input file's modification time. Never the clock, so that the same input gives the same bytes.
 */
async function dataTime(input: string, files: readonly string[]): Promise<Date> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const times = await Promise.all(files.map(async (f) => (await stat(join(input, f))).mtimeMs));
  return new Date(Math.floor(Math.max(...times) / 1000) * 1000);
}

/** Whether a file of the submission is a workbook. */
function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name);
}

/**
 * The contract files present in a submission folder, each as a CSV (`enterprises.csv`) or a
 * workbook (`enterprises.xlsx`), by contract file; anything else there is refused.
 */
async function listSubmission(input: string): Promise<Map<string, string>> {
  let entries: string[];
  try {
    entries = await readdir(input);
  } catch {
    const hint = input.endsWith(join('data', 'demo')) ? '; run npm run demo-data to generate the demo' : '';
    throw new InputError(input, `the input folder does not exist or cannot be read${hint}`);
  }
  const expected = contract.tables.map((t) => t.file);
  const workbook = (file: string) => file.replace(/\.csv$/, '.xlsx');
  const old = entries.find((name) => /\.xls$/i.test(name));
  if (old !== undefined) throw new InputError(old, 'is an Excel 97–2003 workbook (.xls); open it in Excel and save it as .xlsx, or as CSV UTF-8');
  const data = entries.filter((name) => /\.(csv|tsv|txt|xlsx)$/i.test(name));
  const unexpected = data.filter((name) => !expected.includes(name) && !expected.map(workbook).includes(name));
  if (unexpected.length > 0) {
    throw new InputError(
      unexpected[0]!,
      `is not a file of the contract (expected ${expected.join(', ')}, or the same names as .xlsx workbooks); rename it or move it out of ${input}`,
    );
  }
  const present = new Map<string, string>();
  for (const file of expected) {
    const both = [file, workbook(file)].filter((name) => entries.includes(name));
    if (both.length > 1) throw new InputError(workbook(file), `${file} is in the folder too; send the rows once, as one or the other`);
    if (both.length === 1) present.set(file, both[0]!);
  }
  if (present.size === 0) throw new InputError(input, `the folder holds none of ${expected.join(', ')} (as CSV or .xlsx)`);
  return present;
}

async function ingestFile(
  connection: DuckDBConnection,
  table: TableDefinition,
  path: string,
  workDir: string,
  reportDir: string,
  progress: Progress,
  /** For a workbook's sheets, written as one CSV at `path`: the workbook, where each sheet's rows are, the sheets not read. */
  workbook?: { readonly source: string; readonly bytes: number; readonly parts: readonly SheetPart[]; readonly skipped: readonly string[] },
  /** The workbook's sheets were named with --sheet. */
  named = false,
): Promise<FileReport> {
  const started = performance.now();
  const { size } = await stat(path);
  const stagedPath = join(workDir, table.file);
  let stagedColumns: string[] = [];
  const { seconds: stages, lap } = stageTimer();
  const source = workbook?.source ?? table.file;
  const scan = await scanCsv(path, source, stagedPath, {
    onProgress: progress.scan(table.file, size),
    stagedHeader: (header) => (stagedColumns = mapHeader(table, header, source)),
    isHeader: isHeader(table),
    fromWorkbook: workbook !== undefined,
  });

  progress.line(`${table.file}: ${scan.rowsRead.toLocaleString('en')} rows read (${workbook === undefined ? scan.encoding : `${workbook.source}, ${workbook.parts.length === 1 ? 'one sheet' : `${workbook.parts.length} sheets`}`}); checking them in DuckDB`);
  const statements = tableStatements(table, contract.enums, stagedPath, stagedColumns, scan.delimiter, workbook?.parts);
  const names = workTables(table);
  lap('scan');
  await connection.run(statements.load);
  for (const statement of statements.flagRegions) await connection.run(statement);
  lap('load');
  const suspect = (
    await connection.runAndReadAll(`SELECT (SELECT count(*) FROM ${ident(table.table)} WHERE __bad) + (SELECT count(*) FROM ${ident(names.readerRejects)}) AS n`)
  ).getRowObjectsJS()[0]!.n;
  // Read lines again only when the fast path flagged or could not read some.
  await connection.run(suspect === 0n ? statements.noGeneral : statements.general);
  lap('general');
  await connection.run(statements.duplicates);
  await connection.run(statements.errors);
  lap('errors');
  const totalLines = ((await connection.runAndReadAll(`SELECT __line AS line FROM ${ident(names.general)} WHERE __total ORDER BY 1`)).getRowObjectsJS() as { line: number }[]).map((r) => r.line);
  const region = table.columns.find((c) => c.type === 'region')!.name;
  const mappedRegions = (await connection.runAndReadAll(`SELECT ${ident(`raw_${region}`)} AS "from", ${ident(region)} AS "to", CAST(count(*) AS INTEGER) AS rows
    FROM ${ident(names.general)} WHERE len(errors) = 0 AND NOT __total AND ${ident(`raw_${region}`)} <> ${ident(region)} GROUP BY ALL ORDER BY 1`)).getRowObjectsJS() as { from: string; to: string; rows: number }[];
  const notedValues: FileReport['noted_values'][number][] = [];
  for (const column of table.columns) {
    const sql = notedValuesSql(column, contract.enums, names.general);
    if (sql === null) continue;
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS() as { value: string; code: string; note: string; rows: number; first_line: number }[];
    for (const r of rows) {
      const at = workbook === undefined ? undefined : locateLine(workbook.parts, r.first_line);
      notedValues.push({ column: column.name, ...r, ...(at === undefined ? {} : { first_line: at.row, first_sheet: at.sheet }) });
    }
  }
  for (const statement of statements.finish) await connection.run(statement);
  lap('finish');
  if (scan.structuralErrors.length > 0) {
    const appender = await connection.createAppender(names.errors);
    for (const e of scan.structuralErrors) {
      appender.appendInteger(e.line);
      appender.appendNull();
      appender.appendVarchar(e.rule);
      appender.appendVarchar(e.value);
      appender.appendVarchar(e.message);
      appender.appendVarchar(e.message_zh);
      appender.endRow();
    }
    appender.closeSync();
  }

  const counts = (
    await connection.runAndReadAll(`SELECT
      (SELECT CAST(count(*) AS INTEGER) FROM ${ident(table.table)}) AS accepted,
      (SELECT CAST(count(DISTINCT line) AS INTEGER) FROM ${ident(names.errors)}) AS rejected,
      (SELECT CAST(count(*) AS INTEGER) FROM ${ident(names.errors)}) AS errors`)
  ).getRowObjectsJS()[0] as { accepted: number; rejected: number; errors: number };
  const rowsRead = scan.rowsRead - totalLines.length;
  if (counts.accepted + counts.rejected !== rowsRead) {
    throw new Error(
      `${table.file}: row accounting broken: read ${rowsRead}, accepted ${counts.accepted}, rejected ${counts.rejected}`,
    );
  }
  const byRule = (
    await connection.runAndReadAll(`SELECT rule, CAST(count(*) AS INTEGER) AS n FROM ${ident(names.errors)} GROUP BY rule ORDER BY rule`)
  ).getRowObjectsJS() as { rule: string; n: number }[];
  const errors = (
    await connection.runAndReadAll(`SELECT line, "column", rule, value, message, message_zh FROM ${ident(names.errors)}
      ORDER BY line, "column" NULLS FIRST, rule LIMIT ${REPORT_ERROR_LIMIT}`)
  ).getRowObjectsJS() as unknown as RowError[];
  const sheets = workbook === undefined ? undefined : await sheetReports(connection, table, workbook.parts, scan.blankLines, totalLines);
  await writeRejects(connection, names.errors, join(reportDir, 'rejects', table.file), workDir, workbook?.parts);
  for (const name of [names.general, names.duplicates, names.errors, names.readerRejects, `${names.readerRejects}_scan`]) await connection.run(`DROP TABLE ${ident(name)}`);
  await rm(stagedPath, { force: true });
  lap('report');

  const seconds = (performance.now() - started) / 1000;
  for (const sheet of sheets ?? []) {
    progress.line(`  ${sheetSource(workbook!.source, sheet.sheet)}: ${sheet.rows_read.toLocaleString('en')} rows read, ${sheet.rows_accepted.toLocaleString('en')} accepted, ${sheet.rows_rejected.toLocaleString('en')} rejected`);
  }
  if (workbook !== undefined && workbook.skipped.length > 0) {
    const why = named ? 'not named with --sheet' : `no header of ${table.file} in the first rows`;
    progress.line(`  ${workbook.source}: sheet${workbook.skipped.length > 1 ? 's' : ''} ${workbook.skipped.map((n) => `"${n}"`).join(', ')} not read (${why})`);
  }
  progress.line(
    `${table.file}: ${rowsRead.toLocaleString('en')} rows read, ${counts.accepted.toLocaleString('en')} accepted, ` +
      `${counts.rejected.toLocaleString('en')} rejected` +
      (scan.blankLines.length > 0 ? `, ${scan.blankLines.length} blank lines skipped` : '') +
      (totalLines.length > 0 ? `, ${totalLines.length} total rows skipped` : '') +
      (mappedRegions.length > 0 ? `, ${mappedRegions.reduce((n, m) => n + m.rows, 0)} rows with a retired region code mapped` : '') +
      (notedValues.length > 0 ? `, ${notedValues.reduce((n, m) => n + m.rows, 0)} rows read from a type that does not say its owners (see the report)` : '') +
      ` (${seconds.toFixed(1)} s, ${Math.round(rowsRead / Math.max(seconds, 1e-3)).toLocaleString('en')} rows/s)`,
  );
  return {
    file: table.file,
    ...(workbook === undefined ? {} : { source: workbook.source, sheets: sheets!, skipped_sheets: workbook.skipped }),
    encoding: workbook === undefined ? scan.encoding : 'xlsx',
    delimiter: scan.delimiter,
    title_lines: workbook === undefined ? scan.titleLines : [],
    ignored_columns: scan.header.filter((_, i) => stagedColumns[i]?.startsWith(IGNORED_PREFIX)),
    total_lines: workbook === undefined ? totalLines : [],
    mapped_regions: mappedRegions,
    noted_values: notedValues,
    bytes: workbook?.bytes ?? scan.bytes,
    rows_read: rowsRead,
    rows_accepted: counts.accepted,
    rows_rejected: counts.rejected,
    blank_lines: workbook === undefined ? scan.blankLines : [],
    errors_total: counts.errors,
    errors_by_rule: Object.fromEntries(byRule.map((r) => [r.rule, r.n])),
    errors: errors.map((e) => {
      const at = workbook === undefined ? undefined : locateLine(workbook.parts, e.line);
      return at === undefined ? { ...e } : { ...e, line: at.row, sheet: at.sheet };
    }),
    errors_truncated: counts.errors > errors.length,
    seconds: Math.round(seconds * 1000) / 1000,
    stages,
  };
}

/**
 * Each sheet's accounting: its rows read (blank and total rows left out), accepted and
 * rejected, and its skipped rows, numbered as Excel shows them. Throws when a sheet's rows
 * read differ from its accepted plus rejected: no row is lost in any sheet.
 */
async function sheetReports(
  connection: DuckDBConnection,
  table: TableDefinition,
  parts: readonly SheetPart[],
  blankLines: readonly number[],
  totalLines: readonly number[],
): Promise<SheetReport[]> {
  const names = workTables(table);
  const count = async (sql: string) => {
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS() as { part: number; n: number }[];
    return new Map(rows.map((r) => [r.part, r.n]));
  };
  const accepted = await count(`SELECT ${lineSql(parts, 'source_line').part} AS part, CAST(count(*) AS INTEGER) AS n FROM ${ident(table.table)} GROUP BY ALL`);
  const rejected = await count(`SELECT ${lineSql(parts, 'line').part} AS part, CAST(count(DISTINCT line) AS INTEGER) AS n FROM ${ident(names.errors)} GROUP BY ALL`);
  return parts.map((part, i) => {
    const rows = (lines: readonly number[]) => lines.filter((line) => partOfLine(parts, line) === i).map((line) => locateLine(parts, line)!.row);
    const blank = rows(blankLines);
    const total = rows(totalLines);
    const report: SheetReport = {
      sheet: part.sheet,
      header_row: part.headerRow,
      title_rows: part.titleRows,
      blank_rows: blank,
      total_rows: total,
      rows_read: part.rows - blank.length - total.length,
      rows_accepted: accepted.get(i) ?? 0,
      rows_rejected: rejected.get(i) ?? 0,
    };
    if (report.rows_accepted + report.rows_rejected !== report.rows_read) {
      throw new Error(`${table.file}, sheet "${part.sheet}": row accounting broken: read ${report.rows_read}, accepted ${report.rows_accepted}, rejected ${report.rows_rejected}`);
    }
    return report;
  });
}

/**
 * Writes every error of a file, in line order, as CSV with a UTF-8 byte-order mark so that
 * Excel on Chinese Windows shows the Chinese messages correctly. For a workbook, a `sheet`
 * column comes first and `line` is the sheet's row.
 */
async function writeRejects(connection: DuckDBConnection, errorsTable: string, target: string, workDir: string, parts?: readonly SheetPart[]): Promise<void> {
  const plain = join(workDir, `rejects-${basename(target)}`);
  const at = parts === undefined ? undefined : lineSql(parts, 'e.line');
  const place = at === undefined ? 'e.line' : `${neutralizeSql(at.sheet)} AS sheet, ${at.row} AS line`;
  // Staff open these in Excel: a cell as the office wrote it (=HYPERLINK(…)) must not run there.
  await connection.run(`COPY (SELECT ${place}, e."column", e.rule, ${neutralizeSql('e.value')} AS value, ${neutralizeSql('e.message')} AS message, ${neutralizeSql('e.message_zh')} AS message_zh
    FROM ${ident(errorsTable)} AS e ORDER BY e.line, e."column" NULLS FIRST, e.rule) TO ${str(plain)} (FORMAT csv, HEADER true)`);
  const output = createWriteStream(target);
  output.write('\ufeff');
  await pipeline(createReadStream(plain), output);
  await rm(plain, { force: true });
}
