/**
 * The one CSV field encoder (RFC 4180): a field is quoted, with inner quotes doubled, when it
 * holds a comma, a quote or a line break, or starts or ends with a space (which a reader
 * could trim). Every CSV the project writes goes through it: the input files the demo and
 * the form importer write, the metric downloads, the chart tables and the explorer's
 * exports (which also neutralize formulas first: src/lib/explorer/csv.ts). The ingest's
 * rejects are written by DuckDB's COPY, with the same quoting and {@link neutralizeSql}.
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The characters that make a spreadsheet read a text cell as a formula (also in full width), as a regular-expression class JavaScript and DuckDB read alike. */
const FORMULA_CLASS = '[=+\\-@\t\r＝＋－＠]';

/** Whether a spreadsheet would read text as a formula. */
const FORMULA_START = new RegExp(`^${FORMULA_CLASS}`, 'u');

/**
 * A text cell made safe to open in a spreadsheet (OWASP "CSV injection"): one that starts
 * like a formula gets a leading apostrophe, `=SUM(A1)` → `'=SUM(A1)`.
 */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** {@link neutralize} in SQL, for the VARCHAR expression `v` (NULL stays NULL). */
export function neutralizeSql(v: string): string {
  return `(CASE WHEN regexp_matches(${v}, '^${FORMULA_CLASS}') THEN '''' || ${v} ELSE ${v} END)`;
}
