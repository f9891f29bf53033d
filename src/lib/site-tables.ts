/**
 * The data table behind a chart (or any simple table): a caption, column headings, and
 * rows whose first cell is the row heading. Cells are already formatted text; a row
 * heading may link somewhere. Rendered by src/components/DataTable.astro.
 */

/** One column of a table. */
export interface TableColumn {
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

/** One row: its heading (first column) and the other cells. */
export interface TableRow {
  readonly header: string;
  /** Link of the row heading. */
  readonly href?: string;
  /** `lang` of the row heading, when it differs from the page (e.g. a Chinese name). */
  readonly lang?: string;
  readonly cells: readonly string[];
  /** Extra class of the row (e.g. `is-highlight`, `level-county`). */
  readonly className?: string;
}

/** A whole table. */
export interface TableSpec {
  readonly caption: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Rows under a rule at the end (totals). */
  readonly foot?: readonly TableRow[];
}
