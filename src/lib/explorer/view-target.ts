/**
 * The campaign target an explorer view is judged against, as its charts and summaries use
 * it: the values to draw lines at, whether a value meets it (the build's own test,
 * src/lib/status/target-level.ts), its deadline, and its level in words.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { formatValue } from '../format.ts';
import { meetsTarget, targetLevel, targetLines } from '../status/target-level.ts';
import { message, type CatalogIndex } from './catalog.ts';
import type { ExplorerState } from './state.ts';

/** A view's target. */
export interface ViewTarget {
  /** Values to draw target lines at (one, or both ends of a range). */
  readonly lines: readonly number[];
  /** Whether a value meets the target (null: the target has no level to meet). */
  meets(value: number): boolean | null;
  /** The target's deadline (YYYY-MM-DD), if it has one. */
  readonly deadline: string | null;
  /** The label of each line ("目标 55%", "target 55%"), by line value. */
  label(value: number): string;
  /** What the target asks, in words: its level ("55.0%"), or null without one. */
  readonly level: string | null;
}

/** The target of a view's state, or null when the state names none. */
export function viewTarget(index: CatalogIndex, state: ExplorerState): ViewTarget | null {
  const target = state.target === null ? undefined : index.target(state.target);
  if (target === undefined) return null;
  const unit = index.metric(target.metric)?.unit ?? 'rate';
  const { locale } = index.catalog;
  const show = (value: number) => formatValue(locale, value, unit);
  const level = targetLevel(target.comparator, unit);
  return {
    lines: targetLines(target.comparator, unit),
    meets: (value) => meetsTarget(target.comparator, unit, value),
    deadline: target.deadline,
    label: (value) => message(index.catalog, 'explorer.chart.target', { value: show(value) }),
    level:
      target.comparator.type === 'between'
        ? `${show(target.comparator.min)}–${show(target.comparator.max)}`
        : level === null
          ? null
          : show(level),
  };
}
