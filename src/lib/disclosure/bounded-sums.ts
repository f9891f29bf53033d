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
  readonly rowDual: Float64Array;
}

/**
 * Minimum and maximum of sums of columns over { x ≥ 0 : rows }, with one persistent HiGHS model:
 * only the objective (and, as rows are dropped, their bounds) changes between solves, so each
 * solve restarts the primal simplex from the last basis.
 */
export class BoundedSums {
  readonly #highs: Highs;
  readonly #model: ReturnType<Highs['createModel']>;
  /** The columns with a nonzero cost, and whether each is 1 (a plain sum) or weighted. */
  #costed: Int32Array = new Int32Array(0);
  #unit = false;

  constructor(runtime: Highs, rows: LinearRows) {
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
  }

  /** The optimum of Σ x[columns] (strictly increasing), with the row duals when asked, or null when the rows admit no x. */
  optimum(columns: Int32Array, sense: 'minimize' | 'maximize', duals = false): SumOptimum | null {
    if (columns.length === 0) return { value: 0, rowDual: new Float64Array(0) };
    const model = this.#model;
    if (!this.#unit || this.#costed !== columns) this.#cost(columns, new Float64Array(columns.length).fill(1), true);
    model.changeObjectiveSense(this.#highs.constants.objectiveSense[sense]);
    const { modelStatus } = model.run();
    const status = this.#highs.constants.modelStatus;
    if (modelStatus === status.optimal) return { value: model.getObjectiveValue(), rowDual: duals ? model.getSolution().rowDual : new Float64Array(0) };
    if (modelStatus === status.unbounded || (modelStatus === status.unboundedOrInfeasible && sense === 'maximize')) return { value: Infinity, rowDual: new Float64Array(0) };
    if (modelStatus === status.infeasible) return null;
    throw new Error(`highs: model status ${modelStatus}`);
  }

  /** A point optimizing Σ weights · x[columns] (columns strictly increasing), or null when there is none. */
  point(columns: Int32Array, weights: Float64Array, sense: 'minimize' | 'maximize'): Float64Array | null {
    if (columns.length === 0) return null;
    const model = this.#model;
    this.#cost(columns, weights, false);
    model.changeObjectiveSense(this.#highs.constants.objectiveSense[sense]);
    const { modelStatus } = model.run();
    return modelStatus === this.#highs.constants.modelStatus.optimal ? model.getSolution().colValue : null;
  }

  /** Sets the objective to Σ weights · x[columns], clearing the previous one. */
  #cost(columns: Int32Array, weights: Float64Array, unit: boolean): void {
    if (this.#costed.length > 0) this.#model.changeColsCost({ kind: 'set', indices: this.#costed }, new Float64Array(this.#costed.length));
    this.#model.changeColsCost({ kind: 'set', indices: columns }, weights);
    this.#costed = columns;
    this.#unit = unit;
  }

  /** Drops row r (its bounds become −∞, ∞). */
  drop(r: number): void {
    this.#model.changeRowBounds(r, -this.#highs.infinity, this.#highs.infinity);
  }

  dispose(): void {
    this.#model.dispose();
  }
}
