/**
 * The one CSV field encoder (RFC 4180): a field is quoted, with inner quotes doubled, when it
 * holds a comma, a quote or a line break, or starts or ends with a space (which a reader
 * could trim). Every CSV the project writes goes through it: the input files the demo and
 * the form importer write, the metric downloads, the chart tables and the explorer's
 * exports (which also neutralize formulas first: src/lib/explorer/csv.ts).
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
