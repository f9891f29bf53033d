/** One broken rule of one row, as reported to the office that sent the file. */
export interface RowError {
  /** Line in the file as an editor shows it (the header is line 1). */
  readonly line: number;
  /** Column name, or null when the whole row is at fault (wrong number of cells). */
  readonly column: string | null;
  readonly rule: string;
  /** For a workbook: the sheet, `line` being its row as Excel numbers it. */
  readonly sheet?: string;
  readonly value: string | null;
  readonly message: string;
  readonly message_zh: string;
}

/** What happened to one input file. rows_read = rows_accepted + rows_rejected, always. */
export interface FileReport {
  readonly file: string;
  /** When the rows came in a workbook: its file name (`enterprises.xlsx`). */
  readonly source?: string;
  /**
   * For a workbook: each sheet read, with its own accounting (rows read = accepted + rejected)
   * and its skipped rows, all numbered as Excel shows them. The file's title, blank and total
   * line lists are then empty: every line is a sheet's row, in `sheets`.
   */
  readonly sheets?: readonly SheetReport[];
  /** For a workbook: its other sheets, which hold no header of the file among their first rows, not read. */
  readonly skipped_sheets?: readonly string[];
  readonly encoding: string;
  /** ',' or '\t'. */
  readonly delimiter: string;
  /** Lines above the header (a form's title rows), skipped. */
  readonly title_lines: readonly number[];
  /** Columns read but not loaded (a 序号 row-number column). */
  readonly ignored_columns: readonly string[];
  /** Total rows (合计, 小计, 总计), recognized and not loaded (not counted as rows read). */
  readonly total_lines: readonly number[];
  /** Retired region codes replaced through the crosswalk: from, to, rows. */
  readonly mapped_regions: ReadonlyArray<{ readonly from: string; readonly to: string; readonly rows: number }>;
  /**
   * Cells read through a word that does not say enough (a registration type without its
   * owners, data/reference/registration-types.csv): the column, the word as written, the code
   * it was read as, why, the accepted rows and the first line.
   */
  readonly noted_values: ReadonlyArray<{
    readonly column: string;
    readonly value: string;
    readonly code: string;
    readonly note: string;
    readonly rows: number;
    readonly first_line: number;
    /** For a workbook: the sheet of the first line, which is then its row. */
    readonly first_sheet?: string;
  }>;
  /** Bytes of the file as sent (the workbook, for a workbook). */
  readonly bytes: number;
  readonly rows_read: number;
  readonly rows_accepted: number;
  readonly rows_rejected: number;
  /** Lines skipped because they were blank (not counted as rows read). */
  readonly blank_lines: readonly number[];
  /** Number of errors; a rejected row can break several rules. */
  readonly errors_total: number;
  readonly errors_by_rule: Readonly<Record<string, number>>;
  /** The first errors in line order; all of them are in rejects/<file>. */
  readonly errors: readonly RowError[];
  readonly errors_truncated: boolean;
  readonly seconds: number;
  /** Seconds per stage: scan, load (fast path), general (lines read again), errors, finish, report. */
  readonly stages: Readonly<Record<string, number>>;
}

/** What happened to one sheet of a workbook; rows_read = rows_accepted + rows_rejected, always. */
export interface SheetReport {
  readonly sheet: string;
  /** The row holding the header. */
  readonly header_row: number;
  /** Rows above the header (a title), skipped. */
  readonly title_rows: readonly number[];
  /** Blank rows below the header, skipped (not counted as rows read). */
  readonly blank_rows: readonly number[];
  /** Total rows (合计, 小计, 总计), recognized and not loaded (not counted as rows read). */
  readonly total_rows: readonly number[];
  readonly rows_read: number;
  readonly rows_accepted: number;
  readonly rows_rejected: number;
}

/** The machine-readable summary written to <report>/report.json. */
export interface IngestReport {
  readonly input: string;
  readonly synthetic: boolean;
  readonly files: readonly FileReport[];
  /** Contract files not present in the input folder. */
  readonly missing_files: readonly string[];
}

/** How long the whole run took and the most memory it held (the process's peak resident set). */
export interface RunResources {
  readonly seconds: number;
  readonly max_rss_bytes: number;
  /**
   * Seconds of each step after the files are loaded: summary, cubes, metric_queries,
   * protect_<source> (disclosure control), published_cells, exports, targets, metrics_json.
   */
  readonly stages: Readonly<Record<string, number>>;
}

/** How many errors per file report.json lists; the rejects file has them all. */
export const REPORT_ERROR_LIMIT = 1000;
