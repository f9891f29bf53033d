import { hasBreakdowns, type PublishedCell, type RegionLevel } from '../../src/lib/contract/published.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import type { MeasureKind, MetricSource } from '../../src/lib/metrics/sources.ts';
import type { BlockCells } from './block-cells.ts';
import type { Polytope } from './interval-solver.ts';

/** A suppressed value the attacker must not narrow: one measure of one withheld cell whose units are below k. */
export interface AuditTarget {
  readonly row: PublishedCell;
  readonly measure: string;
  readonly kind: MeasureKind;
  /** The true value. */
  readonly value: number;
  /** The counts of the units it is about, in the same cells (for an attribute: none or all of them). */
  readonly wholes: readonly number[];
  /** Its inner cells. */
  readonly cells: Int32Array;
  /** Known to be 0 from the rows the publication does not have alone (docs/disclosure.md, "What a missing row says"). */
  readonly structural: boolean;
  /** Which component of the system bounds it (-1 when every variable of it is known to be 0). */
  readonly component: number;
  /** The measure and its inner cells that exist: the same for the rows that are one value to an audit of those cells. */
  readonly key: string;
  /** Its variables (measure × inner cell) not known to be 0, increasing. */
  readonly variables: Int32Array;
}

/** A published number that the audit's model of the publication does not reproduce from the true cells. */
export interface ModelMismatch {
  readonly row: PublishedCell | null;
  readonly detail: string;
}

/** Everything an attacker knows of one block, as polytopes, and the values to bound. */
export interface AttackerSystem {
  /** Number of inner cells. */
  readonly cells: number;
  /** Number of independent components (measures linked by relations). */
  readonly components: number;
  /**
   * The polytope of a component, over all inner cells, or with only the inner cells marked in
   * `free` varying and the others fixed at their true values; `columnOf` maps a variable to
   * its column (-1 when it is not one).
   */
  polytope(component: number, free: Uint8Array | null): { readonly polytope: Polytope; readonly columnOf: Int32Array };
  /**
   * Classes of inner cells no published sum of a component tells apart: two cells of a class
   * are in the same equations and known to be 0 for the same measures, so moving any share of
   * one's values (all measures of the component together) to the other changes nothing
   * published and keeps every relation.
   */
  twins(component: number): Int32Array;
  /** What the cycle step (cycle-witness.ts) needs of a component. */
  view(component: number): ComponentView;
  /** The true value of a variable (measure × inner cell). */
  truth(variable: number): number;
  readonly targets: readonly AuditTarget[];
  readonly mismatches: readonly ModelMismatch[];
  /** Counts: published equations, zero equations from missing rows, variables, fixed to 0. */
  readonly stats: { readonly equations: number; readonly absent: number; readonly variables: number; readonly fixed: number };
}

/**
 * One component of the attacker's system as the cycle step sees it: the published equations
 * (value above 0) each inner cell is in, which variables are known to be 0, and the orderings
 * that hold in every inner cell.
 */
export interface ComponentView {
  /** Its measures (indices into the source's measures; variable = measure × cells + cell). */
  readonly measures: Int32Array;
  /** Equations of each cell, CSR: cell i is in equations ids[starts[i] .. starts[i + 1]). */
  readonly starts: Int32Array;
  readonly ids: Int32Array;
  /** 1 where a variable (of any measure) is known to be 0. */
  readonly zero: Uint8Array;
  /** In every inner cell: plus ≤ Σ minus (the identities are not listed). */
  readonly orderings: readonly { readonly plus: number; readonly minus: readonly number[] }[];
}

export interface BlockInput {
  readonly source: MetricSource;
  /** The metric definitions of this source that are protected (disclosure other than none). */
  readonly metrics: readonly MetricDefinition[];
  /** Every published row of these metrics in the block (one period, one province). */
  readonly rows: readonly PublishedCell[];
  readonly province: string;
  readonly cells: BlockCells;
  readonly k: number;
  /**
   * When set, the cells from this index on hold nothing: cells one coordinate from the others
   * (neighbour-cells.ts), which the attacker cannot tell from cells that exist. Rows are then
   * one target only where all their cells, these included, are the same; each target carries
   * the key of its cells that exist.
   */
  readonly real?: number;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Builds the attacker's linear system of one block from the published rows alone (plus the
 * inner cells, which the attacker is assumed to know exist), written without the build's
 * protection code:
 * - every published numerator, denominator and population is the sum of its measure over the
 *   inner cells of its row (a region, its filters, its category; an "other" row is its total's
 *   cells minus those of the published parts);
 * - a region × category a metric has no row for has a denominator (or population) of 0;
 * - in every inner cell: the source's identities (enterprises = unionized + no_union), an
 *   attribute count is at most each unit count it is about, a rate's numerator at most its
 *   denominator, and counts ≥ 0.
 * Variables that these force to 0 are removed; what remains is split into independent polytopes.
 * Published values are checked against the true cells on the way (mismatches are returned).
 */
