/**
 * Which rows of a ranked view the chart draws. A level of 300 counties as 300 bars is a
 * 7,000-pixel chart nobody reads, and costs the browser a fifth of a second on every
 * change; so when a view has more than {@link RANK_WINDOW_LIMIT} rows the chart draws the
 * top and the bottom of the ranking, the selected row wherever it ranks, and says in a
 * row of its own how many are left out (the table under the charts lists them all, and
 * the text summary describes all of them).
 *
 * Rows come in the views' order (src/lib/explorer/query.ts): published values from the
 * highest, then suppressed ones, then the `other` rows. Suppressed rows, when there are
 * more than a few, are told as one count, as the left-out middle is.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { OTHER } from './catalog.ts';
import type { ViewRow } from './rows.ts';

/** Views with at most this many rows are drawn whole. */
export const RANK_WINDOW_LIMIT = 40;

/** Rows drawn from each end of the ranking when it is cut. */
export const RANK_WINDOW_END = 15;

/** Suppressed or `other` rows drawn one by one when there are at most this many. */
export const RANK_WINDOW_FEW = 5;

/** A row of the chart standing for rows left out. */
export interface RankGap {
  readonly gap: 'ranked' | 'suppressed' | 'other';
  /** Unique key of the gap row (never a region code: it starts with `…`). */
  readonly key: string;
  /** How many rows it stands for. */
  readonly count: number;
}

/** A row the chart draws: a view row, or a gap. */
export type RankItem = ViewRow | RankGap;

/** Whether an item is a gap row. */
export function isGap(item: RankItem): item is RankGap {
  return 'gap' in item;
}

/** The items the chart draws, in order; every row when there are few. */
export function rankWindow(rows: readonly ViewRow[], selected: string | null = null): RankItem[] {
  if (rows.length <= RANK_WINDOW_LIMIT) return [...rows];
  const isOther = (r: ViewRow) => r.region === OTHER;
  const published = rows.filter((r) => !isOther(r) && !r.suppressed && r.value !== null);
  const suppressed = rows.filter((r) => !isOther(r) && (r.suppressed || r.value === null));
  const others = rows.filter(isOther);
  const items: RankItem[] = [];
  let gaps = 0;
  const gap = (kind: RankGap['gap'], count: number) => {
    if (count > 0) items.push({ gap: kind, key: `…${String((gaps += 1))}`, count });
  };

  if (published.length <= 2 * RANK_WINDOW_END + 1) items.push(...published);
  else {
    const middle = published.slice(RANK_WINDOW_END, -RANK_WINDOW_END);
    const at = middle.findIndex((r) => r.key === selected);
    items.push(...published.slice(0, RANK_WINDOW_END));
    if (at < 0) gap('ranked', middle.length);
    else {
      gap('ranked', at);
      items.push(middle[at] as ViewRow);
      gap('ranked', middle.length - at - 1);
    }
    items.push(...published.slice(-RANK_WINDOW_END));
  }

  const few = (list: readonly ViewRow[], kind: RankGap['gap']) => {
    if (list.length <= RANK_WINDOW_FEW) items.push(...list);
    else {
      const chosen = list.find((r) => r.key === selected);
      if (chosen !== undefined) items.push(chosen);
      gap(kind, list.length - (chosen === undefined ? 0 : 1));
    }
  };
  few(suppressed, 'suppressed');
  few(others, 'other');
  return items;
}
