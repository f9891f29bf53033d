import type { Highs } from 'highs';
import { protectionShortfall } from '../../src/lib/disclosure/protection-levels.ts';
import type { AttackerSystem, AuditTarget } from './attacker-system.ts';
import { leafRegions } from './block-cells.ts';
import { cycleWitness, type CellCoordinates } from './cycle-witness.ts';
import { seededRandom } from '../../src/lib/disclosure/seeded-random.ts';
import { IntervalSolver, OutOfTime, type Polytope } from './interval-solver.ts';

/** A withheld value narrowed below its protection level, or a system with no solution. */
export interface TargetFinding {
  readonly rule: 'interval' | 'structural' | 'infeasible' | 'unfinished';
  readonly target: AuditTarget;
  readonly detail: string;
  /** The attacker's interval, whole numbers. */
  readonly interval: readonly [number, number] | null;
}

/** Values that entered a step of the audit, how many it decided as passing, and its time. */
export interface StageCount {
  readonly entered: number;
  readonly passed: number;
  readonly seconds: number;
}

/** Where each inner cell of a block lies (its county and prefecture, null where it is a higher region's own report) and its categories. */
export type CellPlaces = CellCoordinates;

/**
 * Bounds every target of a block and judges it against its protection level. A value is
 * bounded first where only a few inner cells vary, every other variable fixed at its true
 * value (an interval that can only be narrower than the attacker's, so passing there is
 * passing): moving whole cells between twins; then moves along cycles of cells
 * (cycle-witness.ts) over the system `neighbours` makes (only when twins leave something),
 * which also holds the empty cells one coordinate from the others (neighbour-cells.ts; by
 * default the system itself); then its county's cells;
 * then the cells of the prefectures holding it. What falls short there is bounded over the whole block, which
 * decides. At each step, points pushing the open values up (or down) together come first,
 * then each value on its own, on the sides it still lacks; every point found is checked
 * against every open value. With a `deadline` (a performance.now() time), the values not
 * decided by then are findings of their own ("unfinished"): not a pass.
 */