export function attackerSystem(input: BlockInput): AttackerSystem {
  const { source, metrics, rows, cells, k, province } = input;
  const n = cells.length;
  const measures = Object.keys(source.measures);
  const mIndex = new Map(measures.map((m, i) => [m, i]));
  const mismatches: ModelMismatch[] = [];
  const byRegion = regionIndex(cells, province);
  const metricOf = new Map(metrics.map((m) => [m.id, m]));

  const filtered = new Map<string, Uint8Array>();
  for (const metric of metrics) {
    const mask = new Uint8Array(n).fill(1);
    for (const [dim, values] of Object.entries(metric.where)) {
      const allowed = new Set(values);
      const column = cells.dims[dim]!;
      for (let i = 0; i < n; i++) if (!allowed.has(column[i]!)) mask[i] = 0;
    }
    filtered.set(metric.id, mask);
  }
  const select = (metric: string, region: readonly number[], breakdown: string, category: (c: string) => boolean): number[] => {
    const mask = filtered.get(metric)!;
    const column = breakdown === 'all' ? null : cells.dims[breakdown]!;
    return region.filter((i) => mask[i] === 1 && (column === null || category(column[i]!)));
  };
  const regionCells = (level: string, region: string): readonly number[] => byRegion.get(`${level}|${region}`) ?? [];
  const parentLevel = (parent: string) => (parent === province ? 'province' : 'prefecture');

  // Cells of every row: plain rows first, then the "other" rows from them.
  const rowCells = new Map<PublishedCell, number[]>();
  const existing = new Set(rows.map((r) => `${r.metric}|${r.level}|${r.region}|${r.breakdown}|${r.category}`));
  for (const r of rows) {
    if (r.region === 'other' || r.category === 'other') continue;
    rowCells.set(r, select(r.metric, regionCells(r.level, r.region), r.breakdown, (c) => c === r.category));
  }
  const siblings = Map.groupBy(rows.filter((r) => r.region !== 'other' && r.category !== 'other' && !r.suppressed), (r) =>
    `R|${r.metric}|${r.level}|${r.parent}|${r.breakdown}|${r.category}`);
  const categories = Map.groupBy(rows.filter((r) => r.region !== 'other' && r.category !== 'other' && !r.suppressed), (r) =>
    `B|${r.metric}|${r.level}|${r.region}|${r.breakdown}`);
  for (const r of rows) {
    if (r.region === 'other') {
      const taken = new Set((siblings.get(`R|${r.metric}|${r.level}|${r.parent}|${r.breakdown}|${r.category}`) ?? []).flatMap((s) => rowCells.get(s)!));
      const under = regionCells(parentLevel(r.parent!), r.parent!);
      rowCells.set(r, select(r.metric, under, r.breakdown, (c) => c === r.category).filter((i) => !taken.has(i)));
    } else if (r.category === 'other') {
      const shown = new Set((categories.get(`B|${r.metric}|${r.level}|${r.region}|${r.breakdown}`) ?? []).map((s) => s.category));
      rowCells.set(r, select(r.metric, regionCells(r.level, r.region), r.breakdown, (c) => !shown.has(c)));
    }
  }

  const sum = (measure: string, list: readonly number[]) => {
    const values = cells.values[measure]!;
    let s = 0;
    for (const i of list) s += values[i]!;
    return s;
  };
  const fields = (metric: MetricDefinition) =>
    [['numerator', metric.numerator], ['denominator', metric.denominator], ['population', metric.population]] as const;

  // Equations: measure, cells (sorted), value; deduplicated.
  const equations = new Map<string, Equation>();
  const equation = (measure: string, list: number[], value: number, absent = false) => {
    const sorted = list.toSorted((a, b) => a - b);
    const id = `${measure}:${sorted.join(',')}`;
    if (!equations.has(id)) equations.set(id, { measure: mIndex.get(measure)!, cells: sorted, value, absent });
  };
  let absent = 0;
  for (const r of rows) {
    if (r.suppressed) continue;
    const metric = metricOf.get(r.metric)!;
    const list = rowCells.get(r)!;
    for (const [field, measure] of fields(metric)) {
      if (measure === null) continue;
      const published = r[field];
      if (published === null) {
        mismatches.push({ row: r, detail: `${field} is null in a published row` });
        continue;
      }
      const truth = sum(measure, list);
      if (!close(truth, published)) mismatches.push({ row: r, detail: `${field} ${published} ≠ ${truth}, the sum of ${measure} over its ${list.length} inner cells` });
      equation(measure, list, published);
    }
  }
  // A region × category a metric could have a row for, but has none, has a denominator of 0
  // (categories only at the levels the data contract publishes by category).
  const levels = [...byRegion.keys()].map((k) => k.split('|') as [string, string]);
  for (const metric of metrics) {
    const base = metric.denominator ?? metric.population!;
    const combos: [string, (c: string) => boolean, string][] = [['all', () => true, 'all']];
    for (const b of metric.breakdowns) for (const c of source.dims[b]!) combos.push([b, (x) => x === c, c]);
    for (const [level, region] of levels) {
      for (const [breakdown, match, category] of combos) {
        if (breakdown !== 'all' && !hasBreakdowns(level as RegionLevel, breakdown)) continue;
        if (existing.has(`${metric.id}|${level}|${region}|${breakdown}|${category}`)) continue;
        const list = select(metric.id, regionCells(level, region), breakdown, match);
        if (list.length === 0) continue;
        const truth = sum(base, list);
        if (truth !== 0) mismatches.push({ row: null, detail: `${metric.id} ${level} ${region} ${breakdown}=${category}: no row, but ${base} is ${truth}` });
        equation(base, list, 0, true);
        absent++;
      }
    }
  }
  return finishSystem(input, measures, [...equations.values()], absent, mismatches, rows, rowCells, sum, fields, metricOf, k);
}

