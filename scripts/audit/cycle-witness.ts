import { protectionShortfall } from '../../src/lib/disclosure/protection-levels.ts';
import { seededRandom } from '../../src/lib/disclosure/seeded-random.ts';
import type { AttackerSystem, AuditTarget, ComponentView } from './attacker-system.ts';
import { leafRegions } from './block-cells.ts';

/** Where each inner cell lies and its category of each dimension: what makes two cells neighbours. */
export interface CellCoordinates {
  readonly county: readonly (string | null)[];
  readonly prefecture: readonly (string | null)[];
  readonly dims: Readonly<Record<string, readonly string[]>>;
}

/** A move along one cycle: the donors give w, the receivers take it, and `amount` is how far it moves the value. */
interface Move {
  readonly amount: number;
  readonly donors: readonly number[];
  readonly receivers: readonly number[];
}

/** How many partner edges of a class are tried for one edge: the classes of big regions are long and alike. */
const PARTNERS = 96;

/**
 * Proves values safe with explicit points of the attacker's polytope, without linear
 * programming. Two inner cells that differ in one coordinate (their county within a prefecture,
 * or one category) are an edge; the published equations (value above 0) that hold one of them
 * and not the other are its difference. Two edges P→Q and R→S with the same difference form a
 * cycle: moving a vector w out of P into Q and out of S into R changes no published sum. With
 * w a share of P's (or S's) true values, every relation still holds in every cell: the cells
 * satisfying them form a cone, so a receiver stays in it, and a donor gives at most what every
 * ordering's slack allows. An edge whose difference is empty is such a move on its own (twins).
 *
 * A value passes when moves along cycles with distinct donors push it past its protection level
 * on each side it needs. Each point is feasible for the attacker, so the attacker's interval is
 * at least that wide: passing here is passing. Every cycle used is checked equation by
 * equation, so a collision of the differences' hashes cannot pass a value.
 */
export function cycleWitness(system: AttackerSystem, coordinates: CellCoordinates): (t: AuditTarget) => boolean {
  const cycles = prepareCycles(system, coordinates);
  return (t) => {
    const { up, down } = cycles.sides(t);
    return t.kind === 'attribute' ? up || down : up && down;
  };
}

/** Which sides of a value moves along cycles already cover: its upper side, its lower side. */
export interface Sides {
  readonly up: boolean;
  readonly down: boolean;
}

/** The cycles of a system, prepared per component on first use. */
export interface Cycles {
  /** The sides of `t` that moves along cycles with distinct donors cover (a side nothing need cover counts as covered). */
  sides(t: AuditTarget): Sides;
}

/** Prepares the cycles of every component of `system` lazily. */
export function prepareCycles(system: AttackerSystem, coordinates: CellCoordinates): Cycles {
  const n = system.cells;
  const prepared = new Map<number, Prepared>();
  const of = (component: number) => {
    let p = prepared.get(component);
    if (p === undefined) prepared.set(component, (p = prepare(system, coordinates, component)));
    return p;
  };
  return {
    sides: (t) => (t.component < 0 ? { up: false, down: false } : sides(of(t.component), t, Math.floor(t.variables[0]! / n))),
  };
}

/** What a value needs of each side: whether moving it up (or down) by an amount meets its level there. */
function needs(t: AuditTarget): { up: (amount: number) => boolean; down: (amount: number) => boolean } {
  const v = t.value;
  const lo = (down: number) => Math.max(0, Math.ceil(v - down - 1e-9));
  const hi = (up: number) => Math.floor(v + up + 1e-9);
  if (t.kind === 'attribute') {
    if (protectionShortfall(t.kind, v, v, v, t.wholes) === null) return { up: () => true, down: () => true };
    return { up: (u) => hi(u) > v, down: (d) => lo(d) < v };
  }
  return {
    up: (u) => protectionShortfall(t.kind, v, 0, hi(u), t.wholes) === null,
    down: (d) => protectionShortfall(t.kind, v, lo(d), Infinity, t.wholes) === null,
  };
}

/** One component's edges, their classes and each cell's slacks. */
interface Prepared {
  readonly n: number;
  readonly view: ComponentView;
  readonly truth: (variable: number) => number;
  readonly tail: Int32Array;
  readonly head: Int32Array;
  readonly classOf: Int32Array;
  /** The class of the opposite difference, or -1. */
  readonly opposite: Int32Array;
  /** The class of edges whose difference is empty (twins), or -1. */
  readonly emptyClass: number;
  /** Edges of each class, CSR. */
  readonly classStarts: Int32Array;
  readonly classEdges: Int32Array;
  /** Edges touching each cell (as tail or head), CSR. */
  readonly cellStarts: Int32Array;
  readonly cellEdges: Int32Array;
  /** Per cell: its slacks (each measure, then Σ minus − plus of each ordering). */
  readonly slacks: Float64Array;
  readonly width: number;
}

