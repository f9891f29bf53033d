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

/**
 * Bounds every target of a block and judges it against its protection level. A target whose
 * inner cells all lie in one prefecture is first bounded with only that prefecture's cells
 * varying (every other variable fixed at its true value: the interval can only be narrower
 * than the attacker's); only when that interval falls short is it bounded over the whole
 * block, which decides. With a `deadline` (a performance.now() time), the values not decided
 * by then are findings of their own ("unfinished"): not a pass.
 */
export function boundTargets(runtime: Highs, system: AttackerSystem, prefectureOf: readonly (string | null)[], deadline = Infinity):
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
    const full = new Map<number, { solver: IntervalSolver; columnOf: Int32Array }>();
    const fullSolver = (component: number) => {
      let entry = full.get(component);
      if (entry === undefined) {
        const { polytope, columnOf } = system.polytope(component, null);
        entry = { solver: solver(polytope), columnOf };
        full.set(component, entry);
      }
      return entry;
    };
    const neighbourhood = (t: AuditTarget) => {
      const first = prefectureOf[t.cells[0]!] ?? null;
      return first !== null && t.cells.every((i) => prefectureOf[i] === first) ? first : null;
    };
    let last: [number, number] | null = null;
    const judge = (t: AuditTarget, entry: { solver: IntervalSolver; columnOf: Int32Array }): string | null | 'infeasible' => {
      const columns = Int32Array.from(t.variables, (v) => entry.columnOf[v]!);
      if (columns.some((c) => c < 0)) throw new Error('a target variable is not a column of its polytope');
      columns.sort();
      const interval = entry.solver.bounds(columns);
      solves += 2;
      if (interval === null) return 'infeasible';
      last = [Math.max(0, Math.ceil(interval[0] - 1e-6)), Math.floor(interval[1] + 1e-6)];
      return protectionShortfall(t.kind, t.value, last[0], last[1], t.wholes);
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
      const n = system.cells;
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
    const pending: AuditTarget[] = [];
    const groups = Map.groupBy(system.targets, (t) => (t.component < 0 ? 'known' : `${t.component}|${neighbourhood(t) ?? '*'}`));
    for (const [group, list] of groups) {
      if (group === 'known') {
        for (const t of list) {
          solved++;
          decided.add(t);
          const shortfall = protectionShortfall(t.kind, t.value, 0, 0, t.wholes);
          if (shortfall !== null) findings.push({ rule: t.structural ? 'structural' : 'interval', target: t, interval: [0, 0], detail: `${t.kind} ${t.value}: ${shortfall} (known to be 0)` });
        }
        continue;
      }
      const [component, prefecture] = group.split('|') as [string, string];
      let entry: { solver: IntervalSolver; columnOf: Int32Array } | null = null;
      if (prefecture !== '*') {
        const free = Uint8Array.from(prefectureOf, (p) => (p === prefecture ? 1 : 0));
        const { polytope, columnOf } = system.polytope(Number(component), free);
        entry = { solver: solver(polytope), columnOf };
      }
      for (const t of list) {
        solved++;
        if (twinPass(t)) {
          local++;
          decided.add(t);
          continue;
        }
        const verdict = entry === null ? 'unknown' : judge(t, entry);
        if (verdict === null || verdict === 'infeasible') decided.add(t);
        if (verdict === null) local++;
        else if (verdict === 'infeasible') findings.push({ rule: 'infeasible', target: t, interval: null, detail: 'the published numbers and the known relations admit no solution' });
        else pending.push(t);
      }
    }
    // Over the whole block: first a few points of the polytope that push all pending values up
    // (or down) together, with random weights, each value passing when some point carries it
    // past its margin on the side it needs; then each remaining value on its own.
    const random = seededRandom(7);
    for (const [component, list] of Map.groupBy(pending, (t) => t.component)) {
      const { solver, columnOf } = fullSolver(component);
      let open = list.map((t) => ({ t, columns: Int32Array.from(t.variables, (v) => columnOf[v]!).sort(), lo: t.value, hi: t.value }));
      for (let round = 0; round < 3 && open.length > 1; round++) {
        const weightOf = new Map<number, number>();
        for (const o of open) {
          const w = round === 0 ? 1 : 0.5 + random();
          for (const c of o.columns) weightOf.set(c, (weightOf.get(c) ?? 0) + w);
        }
        const columns = Int32Array.from([...weightOf.keys()].sort((a, b) => a - b));
        const weights = Float64Array.from(columns, (c) => weightOf.get(c)!);
        for (const sense of ['maximize', 'minimize'] as const) {
          const x = solver.point(columns, weights, sense);
          solves++;
          if (x === null) continue;
          for (const o of open) {
            let sum = 0;
            for (const c of o.columns) sum += x[c]!;
            o.lo = Math.min(o.lo, sum);
            o.hi = Math.max(o.hi, sum);
          }
        }
        open = open.filter((o) => protectionShortfall(o.t.kind, o.t.value, Math.max(0, Math.ceil(o.lo - 1e-6)), Math.floor(o.hi + 1e-6), o.t.wholes) !== null);
      }
      const still = new Set(open.map((o) => o.t));
      for (const t of list) if (!still.has(t)) decided.add(t);
      for (const { t } of open) {
        const verdict = judge(t, fullSolver(t.component));
        decided.add(t);
        if (verdict === 'infeasible') findings.push({ rule: 'infeasible', target: t, interval: null, detail: 'the published numbers and the known relations admit no solution' });
        else if (verdict !== null) findings.push({ rule: 'interval', target: t, interval: last, detail: `${t.kind} ${t.value} in [${last![0]}, ${last![1]}]: ${verdict}` });
      }
    }
    return { findings, solves, solved, local };
  }
}
