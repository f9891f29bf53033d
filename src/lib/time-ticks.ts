/**
 * The ticks of a time axis whose periods are dates (year ends, quarter ends), for the site's
 * charts (src/charts/common.ts) and the explorer's (src/explorer/charts.ts) alike: ticks on
 * the dates the points sit on, labelled with what they are.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { formatDate } from './format.ts';
import type { Locale } from './i18n.ts';
import { toDate, toIso } from './iso-date.ts';

/**
 * Ticks from `from` to `to` (ISO dates), at most about `max` of them: 31 December of every
 * year (or every second, third… year), labelled by `yearEnd` ("2020年底", "end-2020"), for
 * spans of more than three years; else quarter ends, labelled with the month ("2018年3月",
 * "Mar 2018"). The latest date always has a tick.
 */
export function timeTicks(
  locale: Locale,
  from: string,
  to: string,
  max: number,
  yearEnd: (year: string) => string,
): { ticks: Date[]; format: (d: Date) => string } {
  const start = toDate(from);
  const end = toDate(to);
  const years = (end.getTime() - start.getTime()) / (365.25 * 86_400_000);
  if (years > 3) {
    const first = start.getUTCFullYear();
    const last = end.getUTCFullYear();
    const span = last - first + 1;
    const step = Math.max(1, Math.ceil(span / max));
    const ticks: Date[] = [];
    for (let y = last; y >= first; y -= step) {
      const d = new Date(Date.UTC(y, 11, 31));
      if (d >= start && d <= end) ticks.unshift(d);
    }
    return { ticks, format: (d) => yearEnd(String(d.getUTCFullYear())) };
  }
  const ticks: Date[] = [];
  const d = new Date(Date.UTC(start.getUTCFullYear(), Math.floor(start.getUTCMonth() / 3) * 3, 1));
  while (d <= end) {
    const quarterEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 0));
    if (quarterEnd >= start && quarterEnd <= end) ticks.push(quarterEnd);
    d.setUTCMonth(d.getUTCMonth() + 3);
  }
  if (ticks.length === 0) ticks.push(end);
  const step = Math.max(1, Math.ceil(ticks.length / max));
  const kept = ticks.filter((_, i) => (ticks.length - 1 - i) % step === 0);
  return { ticks: kept, format: (x) => formatDate(locale, toIso(x).slice(0, 7)) };
}
