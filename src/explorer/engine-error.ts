/**
 * What went wrong in the explorer's data or engine, with what to tell the reader. Apart
 * from engine.ts so that the explorer can name a failure without loading DuckDB-WASM.
 */

/** What failed: starting the engine, loading a data file, or a query. */
export type EngineStage = 'start' | 'data' | 'query';

/** A failure, with the file that did not load for stage `data`. */
export class EngineError extends Error {
  override name = 'EngineError';
  readonly stage: EngineStage;
  /** The file that did not load, for stage `data`. */
  readonly file: string | null;

  constructor(stage: EngineStage, detail: string, file: string | null = null) {
    super(detail);
    this.stage = stage;
    this.file = file;
  }
}
