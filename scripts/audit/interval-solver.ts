import highsLoader, { type Highs } from 'highs';

/** A linear program's feasible set: x ≥ lower, rows[i] · x between rowLower[i] and rowUpper[i]. */
export interface Polytope {
  readonly columns: number;
  /** Lower bound of each column (0 or 1); no upper bounds. */
  readonly lower: Float64Array;
  /** Rows in CSR: row i holds columns rowIndices[rowStarts[i] .. rowStarts[i + 1]) with rowValues. */
  readonly rowStarts: Int32Array;
  readonly rowIndices: Int32Array;
  readonly rowValues: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
}

/** Where a sum of columns can lie: [lo, hi] (hi may be Infinity), or null when the system is infeasible. */
export type Interval = readonly [number, number] | null;

/** Thrown when a solve would pass the solver's deadline. */
export class OutOfTime extends Error {
  constructor() {
    super('the audit ran out of its time for this block');
  }
}

let loaded: Promise<Highs> | undefined;

/** The HiGHS runtime, loaded once per process. */
export function highs(): Promise<Highs> {
  loaded ??= highsLoader();
  return loaded;
}

/**
 * Minimizes and maximizes sums of columns over one polytope with one persistent HiGHS model:
 * only the objective changes between solves, so each solve starts from the last basis.
 */
export class IntervalSolver {
  readonly #highs: Highs;
  readonly #model: ReturnType<Highs['createModel']>;
  #costed: Int32Array = new Int32Array(0);
  #infeasible = false;
  readonly #deadline: number;

  /** `deadline`: a performance.now() time after which a solve throws OutOfTime. */
  constructor(runtime: Highs, polytope: Polytope, deadline = Infinity) {
    this.#deadline = deadline;
    this.#highs = runtime;
    const n = polytope.columns;
    this.#model = runtime.createModel({
      numCols: n,
      numRows: polytope.rowLower.length,
      colCost: new Float64Array(n),
      colLower: polytope.lower,
      colUpper: new Float64Array(n).fill(runtime.infinity),
      rowLower: polytope.rowLower.map((v) => (v === -Infinity ? -runtime.infinity : v)),
      rowUpper: polytope.rowUpper.map((v) => (v === Infinity ? runtime.infinity : v)),
      matrix: { format: 'csr', numRows: polytope.rowLower.length, numCols: n, starts: polytope.rowStarts, indices: polytope.rowIndices, values: polytope.rowValues },
    });
    // Only the objective changes between solves: primal simplex from the last basis.
    this.#model.options.set({ output_flag: false, solver: 'simplex', presolve: 'off', simplex_strategy: 4 });
  }

  /** [min, max] of the sum of `columns` (strictly increasing indices). */
  bounds(columns: Int32Array): Interval {
    if (this.#infeasible) return null;
    if (columns.length === 0) return [0, 0];
    const model = this.#model;
    if (this.#costed.length > 0) model.changeColsCost({ kind: 'set', indices: this.#costed }, new Float64Array(this.#costed.length));
    model.changeColsCost({ kind: 'set', indices: columns }, new Float64Array(columns.length).fill(1));
    this.#costed = columns;
    const solve = (sense: 'minimize' | 'maximize'): number | null => {
      model.changeObjectiveSense(this.#highs.constants.objectiveSense[sense]);
      const modelStatus = this.#run();
      const status = this.#highs.constants.modelStatus;
      if (modelStatus === status.optimal) return model.getObjectiveValue();
      if (modelStatus === status.unbounded) return sense === 'maximize' ? Infinity : -Infinity;
      if (modelStatus === status.infeasible) return null;
      if (modelStatus === status.unboundedOrInfeasible && sense === 'maximize') return Infinity;
      throw new Error(`highs: model status ${modelStatus}`);
    };
    const lo = solve('minimize');
    if (lo === null) {
      this.#infeasible = true;
      return null;
    }
    const hi = solve('maximize');
    return [lo, hi ?? Infinity];
  }

  /**
   * A point of the polytope optimizing Σ weights[t] · x[columns[t]] (columns strictly
   * increasing), or null when the polytope is empty or the optimum unbounded.
   */
  point(columns: Int32Array, weights: Float64Array, sense: 'minimize' | 'maximize'): Float64Array | null {
    return this.optimum(columns, weights, sense)?.point ?? null;
  }

  /**
   * The optimum of Σ weights[t] · x[columns[t]] (columns strictly increasing) and a point
   * reaching it; `value` is ±Infinity (and `point` null) when the sum is unbounded that way,
   * and the result is null when the polytope is empty.
   */
  optimum(columns: Int32Array, weights: Float64Array, sense: 'minimize' | 'maximize'): { value: number; point: Float64Array | null } | null {
    if (this.#infeasible) return null;
    if (columns.length === 0) return { value: 0, point: null };
    const model = this.#model;
    if (this.#costed.length > 0) model.changeColsCost({ kind: 'set', indices: this.#costed }, new Float64Array(this.#costed.length));
    model.changeColsCost({ kind: 'set', indices: columns }, weights);
    this.#costed = columns;
    model.changeObjectiveSense(this.#highs.constants.objectiveSense[sense]);
    const modelStatus = this.#run();
    const status = this.#highs.constants.modelStatus;
    if (modelStatus === status.optimal) return { value: model.getObjectiveValue(), point: model.getSolution().colValue };
    const unbounded = sense === 'maximize' ? Infinity : -Infinity;
    if (modelStatus === status.unbounded) return { value: unbounded, point: null };
    if (modelStatus === status.infeasible) {
      this.#infeasible = true;
      return null;
    }
    if (modelStatus === status.unboundedOrInfeasible && sense === 'maximize') return { value: Infinity, point: null };
    throw new Error(`highs: model status ${modelStatus}`);
  }

  /** Runs the solver within what is left before the deadline; returns the model status. */
  #run(): number {
    if (this.#deadline !== Infinity) {
      const left = (this.#deadline - performance.now()) / 1000;
      if (left <= 0) throw new OutOfTime();
      this.#model.options.set({ time_limit: left });
      this.#model.zeroAllClocks();
    }
    const { modelStatus } = this.#model.run();
    if (modelStatus === this.#highs.constants.modelStatus.timeLimit) throw new OutOfTime();
    return modelStatus;
  }

  /** Frees the native model. */
  dispose(): void {
    this.#model.dispose();
  }
}
