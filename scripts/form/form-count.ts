/** A count read from a form cell: the number, or why the cell is not one. */
export type CountResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: string };

/**
 * Reads a head count as written in a form: digits, optionally with thousands separators
 * ("1,234"; a full-width comma is already a comma after NFKC), a decimal part of zeros as Excel
 * may add ("120.00"), and an optional unit 人. Negative, fractional and other values are refused.
 */
export function parseCount(cell: string): CountResult {
  const text = cell.replace(/\s+/gu, '').replace(/人$/u, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/u.exec(text);
  if (match === null) {
    if (/^-\d/u.test(text)) return { ok: false, problem: 'is negative' };
    if (/^\d+\.\d+$/u.test(text)) return { ok: false, problem: 'is not a whole number' };
    return { ok: false, problem: 'is not a number' };
  }
  const value = Number(match[1]!.replaceAll(',', ''));
  if (!Number.isSafeInteger(value)) return { ok: false, problem: 'is too large' };
  return { ok: true, value };
}
