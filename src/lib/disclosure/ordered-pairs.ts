import type { BlockModel } from './block-model.ts';

/** Measure a is at most measure b in every inner cell (indices into `varMeasures`). */
export interface OrderedPair {
  readonly a: number;
  readonly b: number;
}

/**
 * The orderings an attacker knows hold in every inner cell of a block: an attribute count is
 * at most each unit count it is about (`over`), a rate's numerator at most its denominator.
 * Only pairs that hold in the block's data are kept (a definition that allows exceptions, such
 * as members counted in an enterprise without a recorded union, says nothing an attacker can
 * use there).
 */
export function orderedPairs(model: BlockModel): OrderedPair[] {
  const { n, varMeasures, input } = model;
  const holds = (a: number, b: number) => {
    const x = model.column(varMeasures[a]!);
    const y = model.column(varMeasures[b]!);
    for (let i = 0; i < n; i++) if (x[i]! > y[i]!) return false;
    return true;
  };
  const pairs = new Map<string, OrderedPair>();
  const add = (a: number, b: number) => {
    if (a >= 0 && b >= 0 && a !== b && !pairs.has(`${a}<${b}`) && holds(a, b)) pairs.set(`${a}<${b}`, { a, b });
  };
  varMeasures.forEach((m, a) => {
    const measure = model.measureOf(m);
    if (measure.kind === 'attribute') for (const o of measure.over) add(a, model.measureIndex(o));
  });
  for (const metric of input.metrics.values()) {
    if (metric.denominator !== null) add(model.measureIndex(metric.numerator), model.measureIndex(metric.denominator));
  }
  return [...pairs.values()];
}