export function boundTargets(runtime: Highs, system: AttackerSystem, places: CellPlaces, deadline = Infinity,
  neighbours: () => { readonly system: AttackerSystem; readonly places: CellPlaces } = () => ({ system, places })):
  { findings: TargetFinding[]; solves: number; solved: number; local: number; stages: Record<string, StageCount> } {
  const findings: TargetFinding[] = [];
  const stages: Record<string, StageCount> = {};
  let stageStart = performance.now();
  const lap = (name: string, entered: number, left: number) => {
    const now = performance.now();
    stages[name] = { entered, passed: entered - left, seconds: (now - stageStart) / 1000 };
    stageStart = now;
  };
  const decided = new Set<AuditTarget>();
  let solves = 0;
  let solved = 0;
  let local = 0;
  const solvers: IntervalSolver[] = [];
  const solver = (polytope: Polytope): IntervalSolver => {
    const created = new IntervalSolver(runtime, polytope, deadline);
    solvers.push(created);
    return created;
  };
  try {
    return run();
  } catch (error) {
    if (!(error instanceof OutOfTime)) throw error;
    for (const t of system.targets) {
      if (!decided.has(t)) findings.push({ rule: 'unfinished', target: t, interval: null, detail: `${t.kind} ${t.value}: not bounded within the audit's time for its block` });
    }
    return { findings, solves, solved, local, stages };
  } finally {
    for (const created of solvers) created.dispose();
  }

  function run() {
    type Entry = { solver: IntervalSolver; columnOf: Int32Array };
    const n = system.cells;
    const full = new Map<number, Entry>();
    const fullSolver = (component: number) => {
      let entry = full.get(component);
      if (entry === undefined) {
        const { polytope, columnOf } = system.polytope(component, null);
        entry = { solver: solver(polytope), columnOf };
        full.set(component, entry);
      }
      return entry;
    };
    type Verdict = { t: AuditTarget; interval: [number, number]; shortfall: string } | { t: AuditTarget; infeasible: true };
    /**
     * Settles every value of `list` over `entry`'s polytope. Points pushing all values that
     * still lack a side up (or down) together come first, round after round while a round
     * settles enough of them; then each open value is maximized (or minimized) on its own, on
     * the sides it still lacks. Every point found is checked against every open value, so one
     * value's optimum often settles others. Returns the values that fall short or whose
     * polytope is empty; the others pass. With `exact`, a value that falls short comes with its
     * exact interval; without it (a local model, whose short values go on to a larger one),
     * a value is given up at the first side it falls short on.
     */
    const random = seededRandom(7);
    const settle = (entry: Entry, list: readonly AuditTarget[], exact: boolean): Verdict[] => {
      type Open = { t: AuditTarget; columns: Int32Array; fixed: number; lo: number; hi: number; exactLo: boolean; exactHi: boolean };
      const rounded = (o: Open): [number, number] => [Math.max(0, Math.ceil(o.lo - 1e-6)), Math.floor(o.hi + 1e-6)];
      const shortfall = (o: Open) => protectionShortfall(o.t.kind, o.t.value, ...rounded(o), o.t.wholes);
      // Whether a count's interval so far falls short on one side (an attribute is judged on both together).
      const shortUp = (o: Open) => o.t.kind !== 'attribute' && protectionShortfall(o.t.kind, o.t.value, 0, rounded(o)[1], o.t.wholes) !== null;
      const shortDown = (o: Open) => o.t.kind !== 'attribute' && protectionShortfall(o.t.kind, o.t.value, rounded(o)[0], Infinity, o.t.wholes) !== null;
      // The sides a value still lacks: an attribute passes on either side, a count needs both.
      const lacksUp = (o: Open) => !o.exactHi && (o.t.kind === 'attribute' || shortUp(o));
      const lacksDown = (o: Open) => !o.exactLo && (o.t.kind === 'attribute' || shortDown(o));
      let open: Open[] = list.map((t) => {
        const columns = Int32Array.from(t.variables, (v) => entry.columnOf[v]!).filter((c) => c >= 0).sort();
        const fixed = t.variables.reduce((s, v) => s + (entry.columnOf[v]! < 0 ? system.truth(v) : 0), 0);
        return { t, columns, fixed, lo: t.value, hi: t.value, exactLo: false, exactHi: false };
      });
      const verdicts: Verdict[] = [];
      const observe = (x: Float64Array) => {
        for (const o of open) {
          let sum = o.fixed;
          for (const c of o.columns) sum += x[c]!;
          if (sum < o.lo) o.lo = sum;
          if (sum > o.hi) o.hi = sum;
        }
      };
      const unsettled = (o: Open) => shortfall(o) !== null;
      // An empty polytope: every value without a verdict yet has none but that.
      const infeasible = () => {
        const judged = new Set(verdicts.map((v) => v.t));
        for (const o of open) if (!judged.has(o.t)) verdicts.push({ t: o.t, infeasible: true });
        open = [];
      };
      for (let round = 0; open.length > 1 && round < 12; round++) {
        const before = open.length;
        for (const sense of ['maximize', 'minimize'] as const) {
          const weightOf = new Map<number, number>();
          for (const o of open) {
            if (!(sense === 'maximize' ? lacksUp(o) : lacksDown(o))) continue;
            const w = round === 0 ? 1 : 0.5 + random();
            for (const c of o.columns) weightOf.set(c, (weightOf.get(c) ?? 0) + w);
          }
          if (weightOf.size === 0) continue;
          const columns = Int32Array.from([...weightOf.keys()].sort((a, b) => a - b));
          const found = entry.solver.optimum(columns, Float64Array.from(columns, (c) => weightOf.get(c)!), sense);
          solves++;
          if (found === null) return (infeasible(), verdicts);
          if (found.point !== null) observe(found.point);
        }
        open = open.filter(unsettled);
        if (before - open.length < Math.max(2, 0.05 * before)) break;
      }
      for (const o of open) {
        for (const sense of ['maximize', 'minimize'] as const) {
          if (!unsettled(o) || !(sense === 'maximize' ? lacksUp(o) : lacksDown(o))) continue;
          const found = entry.solver.optimum(o.columns, new Float64Array(o.columns.length).fill(1), sense);
          solves++;
          if (found === null) return (infeasible(), verdicts);
          if (found.point !== null) observe(found.point);
          if (sense === 'maximize') {
            o.hi = o.fixed + found.value;
            o.exactHi = true;
          } else {
            o.lo = o.fixed + found.value;
            o.exactLo = true;
          }
          // A count short on this side is short whatever the other side holds.
          if (!exact && (sense === 'maximize' ? shortUp(o) : shortDown(o))) break;
        }
        const short = shortfall(o);
        if (short === null) continue;
        if (!exact) {
          verdicts.push({ t: o.t, interval: rounded(o), shortfall: short });
          continue;
        }
        // A value that falls short is reported with its exact interval.
        for (const sense of ['maximize', 'minimize'] as const) {
          if (sense === 'maximize' ? o.exactHi : o.exactLo) continue;
          const found = entry.solver.optimum(o.columns, new Float64Array(o.columns.length).fill(1), sense);
          solves++;
          if (found === null) return (infeasible(), verdicts);
          if (sense === 'maximize') o.hi = o.fixed + found.value;
          else o.lo = o.fixed + found.value;
        }
        verdicts.push({ t: o.t, interval: rounded(o), shortfall: short });
      }
      return verdicts;
    };
    // A value passes without linear programming when moving whole inner cells between cells no
    // published sum tells apart already shifts it by its margin both ways.
    const twinCache = new Map<number, { classes: Int32Array; count: Int32Array; sums: Map<number, Float64Array> }>();
    const twinPass = (t: AuditTarget): boolean => {
      let entry = twinCache.get(t.component);
      if (entry === undefined) {
        const classes = system.twins(t.component);
        const count = new Int32Array(system.cells);
        for (const c of classes) count[c]!++;
        twinCache.set(t.component, (entry = { classes, count, sums: new Map() }));
      }
      const { classes, count, sums } = entry;
      const m = Math.floor(t.variables[0]! / n);
      let classSum = sums.get(m);
      if (classSum === undefined) {
        classSum = new Float64Array(count.length);
        for (let i = 0; i < n; i++) classSum[classes[i]!]! += system.truth(m * n + i);
        sums.set(m, classSum);
      }
      // Per class of the value's cells: how many of them, and how much of the measure, are inside.
      const inside = new Map<number, { cells: number; sum: number }>();
      for (const i of t.cells) {
        const c = inside.get(classes[i]!) ?? { cells: 0, sum: 0 };
        c.cells++;
        c.sum += system.truth(m * n + i);
        inside.set(classes[i]!, c);
      }
      let out = 0;
      let into = 0;
      for (const [c, { cells, sum }] of inside) {
        if (count[c]! > cells) out += sum;
        into += classSum[c]! - sum;
      }
      return protectionShortfall(t.kind, t.value, t.value - out, t.value + into, t.wholes) === null;
    };
    /**
     * Bounds each value of `list` with only the cells of the regions `where` names varying
     * (values `where` gives null for are left open); returns the values that fall short there.
     */
    const locally = (list: readonly AuditTarget[], regionOf: readonly string[], where: (t: AuditTarget) => readonly string[] | null): AuditTarget[] => {
      const open: AuditTarget[] = [];
      for (const [group, members] of Map.groupBy(list, (t) => {
        const regions = where(t);
        return regions === null ? null : `${t.component}|${regions.join(',')}`;
      })) {
        if (group === null) {
          open.push(...members);
          continue;
        }
        const wanted = new Set(where(members[0]!));
        const { polytope, columnOf } = system.polytope(members[0]!.component, Uint8Array.from(regionOf, (r) => (wanted.has(r) ? 1 : 0)));
        const entry = { solver: new IntervalSolver(runtime, polytope, deadline), columnOf };
        try {
          const verdicts = settle(entry, members, false);
          const short = new Set(verdicts.map((v) => v.t));
          for (const v of verdicts) {
            if ('infeasible' in v) {
              decided.add(v.t);
              findings.push({ rule: 'infeasible', target: v.t, interval: null, detail: 'the published numbers and the known relations admit no solution' });
            } else open.push(v.t);
          }
          for (const t of members) if (!short.has(t)) {
            local++;
            decided.add(t);
          }
        } finally {
          entry.solver.dispose();
        }
      }
      return open;
    };
    const countyOf = leafRegions(places);
    const prefectureOf = places.prefecture.map((p) => p ?? '');
    const distinct = (regionOf: readonly string[], cells: Iterable<number>) => [...new Set(Array.from(cells, (i) => regionOf[i]!))].sort();
    const carrying = (t: AuditTarget) => {
      const m = Math.floor(t.variables[0]! / n);
      const cells = Array.from(t.cells).filter((i) => system.truth(m * n + i) > 0);
      return cells.length > 0 ? cells : t.cells;
    };

    let open: AuditTarget[] = [];
    for (const t of system.targets) {
      solved++;
      if (t.component < 0) {
        decided.add(t);
        const shortfall = protectionShortfall(t.kind, t.value, 0, 0, t.wholes);
        if (shortfall !== null) findings.push({ rule: t.structural ? 'structural' : 'interval', target: t, interval: [0, 0], detail: `${t.kind} ${t.value}: ${shortfall} (known to be 0)` });
      } else if (twinPass(t)) {
        local++;
        decided.add(t);
      } else open.push(t);
    }
    lap('twins', system.targets.length, open.length);
    let entered = open.length;
    // Cycles run on the system with the empty neighbour cells: a value passes when every row
    // that is this value over the cells that exist passes there.
    const widened = open.length > 0 ? neighbours() : null;
    const cyclePass = widened === null ? () => false : cycleWitness(widened.system, widened.places);
    const rowsOf = Map.groupBy(widened?.system.targets ?? [], (t) => t.key);
    open = open.filter((t) => {
      const rows = rowsOf.get(t.key);
      if (rows === undefined || !rows.every(cyclePass)) return true;
      local++;
      decided.add(t);
      return false;
    });
    lap('cycles', entered, open.length);
    entered = open.length;
    open = locally(open, countyOf, (t) => {
      const counties = distinct(countyOf, t.cells);
      return counties.length === 1 ? counties : null;
    });
    lap('county', entered, open.length);
    entered = open.length;
    open = locally(open, prefectureOf, (t) => distinct(prefectureOf, carrying(t)));
    lap('prefecture', entered, open.length);
    entered = open.length;
    const before = findings.length;
    // Over the whole block, which decides.
    for (const [component, list] of Map.groupBy(open, (t) => t.component)) {
      const verdicts = settle(fullSolver(component), list, true);
      for (const v of verdicts) {
        if ('infeasible' in v) findings.push({ rule: 'infeasible', target: v.t, interval: null, detail: 'the published numbers and the known relations admit no solution' });
        else findings.push({ rule: 'interval', target: v.t, interval: v.interval, detail: `${v.t.kind} ${v.t.value} in [${v.interval[0]}, ${v.interval[1]}]: ${v.shortfall}` });
      }
      for (const t of list) decided.add(t);
    }
    lap('block', entered, findings.length - before);
    return { findings, solves, solved, local, stages };
  }
}
