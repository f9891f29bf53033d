import type { Highs } from 'highs';

/** Rows of a linear system over columns ≥ 0: row r is Σ coef · x[col] between lower[r] and upper[r]. */
export interface LinearRows {
  readonly columns: number;
  readonly starts: readonly number[];
  readonly indices: readonly number[];
  readonly values: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** The optimum of a sum of columns, and the row duals there (which rows bind it). */
export interface SumOptimum {
  readonly value: number;
  /** One per row: the rows given first, then the lazy rows added so far (in the order added). */
  readonly rowDual: Float64Array;
  /** The point reaching it, when the duals were asked for (null otherwise, or when unbounded). */
  readonly point?: Float64Array | null;
}

const TOLERANCE = 1e-7;

/**
 * Minimum and maximum of sums of columns over { x ≥ 0 : rows, lazy rows }, with one persistent
 * HiGHS model: only the objective (and, as rows are dropped, their bounds) changes between
 * solves, so each solve restarts the primal simplex from the last basis.
 *
 * Lazy rows (many, and few of them binding: the relations that hold in every inner cell) stay
 * out of the model until a solution breaks one; the broken ones are added and the solve is run
 * again, so every result is a point (or an optimum) of the full system.
 */
export class BoundedSums {
  readonly #highs: Highs;
  readonly #model: ReturnType<Highs['createModel']>;
  readonly #lazy: LinearRows | null;
  readonly #added: Uint8Array;
  /** The columns with a nonzero cost, and whether each is 1 (a plain sum) or weighted. */
  #costed: Int32Array = new Int32Array(0);
  #unit = false;
  /** Lazy rows added, in order. */
  readonly lazyAdded: number[] = [];

  constructor(runtime: Highs, rows: LinearRows, lazy: LinearRows | null = null) {
    this.#highs = runtime;
    const n = rows.columns;
    const inf = runtime.infinity;
    this.#model = runtime.createModel({
      numCols: n,
      numRows: rows.lower.length,
      colCost: new Float64Array(n),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(inf),
      rowLower: Float64Array.from(rows.lower, (v) => (v === -Infinity ? -inf : v)),
      rowUpper: Float64Array.from(rows.upper, (v) => (v === Infinity ? inf : v)),
      matrix: { format: 'csr', numRows: rows.lower.length, numCols: n, starts: Int32Array.from(rows.starts), indices: Int32Array.from(rows.indices), values: Float64Array.from(rows.values) },
    });
    this.#model.options.set({ output_flag: false, solver: 'simplex', presolve: 'off', simplex_strategy: 4 });
    this.#lazy = lazy;
    this.#added = new Uint8Array(lazy?.lower.length ?? 0);
  }

  /** The optimum of Σ x[columns] (strictly increasing), with the row duals when asked, or null when the rows admit no x. */
  optimum(columns: Int32Array, sense: 'minimize' | 'maximize', duals = false): SumOptimum | null {
    if (columns.length === 0) return { value: 0, rowDual: new Float64Array(0) };
    if (!this.#unit || this.#costed !== columns) this.#cost(columns, new Float64Array(columns.length).fill(1), true);
    const status = this.#run(sense);
    const codes = this.#highs.constants.modelStatus;
    const model = this.#model;
    if (status === codes.optimal) {
      if (!duals) return { value: model.getObjectiveValue(), rowDual: new Float64Array(0) };
      const solution = model.getSolution();
      return { value: model.getObjectiveValue(), rowDual: solution.rowDual, point: solution.colValue };
    }
    if (status === codes.unbounded || (status === codes.unboundedOrInfeasible && sense === 'maximize')) return { value: Infinity, rowDual: new Float64Array(0) };
    if (status === codes.infeasible) return null;
    throw new Error(`highs: model status ${status}`);
  }

  /** A point optimizing Σ weights · x[columns] (columns strictly increasing), or null when there is none. */
  point(columns: Int32Array, weights: Float64Array, sense: 'minimize' | 'maximize'): Float64Array | null {
    if (columns.length === 0) return null;
    this.#cost(columns, weights, false);
    return this.#run(sense) === this.#highs.constants.modelStatus.optimal ? this.#model.getSolution().colValue : null;
  }

  /** Runs until the optimum breaks no lazy row; returns the model status. */
  #run(sense: 'minimize' | 'maximize'): number {
    const model = this.#model;
    model.changeObjectiveSense(this.#highs.constants.objectiveSense[sense]);
    for (;;) {
      const { modelStatus } = model.run();
      if (modelStatus !== this.#highs.constants.modelStatus.optimal || this.#lazy === null) return modelStatus;
      if (this.#addBroken(model.getSolution().colValue) === 0) return modelStatus;
    }
  }

  /** Adds the lazy rows `x` breaks; returns how many. */
  #addBroken(x: Float64Array): number {
    const lazy = this.#lazy!;
    const broken: number[] = [];
    for (let r = 0; r < lazy.lower.length; r++) {
      if (this.#added[r]) continue;
      let sum = 0;
      for (let t = lazy.starts[r]!; t < lazy.starts[r + 1]!; t++) sum += lazy.values[t]! * x[lazy.indices[t]!]!;
      if (sum < lazy.lower[r]! - TOLERANCE || sum > lazy.upper[r]! + TOLERANCE) broken.push(r);
    }
    if (broken.length === 0) return 0;
    const inf = this.#highs.infinity;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const r of broken) {
      for (let t = lazy.starts[r]!; t < lazy.starts[r + 1]!; t++) {
        indices.push(lazy.indices[t]!);
        values.push(lazy.values[t]!);
      }
      starts.push(indices.length);
      this.#added[r] = 1;
      this.lazyAdded.push(r);
    }
    this.#model.addRows({
      lower: Float64Array.from(broken, (r) => (lazy.lower[r] === -Infinity ? -inf : lazy.lower[r]!)),
      upper: Float64Array.from(broken, (r) => (lazy.upper[r] === Infinity ? inf : lazy.upper[r]!)),
      matrix: { format: 'csr', numRows: broken.length, numCols: lazy.columns, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    });
    return broken.length;
  }

  /** Sets the objective to Σ weights · x[columns], clearing the previous one. */
  #cost(columns: Int32Array, weights: Float64Array, unit: boolean): void {
    if (this.#costed.length > 0) this.#model.changeColsCost({ kind: 'set', indices: this.#costed }, new Float64Array(this.#costed.length));
    this.#model.changeColsCost({ kind: 'set', indices: columns }, weights);
    this.#costed = columns;
    this.#unit = unit;
  }

  /** Drops row r of the rows given first (its bounds become −∞, ∞). */
  drop(r: number): void {
    this.#model.changeRowBounds(r, -this.#highs.infinity, this.#highs.infinity);
  }

  dispose(): void {
    this.#model.dispose();
  }
}