function prepare(system: AttackerSystem, coordinates: CellCoordinates, component: number): Prepared {
  const n = system.cells;
  const view = system.view(component);
  const random = seededRandom(0x5eed + component);
  let equations = 0;
  for (const id of view.ids) if (id >= equations) equations = id + 1;
  // Two independent sums of random whole numbers below 2^26: exact in doubles for any cell.
  const r1 = Float64Array.from({ length: equations }, () => Math.floor(random() * 2 ** 26));
  const r2 = Float64Array.from({ length: equations }, () => Math.floor(random() * 2 ** 26));
  const h1 = new Float64Array(n);
  const h2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = view.starts[i]!; j < view.starts[i + 1]!; j++) {
      h1[i]! += r1[view.ids[j]!]!;
      h2[i]! += r2[view.ids[j]!]!;
    }
  }

  // Edges P→Q from a cell holding something to a cell equal in every coordinate but one
  // (counties only within their prefecture); their class is their difference's hash.
  const region = leafRegions(coordinates);
  const coords: (readonly string[])[] = [region, ...Object.values(coordinates.dims)];
  const holds = (i: number) => view.measures.some((m) => system.truth(m * n + i) > 0);
  const tails: number[] = [];
  const heads: number[] = [];
  const classIds: number[] = [];
  const classes = new Map<string, number>();
  const keyOf = (d1: number, d2: number) => `${d1}|${d2}`;
  const classFor = (key: string) => {
    let id = classes.get(key);
    if (id === undefined) classes.set(key, (id = classes.size));
    return id;
  };
  for (let p = 0; p < coords.length; p++) {
    const groups = Map.groupBy(Array.from({ length: n }, (_, i) => i), (i) =>
      [p === 0 ? coordinates.prefecture[i] ?? '' : '', ...coords.map((c, q) => (q === p ? '' : c[i]!))].join('\u0001'));
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      for (const a of members) {
        if (!holds(a)) continue;
        for (const b of members) {
          if (a === b) continue;
          tails.push(a);
          heads.push(b);
          classIds.push(classFor(keyOf(h1[a]! - h1[b]!, h2[a]! - h2[b]!)));
        }
      }
    }
  }
  // The partners of an edge are the edges of the opposite difference (moving the other way).
  const opposite = new Int32Array(classes.size).fill(-1);
  for (const [key, id] of classes) {
    const [d1, d2] = key.split('|').map(Number) as [number, number];
    opposite[id] = classes.get(keyOf(-d1, -d2)) ?? -1;
  }
  const tail = Int32Array.from(tails);
  const head = Int32Array.from(heads);
  const classOf = Int32Array.from(classIds);
  const csr = (keys: number, each: (add: (key: number, edge: number) => void) => void) => {
    const starts = new Int32Array(keys + 1);
    each((key) => starts[key + 1]!++);
    for (let i = 0; i < keys; i++) starts[i + 1]! += starts[i]!;
    const list = new Int32Array(starts[keys]!);
    const at = starts.slice(0, keys);
    each((key, edge) => (list[at[key]!++] = edge));
    return { starts, list };
  };
  const byClass = csr(classes.size, (add) => classOf.forEach((c, e) => add(c, e)));
  const byCell = csr(n, (add) => {
    for (let e = 0; e < tail.length; e++) {
      add(tail[e]!, e);
      add(head[e]!, e);
    }
  });

  const truth = (v: number) => system.truth(v);
  const width = view.measures.length + view.orderings.length;
  const slacks = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const m of view.measures) slacks[i * width + s++] = truth(m * n + i);
    for (const o of view.orderings) slacks[i * width + s++] = o.minus.reduce((sum, m) => sum + truth(m * n + i), 0) - truth(o.plus * n + i);
  }
  return {
    n, view, truth, tail, head, classOf, opposite, emptyClass: classes.get('0|0') ?? -1, classStarts: byClass.starts, classEdges: byClass.list,
    cellStarts: byCell.starts, cellEdges: byCell.list, slacks, width,
  };
}

/**
 * How far a move out of `donors` into `receivers` (one w each) shifts the sum of measure `m`
 * over the cells `inside` holds: w is a share of one donor's values, as large as the other
 * donors allow; the best of the donors, signed (0 when no donor can give).
 */
