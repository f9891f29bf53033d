/**
 * What the entry script (boot.ts) hands to the explorer (app.ts) when the reader shows
 * intent: what started it, the events queued until then, and the metric slices already
 * being fetched. Types only, so that neither module imports the other at run time.
 */
import type { start } from './app.ts';

/** The explorer's module, as the entry script loads it. */
export interface ExplorerModule {
  readonly start: typeof start;
}

/** What the explorer was started by. */
export interface Intent {
  readonly kind: 'link' | 'focus' | 'pointer' | 'change' | 'click' | 'scroll';
  /** When (performance.now() time). */
  readonly time: number;
}

/** Events queued before the explorer took over, and the hand-over. */
export interface BootQueue {
  readonly events: { readonly type: string; readonly target: EventTarget | null }[];
  /** Stop queueing: the explorer listens from now on. */
  release(): void;
}
