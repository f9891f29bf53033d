/**
 * What the entry script (boot.ts) hands to the explorer (app.ts) when the reader shows
 * intent: what started it, the events queued until then, and DuckDB-WASM already starting.
 * Types only, so that neither module imports the other.
 */
import type { EngineStart } from './engine.ts';

/** What the explorer was started by. */
export interface Intent {
  readonly kind: 'link' | 'focus' | 'pointer' | 'change' | 'click' | 'scroll';
  /** When (performance.now() time). */
  readonly time: number;
}

/** DuckDB-WASM being started by the entry script. */
export type EngineStarting = Promise<EngineStart>;

/** Events queued before the explorer took over, and the hand-over. */
export interface BootQueue {
  readonly events: { readonly type: string; readonly target: EventTarget | null }[];
  /** Stop queueing: the explorer listens from now on. */
  release(): void;
}
