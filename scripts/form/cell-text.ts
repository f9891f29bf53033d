/**
 * Normalizes a cell as read from a form: Unicode NFKC (full-width digits, letters, commas and
 * brackets become their ASCII forms, the ideographic space a space), then trimmed.
 */
export function normalizeCell(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/**
 * A cell with every whitespace character removed, line breaks included, after NFKC: how header
 * cells ("是否\n建会") and coded words ("私 营") are compared.
 */
export function compactText(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '');
}

/** Cells that offices write to mean "nothing here": a slash, dashes, 无, 空, 不适用 … */
const PLACEHOLDERS = new Set(['/', '\\', '-', '--', '—', '——', '无', '空', '暂无', '不适用', 'n/a', 'na', 'null']);

/**
 * True for an empty cell or a placeholder meaning "nothing here". Used for counts, dates and
 * the reason, never for 是否建会 (where 无 means "no").
 */
export function isBlankValue(cell: string): boolean {
  const compact = compactText(cell).toLowerCase();
  return compact === '' || PLACEHOLDERS.has(compact);
}
