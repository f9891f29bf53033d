import type { BlockModel } from './block-model.ts';
import type { CellStatus } from './cell-status.ts';
import { SAFETY_MARGIN } from './protection-levels.ts';

/**
 * What is withheld under a published total carries enough. For every additive relation of a
 * metric (a total and the regions below it, per category; a total and its categories, per
 * breakdown) whose total is published, the unpublished remainder — the suppressed parts, and
 * what a region reported itself — is the total minus the published parts, which an attacker
 * has (and which is published as the "other" row). So:
 *
 * - it may not hold 1 to k − 1 of any unit count the metric's values are computed from (it is
 *   a published number, under the threshold rule like any other);
 * - for a number of persons, the rest of the remainder beside each suppressed part that is
 *   sensitive must hold at least max(1, 10%) of that part: otherwise the part's upper bound is
 *   within 10% of its value (protection-levels.ts);
 * - beside a withheld person-level container (cell-status.ts), the remainder must hold a
 *   member (0%) or a non-member (100%): otherwise the container is the total minus the
 *   published parts.
 *
 * Where a relation falls short, the published part least wanted (latest in priority) that
 * adds what is missing is withheld too, or, with no part left, the total; repeated until every
 * relation holds. Withholding more never makes anything else computable. Returns how many
 * cells it withheld.
 */
export function enforceOtherRows(model: BlockModel, status: CellStatus[]): number {
  const { cells, priority, k } = model.input;
  const byMetric = Map.groupBy(cells.keys(), (ci) => cells[ci]!.metric);
  let withheld = 0;
  for (const [metricId, indices] of byMetric) {
    const metric = model.metricOf(metricId);
    const measures = model.published(metric);
    const units = [...new Set(measures.flatMap((m) => model.measureOf(m).over))];
    const persons = measures.filter((m) => model.measureOf(m).kind === 'persons');
    const columns = [...units, ...persons].map(model.column);
    const columnOf = (measure: string) => {
      const u = units.indexOf(measure);
      if (u >= 0) return u;
      const q = persons.indexOf(measure);
      return q >= 0 ? units.length + q : -1;
    };
    const sums = new Map(indices.map((ci) => [ci, columns.map((col) => model.membersOf(model.cellFamily[ci]!).reduce((s, i) => s + col[i]!, 0))]));
    const at = new Map(indices.map((ci) => [`${model.cellNodes[ci]!.region}|${cells[ci]!.breakdown}|${cells[ci]!.category}`, ci]));
    const relations = new Map<string, { total: number; parts: number[] }>();
    const add = (key: string, total: number | undefined, part: number) => {
      if (total === undefined) return;
      const r = relations.get(key);
      if (r === undefined) relations.set(key, { total, parts: [part] });
      else r.parts.push(part);
    };
    for (const ci of indices) {
      const c = cells[ci]!;
      const region = model.cellNodes[ci]!.region;
      const parent = model.regionParent[region]!;
      if (parent >= 0) add(`R|${parent}|${c.breakdown}|${c.category}`, at.get(`${parent}|${c.breakdown}|${c.category}`), ci);
      if (c.breakdown !== 'all') add(`B|${region}|${c.breakdown}`, at.get(`${region}|all|all`), ci);
    }
    /** The column (of `columns`) a relation is short of, or −1. */
    const shortOf = (total: number, parts: readonly number[]): number => {
      const rest = sums.get(total)!.map((x, u) => parts.reduce((r, p) => r - (status[p] === 'published' ? sums.get(p)![u]! : 0), x));
      for (let u = 0; u < units.length; u++) if (Math.round(rest[u]!) >= 1 && Math.round(rest[u]!) <= k - 1) return u;
      // A withheld 0% or 100% person-level container: the remainder beside it must hold at
      // least one member (for 0%), or one non-member (for 100%), or the container's value
      // comes back as the total minus the published parts.
      const num = columnOf(metric.numerator);
      const den = metric.denominator === null ? -1 : columnOf(metric.denominator);
      if (num >= 0 && den >= 0) {
        for (const p of parts) {
          if (status[p] !== 'container') continue;
          const zero = sums.get(p)![num]! === 0;
          if (zero && rest[num]! < 1 - 1e-9) return num;
          if (!zero && rest[den]! - rest[num]! < 1 - 1e-9) return den;
        }
      }
      for (let q = 0; q < persons.length; q++) {
        const u = units.length + q;
        const j = measures.indexOf(persons[q]!);
        for (const p of parts) {
          if (status[p] === 'published' || !model.sensitiveIn(measures[j]!, model.cellFamily[p]!)) continue;
          const v = sums.get(p)![u]!;
          if (rest[u]! - v < Math.max(1, SAFETY_MARGIN * v) - 1e-9) return u;
        }
      }
      return -1;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const { total, parts } of relations.values()) {
        if (status[total] !== 'published') continue;
        const short = shortOf(total, parts);
        if (short < 0) continue;
        const candidates = parts.filter((p) => status[p] === 'published' && sums.get(p)![short]! > 0);
        const victim = candidates.length === 0 ? total : candidates.reduce((a, b) => (priority[b]! > priority[a]! ? b : a));
        status[victim] = 'secondary';
        withheld++;
        changed = true;
      }
    }
  }
  return withheld;
}
