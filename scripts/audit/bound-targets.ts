import type { Highs } from 'highs';
import { protectionShortfall } from '../../src/lib/disclosure/protection-levels.ts';
import type { AttackerSystem, AuditTarget } from './attacker-system.ts';
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

/** Where each inner cell of a block lies: its county and prefecture (null where it is a higher region's own report). */
export interface CellPlaces {
  readonly county: readonly (string | null)[];
  readonly prefecture: readonly (string | null)[];
}

/**
 * Bounds every target of a block and judges it against its protection level. A value is
 * bounded first where only a few inner cells vary, every other variable fixed at its true
 * value (an interval that can only be narrower than the attacker's, so passing there is
 * passing): moving whole cells between twins; then its county's cells; then the cells of the
 * prefectures holding it. What falls short there is bounded over the whole block, which
 * decides. At each step, points pushing all open values up (or down) together come first,
 * then each value on its own. With a `deadline` (a performance.now() time), the values not
 * decided by then are findings of their own ("unfinished"): not a pass.
 */
export function boundTargets(runtime: Highs, system: AttackerSystem, places: CellPlaces, deadline = Infinity):
  { findings: TargetFinding[]; solves: number; solved: number; local: number } {
  const findings: TargetFinding[] = [];
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
    return { findings, solves, solved, local };
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
    let last: [number, number] | null = null;
    const judge = (t: AuditTarget, entry: Entry): string | null | 'infeasible' => {
      const columns = Int32Array.from(t.variables, (v) => entry.columnOf[v]!).filter((c) => c >= 0);
      columns.sort();
      const interval = entry.solver.bounds(columns);
      solves += 2;
      if (interval === null) return 'infeasible';
      const fixed = t.variables.reduce((s, v) => s + (entry.columnOf[v]! < 0 ? system.truth(v) : 0), 0);
      last = [Math.max(0, Math.ceil(fixed + interval[0] - 1e-6)), Math.floor(fixed + interval[1] + 1e-6)];
      return protectionShortfall(t.kind, t.value, last[0], last[1], t.wholes);
    };
    /**
     * The values of `list` that a few points of `entry`'s polytope, pushing them all up (or
     * down) together with random weights, do not carry past their margins.
     */
    const random = seededRandom(7);
    const together = (entry: Entry, list: readonly AuditTarget[]): AuditTarget[] => {
      let open = list.map((t) => {
        const columns = Int32Array.from(t.variables, (v) => entry.columnOf[v]!).filter((c) => c >= 0).sort();
        const fixed = t.variables.reduce((s, v) => s + (entry.columnOf[v]! < 0 ? system.truth(v) : 0), 0);
        return { t, columns, fixed, lo: t.value, hi: t.value };
      });
      for (let round = 0; round < 3 && open.length > 1; round++) {
        const weightOf = new Map<number, number>();
        for (const o of open) {
          const w = round === 0 ? 1 : 0.5 + random();
          for (const c of o.columns) weightOf.set(c, (weightOf.get(c) ?? 0) + w);
        }
        const columns = Int32Array.from([...weightOf.keys()].sort((a, b) => a - b));
        const weights = Float64Array.from(columns, (c) => weightOf.get(c)!);
        for (const sense of ['maximize', 'minimize'] as const) {
          const x = entry.solver.point(columns, weights, sense);
          solves++;
          if (x === null) continue;
          for (const o of open) {
            let sum = o.fixed;
            for (const c of o.columns) sum += x[c]!;
            o.lo = Math.min(o.lo, sum);
            o.hi = Math.max(o.hi, sum);
          }
        }
        open = open.filter((o) => protectionShortfall(o.t.kind, o.t.value, Math.max(0, Math.ceil(o.lo - 1e-6)), Math.floor(o.hi + 1e-6), o.t.wholes) !== null);
      }
      return open.map((o) => o.t);
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
          const short = new Set(together(entry, members));
          for (const t of members) {
            const verdict = short.has(t) ? judge(t, entry) : null;
            if (verdict === null) {
              local++;
              decided.add(t);
            } else if (verdict === 'infeasible') {
              decided.add(t);
              findings.push({ rule: 'infeasible', target: t, interval: null, detail: 'the published numbers and the known relations admit no solution' });
            } else open.push(t);
          }
        } finally {
          entry.solver.dispose();
        }
      }
      return open;
    };
    const countyOf = places.county.map((c, i) => c ?? `(${places.prefecture[i] ?? ''})`);
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
    open = locally(open, countyOf, (t) => {
      const counties = distinct(countyOf, t.cells);
      return counties.length === 1 ? counties : null;
    });
    open = locally(open, prefectureOf, (t) => distinct(prefectureOf, carrying(t)));
    // Over the whole block, which decides.
    for (const [component, list] of Map.groupBy(open, (t) => t.component)) {
      const entry = fullSolver(component);
      const still = new Set(together(entry, list));
      for (const t of list) if (!still.has(t)) decided.add(t);
      for (const t of still) {
        const verdict = judge(t, entry);
        decided.add(t);
        if (verdict === 'infeasible') findings.push({ rule: 'infeasible', target: t, interval: null, detail: 'the published numbers and the known relations admit no solution' });
        else if (verdict !== null) findings.push({ rule: 'interval', target: t, interval: last, detail: `${t.kind} ${t.value} in [${last![0]}, ${last![1]}]: ${verdict}` });
      }
    }
    return { findings, solves, solved, local };
  }
}
