import type { Highs } from 'highs';
import type { BlockModel } from './block-model.ts';
import { BoundedSums, type LinearRows, type SumOptimum } from './bounded-sums.ts';
import type { CellStatus } from './cell-status.ts';
import { orderedPairs } from './ordered-pairs.ts';
import { protectionShortfall, SAFETY_MARGIN } from './protection-levels.ts';
import { seededRandom } from './seeded-random.ts';

/** What the interval repair did. */
export interface IntervalRepair {
  /** Withheld values below k that were bounded. */
  readonly targets: number;
  /** Cells withheld to widen an interval. */
  readonly withheld: number;
  /** Values whose interval no withholding can widen (fixed by what the attacker knows without any publication). */
  readonly unrepairable: number;
}

interface Target {
  readonly j: number;
  readonly f: number;
  readonly value: number;
  readonly kind: 'units' | 'persons' | 'attribute';
  readonly wholes: readonly number[];
  readonly cells: readonly number[];
}

/**
 * Widens what an attacker can prove of every withheld value below k to its protection level
 * (protection-levels.ts), after the linear protection. The attacker's interval is that of
 * linear programming over everything published, with counts ≥ 0, the source's identities,
 * attributes at most the units they are about and numerators at most their denominators in
 * every inner cell, and the zeros of missing rows (`knownZeros`, variables). Each value is
 * proven wide enough by the cheapest of, in turn:
 * 1. its twins: inner cells no published sum tells apart can trade their contents;
 * 2. the prefectures holding it (where its measure is above 0) alone, the other cells fixed
 *    at their true values (a narrower interval, so passing there is passing): points pushing
 *    the values held there up, then down, together; what still falls short is widened there,
 *    by sums over those prefectures only (a sum reaching outside them binds there only because
 *    the cells outside are fixed);
 * 3. the whole block: the same points, then widening by any sum.
 * Widening withholds a published sum that binds the value (a row with a nonzero dual; every
 * cell publishing it, the lowest in priority first) until the value meets its level. Withholding
 * only removes rows, so a value that passed stays passed. Mutates `status`; returns what it did.
 */
