import type { BlockModel } from './block-model.ts';
import { P, type SparseVector } from './sparse-vector.ts';

/** A sensitive (measure, family cell) pair: measure varMeasures[j] over family cell f. */
export interface SensitivePair {
  readonly f: number;
  readonly j: number;
}

/**
 * The sensitive pairs that a set of null-space witnesses does not tell apart from 0: those
 * the span the witnesses come from determines (see SpanBasis.witness).
 */
export function determinedPairs(model: BlockModel, witnesses: readonly Float64Array[]): SensitivePair[] {
  const { family, sensitive, n } = model;
  const { start, members } = family;
  const out: SensitivePair[] = [];
  for (let f = 0; f < family.size; f++) {
    const mask = sensitive[f]!;
    if (mask === 0) continue;
    for (let j = 0; j < model.varMeasures.length; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const offset = j * n;
      const zero = witnesses.every((z) => {
        let s = 0;
        for (let t = start[f]!; t < start[f + 1]!; t++) s += z[offset + members[t]!]!;
        return s % P === 0;
      });
      if (zero) out.push({ f, j });
    }
  }
  return out;
}

/** The sum a sensitive pair stands for, as a vector over the block's variables. */
export function pairVector(model: BlockModel, pair: SensitivePair): SparseVector {
  const idx = model.membersOf(pair.f).map((i) => pair.j * model.n + i);
  return { idx, val: idx.map(() => 1) };
}

/** How many sensitive pairs the block has. */
export function countPairs(model: BlockModel): number {
  let count = 0;
  for (const mask of model.sensitive) for (let x = mask; x !== 0; x &= x - 1) count++;
  return count;
}
