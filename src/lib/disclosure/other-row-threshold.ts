import type { BlockModel } from './block-model.ts';
import type { CellStatus } from './cell-status.ts';

/**
 * The "other" rows meet the threshold: for every additive relation of a metric (a total and
 * the regions below it, per category; a total and its categories, per breakdown) whose total
 * is published, what is not published under it — the suppressed parts, and what a region
 * reported itself — is published as one "other" row, the total minus the published parts. So
 * it must not be computed from 1 to k − 1 units either. Where it would be, the published part
 * least wanted (latest in priority) that adds units is withheld too, or, with no part left,
 * the total; repeated until every relation holds. Withholding more never makes anything else
 * computable. Returns how many cells it withheld.
 */
export function enforceOtherRows(model: BlockModel, status: CellStatus[]): number {
  const { cells, priority } = model.input;
  const byMetric = Map.groupBy(cells.keys(), (ci) => cells[ci]!.metric);
  let withheld = 0;
  for (const [metricId, indices] of byMetric) {
    const metric = model.metricOf(metricId);
    const units = [...new Set(model.published(metric).flatMap((m) => model.measureOf(m).over))].map(model.column);
    const sums = new Map(indices.map((ci) => [ci, units.map((col) => model.membersOf(model.cellFamily[ci]!).reduce((s, i) => s + col[i]!, 0))]));
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
      const parent = model.regionParent[model.cellNodes[ci]!.region]!;
      if (parent >= 0) add(`R|${parent}|${c.breakdown}|${c.category}`, at.get(`${parent}|${c.breakdown}|${c.category}`), ci);
      if (c.breakdown !== 'all') add(`B|${model.cellNodes[ci]!.region}|${c.breakdown}`, at.get(`${model.cellNodes[ci]!.region}|all|all`), ci);
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const { total, parts } of relations.values()) {
        if (status[total] !== 'published') continue;
        const rest = sums.get(total)!.map((x, u) => parts.reduce((r, p) => r - (status[p] === 'published' ? sums.get(p)![u]! : 0), x));
        const short = rest.findIndex((x) => Math.round(x) >= 1 && Math.round(x) <= model.input.k - 1);
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