export function repairIntervals(model: BlockModel, status: CellStatus[], knownZeros: readonly number[], runtime: Highs): IntervalRepair {
  const { n, varMeasures, input } = model;
  const size = varMeasures.length * n;
  const truth = (v: number) => model.column(varMeasures[Math.floor(v / n)]!)[v % n]!;

  // Published sums, keyed (measure, family cell), and the cells publishing each.
  const producers = new Map<number, number[]>();
  const keysOf = new Map<number, number[]>();
  input.cells.forEach((c, ci) => {
    if (status[ci] !== 'published') return;
    const f = model.cellFamily[ci]!;
    const keys = model.published(model.metricOf(c.metric)).map((m) => model.measureIndex(m) * model.family.size + f);
    keysOf.set(ci, keys);
    for (const key of keys) {
      const list = producers.get(key);
      if (list === undefined) producers.set(key, [ci]);
      else list.push(ci);
    }
  });
  const keyMeasure = (key: number) => Math.floor(key / model.family.size);
  const keyCell = (key: number) => key % model.family.size;
  const keySum = (key: number) => model.membersOf(keyCell(key)).reduce((s, i) => s + model.column(varMeasures[keyMeasure(key)]!)[i]!, 0);

  // Relations in every inner cell: plus − Σ minus = 0 (identities) or ≤ 0.
  const relations: { plus: number; minus: number[]; equal: boolean }[] = [];
  for (const id of input.source.identities ?? []) {
    const all = [id.whole, ...id.parts].map((m) => model.measureIndex(m));
    if (all.every((j) => j >= 0)) relations.push({ plus: all[0]!, minus: all.slice(1), equal: true });
  }
  for (const { a, b } of orderedPairs(model)) relations.push({ plus: a, minus: [b], equal: false });

  // Variables known to be 0: published zeros, the zeros of `known`, and what relations carry.
  const zero = new Uint8Array(size);
  for (const v of knownZeros) zero[v] = 1;
  for (const key of producers.keys()) if (keySum(key) === 0) for (const i of model.membersOf(keyCell(key))) zero[keyMeasure(key) * n + i] = 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (const rel of relations) for (let i = 0; i < n; i++) {
      const lhs = rel.plus * n + i;
      const rhs = rel.minus.map((j) => j * n + i);
      if (!zero[lhs] && rhs.every((v) => zero[v])) {
        zero[lhs] = 1;
        changed = true;
      }
      if (rel.equal && zero[lhs]) for (const v of rhs) if (!zero[v]) {
        zero[v] = 1;
        changed = true;
      }
    }
  }

  // Components: measures tied by relations.
  const root = varMeasures.map((_, j) => j);
  const find = (x: number): number => (root[x] === x ? x : (root[x] = find(root[x]!)));
  for (const rel of relations) for (const j of rel.minus) root[find(j)] = find(rel.plus);

  // The published sums each inner cell is in (as published now: a withheld one has no producers).
  const keysAt: number[][] = Array.from({ length: n }, () => []);
  for (const key of producers.keys()) for (const i of model.membersOf(keyCell(key))) keysAt[i]!.push(key);

  // The polytope of a component, all inner cells varying or only those marked in `free`.
  const build = (component: number, free: Uint8Array | null) => {
    const columnOf = new Int32Array(size).fill(-1);
    let columns = 0;
    for (let j = 0; j < varMeasures.length; j++) {
      if (find(j) !== component) continue;
      for (let i = 0; i < n; i++) if (!zero[j * n + i] && (free === null || free[i] === 1)) columnOf[j * n + i] = columns++;
    }
    const rows = { columns, starts: [0], indices: [] as number[], values: [] as number[], lower: [] as number[], upper: [] as number[] };
    const rowOf = new Map<number, number>();
    const add = (terms: [number, number][], lo: number, hi: number, key: number) => {
      terms.sort((x, y) => x[0] - y[0]);
      for (const [c, v] of terms) {
        rows.indices.push(c);
        rows.values.push(v);
      }
      rows.starts.push(rows.indices.length);
      if (key >= 0) rowOf.set(key, rows.lower.length);
      rows.lower.push(lo);
      rows.upper.push(hi);
    };
    const linear = (vars: readonly number[], coefs: readonly number[], rhs: number, key: number) => {
      const terms: [number, number][] = [];
      let rest = rhs;
      vars.forEach((v, t) => {
        if (columnOf[v]! >= 0) terms.push([columnOf[v]!, coefs[t]!]);
        else if (!zero[v]) rest -= coefs[t]! * truth(v);
      });
      if (terms.length > 0) add(terms, rest, rest, key);
    };
    const keys = free === null ? producers.keys() : new Set(Array.from({ length: n }, (_, i) => (free[i] === 1 ? keysAt[i]! : [])).flat());
    for (const key of keys) {
      if (producers.get(key)!.length === 0 || find(keyMeasure(key)) !== component || keySum(key) === 0) continue;
      const vars = model.membersOf(keyCell(key)).map((i) => keyMeasure(key) * n + i);
      linear(vars, vars.map(() => 1), keySum(key), key);
    }
    // The relations of each inner cell: many rows, few binding; those not tight at the true
    // values are added only as solutions break them.
    const lazy = { columns, starts: [0], indices: [] as number[], values: [] as number[], lower: [] as number[], upper: [] as number[] };
    for (const rel of relations) {
      if (find(rel.plus) !== component) continue;
      for (let i = 0; i < n; i++) {
        if (free !== null && free[i] !== 1) continue;
        const terms: [number, number][] = [];
        if (columnOf[rel.plus * n + i]! >= 0) terms.push([columnOf[rel.plus * n + i]!, 1]);
        for (const j of rel.minus) if (columnOf[j * n + i]! >= 0) terms.push([columnOf[j * n + i]!, -1]);
        if (terms.length < 2) continue;
        // Identities, and orderings tight at the true values, bind from the first move.
        if (rel.equal || truth(rel.plus * n + i) === rel.minus.reduce((sum, j) => sum + truth(j * n + i), 0)) {
          add(terms, rel.equal ? 0 : -Infinity, 0, -1);
          continue;
        }
        terms.sort((x, y) => x[0] - y[0]);
        for (const [c, v] of terms) {
          lazy.indices.push(c);
          lazy.values.push(v);
        }
        lazy.starts.push(lazy.indices.length);
        lazy.lower.push(rel.equal ? 0 : -Infinity);
        lazy.upper.push(0);
      }
    }
    const rowKey = new Int32Array(rows.lower.length).fill(-1);
    for (const [key, r] of rowOf) rowKey[r] = key;
    // A sum over cells some of which are fixed binds in this model only because they are: it is
    // not withheld here, and a value only such sums bind goes on to the whole block.
    const inside = new Map<number, boolean>();
    const local = free === null ? null : (key: number) => {
      let within = inside.get(key);
      if (within === undefined) inside.set(key, (within = model.membersOf(keyCell(key)).every((i) => free[i] === 1)));
      return within;
    };
    return { solver: new BoundedSums(runtime, rows as LinearRows, lazy), columnOf, rowKey, rowOf, local };
  };

  // Targets: each sensitive measure of a withheld cell, once per (measure, family cell).
  const targets: Target[] = [];
  const seen = new Set<number>();
  input.cells.forEach((c, ci) => {
    if (status[ci] === 'published') return;
    const f = model.cellFamily[ci]!;
    for (const m of model.published(model.metricOf(c.metric))) {
      const measure = model.measureOf(m);
      if (measure.kind === 'none' || !model.sensitiveIn(m, f)) continue;
      const j = model.measureIndex(m);
      if (seen.has(j * model.family.size + f)) continue;
      seen.add(j * model.family.size + f);
      const cells = model.membersOf(f);
      const sum = (col: ArrayLike<number>) => cells.reduce((s, i) => s + col[i]!, 0);
      targets.push({ j, f, value: sum(model.column(m)), kind: measure.kind, wholes: measure.over.filter((o) => o !== m).map((o) => sum(model.column(o))), cells });
    }
  });

  const prefectureOf = model.leafRegions.map((chain) => (chain.length >= 2 ? chain[chain.length - 2]! : -1));
  const full = new Map<number, ReturnType<typeof build>>();
  const fullOf = (component: number) => {
    let entry = full.get(component);
    if (entry === undefined) full.set(component, (entry = build(component, null)));
    return entry;
  };
  const columnsIn = (t: Target, columnOf: Int32Array) =>
    Int32Array.from(t.cells.map((i) => columnOf[t.j * n + i]!).filter((c) => c >= 0)).sort();

  let withheld = 0;
  let unrepairable = 0;
  const priority = input.priority;
  type Entry = ReturnType<typeof build>;
  /** A value, and the least and greatest values points of a polytope gave it. */
  type Reached = { readonly t: Target; readonly columns: Int32Array; lo: number; hi: number };
  const rounded = (r: Reached) => [Math.max(0, Math.ceil(r.lo - 1e-6)), Math.floor(r.hi + 1e-6)] as const;
  const passes = (r: Reached) => protectionShortfall(r.t.kind, r.t.value, ...rounded(r), r.t.wholes) === null;
  // The sides a value still lacks: an attribute passes on either side, a count needs both.
  const lacksHigh = (r: Reached) => r.t.kind === 'attribute' ? !passes(r) : protectionShortfall(r.t.kind, r.t.value, 0, rounded(r)[1], r.t.wholes) !== null;
  const lacksLow = (r: Reached) => r.t.kind === 'attribute' ? !passes(r) : protectionShortfall(r.t.kind, r.t.value, rounded(r)[0], Infinity, r.t.wholes) !== null;
  /** Widens what every value of `open` reached with a point of the polytope (withholding only widens it, so old points stay in). */
  const observe = (open: readonly Reached[], x: Float64Array) => {
    for (const r of open) {
      let sum = 0;
      for (const c of r.columns) sum += x[c]!;
      if (sum < r.lo) r.lo = sum;
      if (sum > r.hi) r.hi = sum;
    }
  };
  const live = new Set<Entry>();
  /**
   * Withholds binding sums until `t` meets its level in `entry`'s polytope; returns false when
   * none is left to withhold.
   */
  const widen = (reached: Reached, entry: Entry, open: readonly Reached[]): boolean => {
    const { t, columns, lo: reachedLow, hi: reachedHigh } = reached;
    const solve = (sense: 'minimize' | 'maximize') => {
      const optimum = entry.solver.optimum(columns, sense, true);
      if (optimum === null) throw new Error('interval repair: the published values admit no solution');
      if (optimum.point) observe(open, optimum.point);
      return optimum;
    };
    // What points reached, and any bound solved before a withholding, are narrower than the
    // bounds now (withholding only widens): each round solves only the side about to be widened.
    let high: SumOptimum = { value: reachedHigh, rowDual: new Float64Array(0) };
    let low: SumOptimum = { value: reachedLow, rowDual: new Float64Array(0) };
    let fresh = { high: false, low: false };
    for (;;) {
      const lo = Math.max(0, Math.ceil(low.value - 1e-6));
      const hi = Math.floor(high.value + 1e-6);
      if (protectionShortfall(t.kind, t.value, lo, hi, t.wholes) === null) return true;
      const side = hi < t.value + Math.max(1, SAFETY_MARGIN * t.value) || t.kind === 'attribute' ? 'high' : 'low';
      if (!fresh[side]) {
        if (side === 'high') high = solve('maximize');
        else low = solve('minimize');
        fresh[side] = true;
        continue;
      }
      const optimum = side === 'high' ? high : low;
      let best = -1;
      let bestPriority = -Infinity;
      optimum.rowDual.forEach((dual, r) => {
        // Rows past rowKey are relations added lazily: nothing to withhold.
        const key = r < entry.rowKey.length ? entry.rowKey[r]! : -1;
        if (Math.abs(dual) < 1e-9 || key < 0) return;
        const cells = producers.get(key)!;
        if (cells.length === 0 || (entry.local !== null && !entry.local(key))) return;
        const p = Math.max(...cells.map((ci) => priority[ci]!));
        if (p > bestPriority) [best, bestPriority] = [key, p];
      });
      if (best < 0) return false;
      for (const ci of [...producers.get(best)!]) {
        status[ci] = 'secondary';
        withheld++;
        for (const key of keysOf.get(ci)!) {
          const cells = producers.get(key)!;
          cells.splice(cells.indexOf(ci), 1);
          if (cells.length > 0) continue;
          for (const e of live) {
            const r = e.rowOf.get(key);
            if (r !== undefined) e.solver.drop(r);
          }
        }
      }
      fresh = { high: false, low: false };
    }
  };
  // Classes of inner cells no published sum of a component tells apart (as published now):
  // moving whole cells between two of a class changes nothing published and keeps every relation.
  const twins = (component: number): Int32Array => {
    const own = varMeasures.map((_, j) => j).filter((j) => find(j) === component);
    const signature = Array.from({ length: n }, (_, i) => own.filter((j) => zero[j * n + i]).map((j) => `z${j}`));
    for (const [key, list] of producers) {
      if (list.length === 0 || find(keyMeasure(key)) !== component || keySum(key) === 0) continue;
      for (const i of model.membersOf(keyCell(key))) signature[i]!.push(String(key));
    }
    const classes = new Map<string, number>();
    return Int32Array.from(signature, (sig) => {
      const id = sig.join(',');
      if (!classes.has(id)) classes.set(id, classes.size);
      return classes.get(id)!;
    });
  };
  const classSums = new Map<string, Float64Array>();
  const twinPass = (t: Target, classes: Int32Array, count: Int32Array): boolean => {
    const column = model.column(varMeasures[t.j]!);
    const id = `${find(t.j)}|${t.j}`;
    let sums = classSums.get(id);
    if (sums === undefined) {
      sums = new Float64Array(count.length);
      for (let i = 0; i < n; i++) sums[classes[i]!]! += column[i]!;
      classSums.set(id, sums);
    }
    // Per class of the value's cells: how many of them, and how much of the measure, are inside.
    const inside = new Map<number, { cells: number; sum: number }>();
    for (const i of t.cells) {
      const c = inside.get(classes[i]!) ?? { cells: 0, sum: 0 };
      c.cells++;
      c.sum += column[i]!;
      inside.set(classes[i]!, c);
    }
    let out = 0;
    let into = 0;
    for (const [c, { cells, sum }] of inside) {
      if (count[c]! > cells) out += sum;
      into += sums[c]! - sum;
    }
    return protectionShortfall(t.kind, t.value, t.value - out, t.value + into, t.wholes) === null;
  };
  /**
   * The values of `list` that points of `entry`'s polytope pushing them all up (or down)
   * together, with random weights, do not carry past their margins.
   */
  const random = seededRandom(input.seed);
  const batch = (entry: ReturnType<typeof build>, list: readonly Target[]): Reached[] => {
    let open: Reached[] = list.map((t) => ({ t, columns: columnsIn(t, entry.columnOf), lo: t.value, hi: t.value }));
    // Round after round while a round settles enough, each pushing up only the values that
    // lack an upper side and down those that lack a lower one.
    for (let round = 0; round < 12 && open.length > 0; round++) {
      const before = open.length;
      for (const sense of ['maximize', 'minimize'] as const) {
        const weightOf = new Map<number, number>();
        for (const o of open) {
          if (!(sense === 'maximize' ? lacksHigh(o) : lacksLow(o))) continue;
          const w = round === 0 ? 1 : 0.5 + random();
          for (const c of o.columns) weightOf.set(c, (weightOf.get(c) ?? 0) + w);
        }
        if (weightOf.size === 0) continue;
        const columns = Int32Array.from([...weightOf.keys()].sort((a, b) => a - b));
        const x = entry.solver.point(columns, Float64Array.from(columns, (c) => weightOf.get(c)!), sense);
        if (x !== null) observe(open, x);
      }
      open = open.filter((o) => !passes(o));
      if (before - open.length < Math.max(2, 0.05 * before)) break;
    }
    return open;
  };
  /** Widens each value of `open` in turn; a point found for one may settle those after it. Returns those none is left to widen. */
  const widenAll = (open: readonly Reached[], entry: Entry): Reached[] => {
    const stuck: Reached[] = [];
    for (const reached of open) if (!passes(reached) && !widen(reached, entry, open)) stuck.push(reached);
    return stuck;
  };

  // The prefectures holding a value: the cells where its measure is above 0 (all of its cells
  // when it is 0). Only their cells vary in its first model, every other one fixed at its true
  // value (passing there is passing); the cells of the value left fixed hold 0, so the value is
  // the sum of its columns there.
  const prefecturesOf = (t: Target): number[] => {
    const column = model.column(varMeasures[t.j]!);
    const carrying = t.cells.filter((i) => column[i]! > 0);
    return [...new Set((carrying.length > 0 ? carrying : t.cells).map((i) => prefectureOf[i]!))].sort((a, b) => a - b);
  };

  // 1. Its twins.
  const twinsOf = new Map<number, { classes: Int32Array; count: Int32Array }>();
  const inPrefectures: Target[] = [];
  for (const t of targets) {
    const component = find(t.j);
    let tw = twinsOf.get(component);
    if (tw === undefined) {
      const classes = twins(component);
      const count = new Int32Array(n);
      for (const c of classes) count[c]!++;
      twinsOf.set(component, (tw = { classes, count }));
    }
    if (t.cells.every((i) => zero[t.j * n + i])) {
      if (protectionShortfall(t.kind, t.value, 0, 0, t.wholes) !== null) unrepairable++;
    } else if (!twinPass(t, tw.classes, tw.count)) inPrefectures.push(t);
  }
  // 2. Points of the prefectures holding it, pushing all of their values up, then down,
  // together; what still falls short is widened there first: it passes there once nothing
  // binding is left, which is passing.
  const pending: Target[] = [];
  for (const list of Map.groupBy(inPrefectures, (t) => `${find(t.j)}|${prefecturesOf(t).join(',')}`).values()) {
    const wanted = new Set(prefecturesOf(list[0]!));
    const entry = build(find(list[0]!.j), Uint8Array.from(prefectureOf, (p) => (wanted.has(p) ? 1 : 0)));
    live.add(entry);
    for (const reached of widenAll(batch(entry, list), entry)) pending.push(reached.t);
    live.delete(entry);
    entry.solver.dispose();
  }
  // 3. Over the whole block: points pushing every pending value up (or down) together.
  for (const [component, list] of Map.groupBy(pending, (t) => find(t.j))) {
    const entry = fullOf(component);
    live.add(entry);
    // One by one, withholding binding sums until each meets its level.
    unrepairable += widenAll(batch(entry, list), entry).length;
  }
  for (const e of full.values()) e.solver.dispose();
  return { targets: targets.length, withheld, unrepairable };
}
