import type { BlockModel } from './block-model.ts';
import { fromEntries, indicator, type SparseVector } from './sparse-vector.ts';

/**
 * Why a cell is published or not: `primary` (computed from fewer than k units), `container`
 * (a person-level rate of 0% or 100% over parts below k: it would tell what every person in
 * those parts is), `secondary` (withheld so that no protected cell can be computed).
 */
export type CellStatus = 'published' | 'primary' | 'container' | 'secondary';

/**
 * The status of each metric cell before secondary suppression: `primary` when any measure it
 * publishes is sensitive in its cell; `container` when it is a person-level rate of exactly 0%
 * or 100% over a cell holding an inner cell below k (publishing it would say of every person in
 * that small group whether they are members); otherwise `published` (a candidate). Each
 * container comes with the value that must stay unknown: the numerator for 0%, denominator −
 * numerator for 100%.
 */
export function cellStatus(model: BlockModel): { status: CellStatus[]; containers: SparseVector[] } {
  const containers: SparseVector[] = [];
  const status = model.input.cells.map((c, ci): CellStatus => {
    const m = model.metricOf(c.metric);
    const f = model.cellFamily[ci]!;
    if (model.published(m).some((measure) => model.sensitiveIn(measure, f))) return 'primary';
    if (m.unit !== 'rate' || model.measureOf(m.numerator).kind !== 'persons' || (c.numerator !== 0 && c.numerator !== c.denominator)) return 'published';
    const over = model.measureOf(m.numerator).over.map(model.column);
    const inside = model.membersOf(f);
    if (!inside.some((i) => over.some((col) => model.small(col[i]!)))) return 'published';
    containers.push(
      c.numerator === 0
        ? indicator(inside.map((i) => model.variable(m.numerator, i)))
        : fromEntries(inside.flatMap((i) => [[model.variable(m.numerator, i), 1], [model.variable(m.denominator!, i), -1]] as const)),
    );
    return 'container';
  });
  return { status, containers };
}
