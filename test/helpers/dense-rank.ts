/**
 * Whether a vector lies in the span of others, by dense Gaussian elimination in floating
 * point: an independent check (no code shared with src/lib/disclosure) for tiny systems.
 */
export function inSpan(rows: readonly (readonly number[])[], target: readonly number[]): boolean {
  return rank([...rows, target]) === rank(rows);
}

/** Rank of a small dense matrix (rows of equal length), with partial pivoting. */
export function rank(rows: readonly (readonly number[])[]): number {
  const m = rows.map((r) => [...r]);
  const width = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (Math.abs(m[best]![c]!) < 1e-9) continue;
    [m[r], m[best]] = [m[best]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let j = c; j < width; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}
