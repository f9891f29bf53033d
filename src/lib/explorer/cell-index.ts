/**
 * Published cells grouped the ways the explorer's views select them, so that a view reads
 * only the cells it may need instead of every cell of its metric: by period and level (a
 * view of the regions at one date), by level (all provinces over time) and by region (one
 * region over time, or its categories). Built once per metric slice in the browser.
 *
 * The groups only narrow the candidates: reference.ts still applies every condition of
 * the view, so a view gives the same rows from an index as from the plain list of cells.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { PublishedCell, RegionLevel } from '../contract/published.ts';

const EMPTY: readonly PublishedCell[] = [];

function push<K>(map: Map<K, PublishedCell[]>, key: K, cell: PublishedCell): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [cell]);
  else list.push(cell);
}

/** A metric's cells, grouped by period and level, by level and by region. */
export class CellIndex {
  /** Every cell, in the order given. */
  readonly cells: readonly PublishedCell[];
  private readonly byPeriodLevel = new Map<string, PublishedCell[]>();
  private readonly byLevel = new Map<RegionLevel, PublishedCell[]>();
  private readonly byRegion = new Map<string, PublishedCell[]>();

  constructor(cells: readonly PublishedCell[]) {
    this.cells = cells;
    for (const cell of cells) {
      push(this.byPeriodLevel, `${cell.period}|${cell.level}`, cell);
      push(this.byLevel, cell.level, cell);
      push(this.byRegion, `${cell.level}|${cell.region}`, cell);
    }
  }

  /** The cells of every region of `level` at `period`. */
  at(period: string, level: RegionLevel): readonly PublishedCell[] {
    return this.byPeriodLevel.get(`${period}|${level}`) ?? EMPTY;
  }

  /** The cells of every region of `level`, at every period. */
  level(level: RegionLevel): readonly PublishedCell[] {
    return this.byLevel.get(level) ?? EMPTY;
  }

  /** The cells of one region (of `level`), at every period. */
  region(level: RegionLevel, code: string): readonly PublishedCell[] {
    return this.byRegion.get(`${level}|${code}`) ?? EMPTY;
  }
}
