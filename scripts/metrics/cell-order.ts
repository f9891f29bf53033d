/** A sort key of a row: text or null. */
export type SortKey = string | null;

/**
 * Compares rows by keys in turn the way DuckDB's ORDER BY does with its defaults: ascending,
 * NULLs last (unless `nullsFirst` says otherwise for a key), text by its UTF-8 bytes (binary
 * collation). Lets rows the build already holds be sorted in JavaScript as the published files
 * expect, instead of being written to DuckDB and read back sorted.
 */
export function compareKeys(a: readonly SortKey[], b: readonly SortKey[], nullsFirst: readonly boolean[] = []): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x === null) return nullsFirst[i] ? -1 : 1;
    if (y === null) return nullsFirst[i] ? 1 : -1;
    return compareText(x, y);
  }
  return 0;
}

/**
 * UTF-8 byte order, which is code point order. UTF-16 code unit order (JavaScript's `<`) is
 * the same except for characters above U+FFFF against U+E000–U+FFFF, so only text with
 * surrogates is compared by code points.
 */
export function compareText(x: string, y: string): number {
  if (!hasSurrogate(x) && !hasSurrogate(y)) return x < y ? -1 : x > y ? 1 : 0;
  const a = [...x].map((c) => c.codePointAt(0)!);
  const b = [...y].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function hasSurrogate(text: string): boolean {
  return /[\ud800-\udfff]/.test(text);
}