function moveAmount(p: Prepared, m: number, inside: (cell: number) => boolean, donors: readonly number[], receivers: readonly number[]): number {
  let net = 0;
  for (const r of receivers) if (inside(r)) net++;
  for (const d of donors) if (inside(d)) net--;
  if (net === 0) return 0;
  let best = 0;
  for (const [k, of] of donors.entries()) {
    const value = p.truth(m * p.n + of);
    if (value <= 0 || !receives(p, of, receivers)) continue;
    let lambda = 1;
    for (const [j, other] of donors.entries()) if (j !== k) lambda = Math.min(lambda, share(p, other, of));
    if (lambda * value > best) best = lambda * value;
  }
  return best * net;
}

/** The largest λ ≤ 1 such that the donor can give λ × the values of `of`, every slack of it staying ≥ 0. */
function share(p: Prepared, donor: number, of: number): number {
  let lambda = 1;
  const { slacks, width } = p;
  for (let s = 0; s < width; s++) {
    const need = slacks[of * width + s]!;
    if (need > 1e-9) {
      const ratio = Math.max(0, slacks[donor * width + s]!) / need;
      if (ratio < lambda) lambda = ratio;
    }
  }
  return lambda;
}

/** Whether every measure `of` holds is free (not known to be 0) in each receiver. */
function receives(p: Prepared, of: number, receivers: readonly number[]): boolean {
  const { view, n } = p;
  for (const m of view.measures) {
    if (p.truth(m * n + of) === 0) continue;
    for (const r of receivers) if (view.zero[m * n + r] === 1) return false;
  }
  return true;
}

/** Whether moving one w out of each donor into each receiver leaves every published equation as it is. */
function balanced(p: Prepared, donors: readonly number[], receivers: readonly number[]): boolean {
  const count = new Map<number, number>();
  const add = (cell: number, sign: number) => {
    for (let j = p.view.starts[cell]!; j < p.view.starts[cell + 1]!; j++) {
      const id = p.view.ids[j]!;
      count.set(id, (count.get(id) ?? 0) + sign);
    }
  };
  for (const d of donors) add(d, -1);
  for (const r of receivers) add(r, 1);
  for (const c of count.values()) if (c !== 0) return false;
  return true;
}

function sides(p: Prepared, t: AuditTarget, m: number): Sides {
  const { tail, head, classOf, classStarts, classEdges, cellStarts, cellEdges } = p;
  const inside = new Set(t.cells);
  const within = (i: number) => inside.has(i);
  const up: Move[] = [];
  const down: Move[] = [];
  const seen = new Set<string>();
  const consider = (donors: readonly number[], receivers: readonly number[]) => {
    const amount = moveAmount(p, m, within, donors, receivers);
    if (amount === 0) return;
    const key = [...donors].sort((a, b) => a - b).join(',') + '>' + [...receivers].sort((a, b) => a - b).join(',');
    if (seen.has(key)) return;
    seen.add(key);
    (amount > 0 ? up : down).push({ amount: Math.abs(amount), donors, receivers });
  };
  for (const a of t.cells) {
    for (let j = cellStarts[a]!; j < cellStarts[a + 1]!; j++) {
      const e1 = cellEdges[j]!;
      const P = tail[e1]!;
      const Q = head[e1]!;
      const c = classOf[e1]!;
      if (c === p.emptyClass) {
        consider([P], [Q]);
        continue;
      }
      const o = p.opposite[c]!;
      if (o < 0) continue;
      const start = classStarts[o]!;
      const end = Math.min(classStarts[o + 1]!, start + PARTNERS);
      for (let k = start; k < end; k++) {
        // S→R of the opposite difference: S gives to R.
        const e2 = classEdges[k]!;
        const S = tail[e2]!;
        const R = head[e2]!;
        if (S !== P && S !== Q && R !== P && R !== Q) consider([P, S], [Q, R]);
      }
    }
  }
  const reach = (moves: Move[], need: (amount: number) => boolean): boolean => {
    if (need(0)) return true;
    moves.sort((x, y) => y.amount - x.amount);
    const used = new Set<number>();
    let total = 0;
    for (const move of moves) {
      if (move.donors.some((d) => used.has(d))) continue;
      if (!balanced(p, move.donors, move.receivers)) continue;
      for (const d of move.donors) used.add(d);
      total += move.amount;
      if (need(total)) return true;
    }
    return false;
  };
  const need = needs(t);
  return { up: reach(up, need.up), down: reach(down, need.down) };
}