/** One equation of the system: Σ of a measure over inner cells = value (`absent`: from a missing row). */
interface Equation {
  readonly measure: number;
  readonly cells: number[];
  readonly value: number;
  readonly absent: boolean;
}

/** Region code → inner cells, for every level: `province|code`, `prefecture|code`, `county|code`. */
function regionIndex(cells: BlockCells, province: string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [i]);
    else list.push(i);
  };
  for (let i = 0; i < cells.length; i++) {
    add(`province|${province}`, i);
    const prefecture = cells.prefecture[i];
    if (prefecture != null) add(`prefecture|${prefecture}`, i);
    const county = cells.county[i];
    if (county != null) add(`county|${county}`, i);
  }
  return index;
}

function finishSystem(
  input: BlockInput,
  measures: readonly string[],
  equations: readonly Equation[],
  absent: number,
  mismatches: ModelMismatch[],
  rows: readonly PublishedCell[],
  rowCells: ReadonlyMap<PublishedCell, number[]>,
  sum: (measure: string, list: readonly number[]) => number,
  fields: (metric: MetricDefinition) => readonly (readonly ['numerator' | 'denominator' | 'population', string | null])[],
  metricOf: ReadonlyMap<string, MetricDefinition>,
  k: number,
): AttackerSystem {
  const { source, cells } = input;
  const n = cells.length;
  const mIndex = new Map(measures.map((m, i) => [m, i]));
  const variable = (m: number, i: number) => m * n + i;

  // Targets: each measure of a withheld row whose units are below k.
  const real = input.real ?? n;
  const rawTargets: { row: PublishedCell; measure: string; kind: MeasureKind; value: number; cells: number[]; key: string }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.suppressed) continue;
    const list = rowCells.get(r)!;
    for (const [, measure] of fields(metricOf.get(r.metric)!)) {
      if (measure === null) continue;
      const { kind, over } = source.measures[measure]!;
      if (kind === 'none') continue;
      const sensitive = over.some((o) => {
        const units = sum(o, list);
        return units >= 1 && units < k;
      });
      if (!sensitive) continue;
      const sorted = list.toSorted((a, b) => a - b);
      const id = `${measure}:${sorted.join(',')}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const key = real === n ? id : `${measure}:${sorted.filter((i) => i < real).join(',')}`;
      rawTargets.push({ row: r, measure, kind, value: sum(measure, list), cells: list, key });
    }
  }

  // Which measures the system needs: those published or targeted, and the parts of identities.
  const used = new Set<number>(equations.map((e) => e.measure));
  for (const t of rawTargets) used.add(mIndex.get(t.measure)!);
  for (const { whole, parts } of source.identities ?? []) {
    if ([whole, ...parts].some((m) => used.has(mIndex.get(m)!))) for (const m of [whole, ...parts]) used.add(mIndex.get(m)!);
  }
  // Relations in every inner cell: [lhs measures with +1, rhs measures with −1, equality?].
  const relations: { plus: number; minus: number[]; equal: boolean }[] = [];
  for (const { whole, parts } of source.identities ?? []) {
    if (used.has(mIndex.get(whole)!)) relations.push({ plus: mIndex.get(whole)!, minus: parts.map((p) => mIndex.get(p)!), equal: true });
  }
  const holds = (part: string, whole: string) => {
    const a = input.cells.values[part]!;
    const b = input.cells.values[whole]!;
    for (let i = 0; i < n; i++) if (a[i]! > b[i]!) return false;
    return true;
  };
  const pairs = new Set<string>();
  for (const m of used) {
    const measure = source.measures[measures[m]!]!;
    if (measure.kind !== 'attribute') continue;
    for (const o of measure.over) if (o !== measures[m] && used.has(mIndex.get(o)!) && holds(measures[m]!, o)) pairs.add(`${measures[m]}<${o}`);
  }
  for (const metric of metricOf.values()) {
    if (metric.denominator !== null && metric.numerator !== metric.denominator && holds(metric.numerator, metric.denominator)) pairs.add(`${metric.numerator}<${metric.denominator}`);
  }
  for (const p of pairs) {
    const [a, b] = p.split('<') as [string, string];
    relations.push({ plus: mIndex.get(a)!, minus: [mIndex.get(b)!], equal: false });
  }

  // Variables forced to 0: by an equation with value 0, then through the relations; and those
  // forced to 0 by missing rows alone (what the shape of the publication says).
  const total = measures.length * n;
  const zeros = (fromPublished: boolean) => {
    const zero = new Uint8Array(total);
    for (const e of equations) if (e.value === 0 && (fromPublished || e.absent)) for (const i of e.cells) zero[variable(e.measure, i)] = 1;
    for (let changed = true; changed; ) {
      changed = false;
      for (const rel of relations) {
        for (let i = 0; i < n; i++) {
          const lhs = variable(rel.plus, i);
          const rhs = rel.minus.map((m) => variable(m, i));
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
    }
    return zero;
  };
  const zero = zeros(true);
  const structural = zeros(false);

  // Components: measures linked by relations.
  const parent = measures.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const rel of relations) for (const m of rel.minus) parent[find(m)] = find(rel.plus);
  const componentOf = new Map<number, number>();
  for (const m of [...used].sort((a, b) => a - b)) if (!componentOf.has(find(m))) componentOf.set(find(m), componentOf.size);
  const componentMeasures = [...componentOf.keys()].map((root) => [...used].filter((m) => find(m) === root).sort((a, b) => a - b));
  let fixed = 0;
  for (const m of used) for (let i = 0; i < n; i++) if (zero[variable(m, i)]) fixed++;
  const truth = (v: number) => input.cells.values[measures[Math.floor(v / n)]!]![v % n]!;

  /**
   * The polytope of one component; with `free`, only the variables of those inner cells vary,
   * every other one is fixed at its true value (which can only narrow what the attacker sees).
   */
  const polytope = (component: number, free: Uint8Array | null): { polytope: Polytope; columnOf: Int32Array } => {
    const own = componentMeasures[component]!;
    const columnOf = new Int32Array(total).fill(-1);
    let columns = 0;
    for (const m of own) for (let i = 0; i < n; i++) {
      const v = variable(m, i);
      if (!zero[v] && (free === null || free[i] === 1)) columnOf[v] = columns++;
    }
    const b = { starts: [0], indices: [] as number[], values: [] as number[], lower: [] as number[], upper: [] as number[] };
    const addRow = (terms: [number, number][], lo: number, hi: number) => {
      terms.sort((x, y) => x[0] - y[0]);
      for (const [col, coef] of terms) {
        b.indices.push(col);
        b.values.push(coef);
      }
      b.starts.push(b.indices.length);
      b.lower.push(lo);
      b.upper.push(hi);
    };
    const inComponent = new Set(own);
    for (const e of equations) {
      if (e.value === 0 || !inComponent.has(e.measure)) continue;
      const terms: [number, number][] = [];
      let rest = e.value;
      for (const i of e.cells) {
        const v = variable(e.measure, i);
        const col = columnOf[v]!;
        if (col >= 0) terms.push([col, 1]);
        else if (!zero[v]) rest -= truth(v);
      }
      if (terms.length === 0) {
        if (free === null && Math.abs(rest) > 1e-6) mismatches.push({ row: null, detail: `${measures[e.measure]} = ${e.value} over cells the rest of the publication says are 0` });
        continue;
      }
      addRow(terms, rest, rest);
    }
    for (const rel of relations) {
      if (!inComponent.has(rel.plus)) continue;
      for (let i = 0; i < n; i++) {
        if (free !== null && free[i] !== 1) continue;
        const terms: [number, number][] = [];
        const lhs = columnOf[variable(rel.plus, i)]!;
        if (lhs >= 0) terms.push([lhs, 1]);
        for (const m of rel.minus) {
          const col = columnOf[variable(m, i)]!;
          if (col >= 0) terms.push([col, -1]);
        }
        if (terms.length < 2) continue;
        addRow(terms, rel.equal ? 0 : -Infinity, 0);
      }
    }
    return {
      columnOf,
      polytope: {
        columns,
        lower: new Float64Array(columns),
        rowStarts: Int32Array.from(b.starts),
        rowIndices: Int32Array.from(b.indices),
        rowValues: Float64Array.from(b.values),
        rowLower: Float64Array.from(b.lower),
        rowUpper: Float64Array.from(b.upper),
      },
    };
  };
  const targets: AuditTarget[] = rawTargets.map((t) => {
    const m = mIndex.get(t.measure)!;
    const variables = Int32Array.from(t.cells.map((i) => variable(m, i)).filter((v) => !zero[v]).sort((a, b) => a - b));
    const known = t.cells.every((i) => structural[variable(m, i)] === 1);
    const wholes = source.measures[t.measure]!.over.filter((o) => o !== t.measure).map((o) => sum(o, t.cells));
    return { row: t.row, measure: t.measure, kind: t.kind, value: t.value, wholes, cells: Int32Array.from(t.cells), structural: known, key: t.key,
      component: variables.length === 0 ? -1 : componentOf.get(find(m))!, variables };
  });
  const twins = (component: number): Int32Array => {
    const own = componentMeasures[component]!;
    const inComponent = new Set(own);
    const signature = Array.from({ length: n }, (_, i) => own.filter((m) => zero[variable(m, i)]).map((m) => `z${m}`));
    equations.forEach((e, id) => {
      if (e.value === 0 || !inComponent.has(e.measure)) return;
      for (const i of e.cells) signature[i]!.push(String(id));
    });
    const classes = new Map<string, number>();
    return Int32Array.from(signature, (list) => {
      const key = list.join(',');
      if (!classes.has(key)) classes.set(key, classes.size);
      return classes.get(key)!;
    });
  };
  const view = (component: number): ComponentView => {
    const own = componentMeasures[component]!;
    const inComponent = new Set(own);
    const counts = new Int32Array(n + 1);
    const listed = equations.flatMap((e, id) => (e.value !== 0 && inComponent.has(e.measure) ? [id] : []));
    for (const id of listed) for (const i of equations[id]!.cells) counts[i + 1]!++;
    for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
    const ids = new Int32Array(counts[n]!);
    const at = counts.slice(0, n);
    for (const id of listed) for (const i of equations[id]!.cells) ids[at[i]!++] = id;
    const orderings = relations.filter((r) => !r.equal && inComponent.has(r.plus)).map((r) => ({ plus: r.plus, minus: r.minus }));
    return { measures: Int32Array.from(own), starts: counts, ids, zero, orderings };
  };
  return { cells: n, components: componentMeasures.length, polytope, twins, view, truth, targets, mismatches, stats: { equations: equations.length, absent, variables: used.size * n - fixed, fixed } };
}
