/**
 * The real, published figures the site sets beside its own (data/reference/published-figures.csv):
 * one value per row, each with its unit, source, vintage and definition, and whether it was read
 * in a press copy rather than the official table (`news`). Read and validated at build time;
 * every problem names the file, line and column. Build-time only (reads the file).
 */
import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3-dsv';

/** Where the figures are, relative to the project root; also the name of the site's download. */
export const PUBLISHED_FIGURES_PATH = 'data/reference/published-figures.csv';

/** Units the figures are published in. */
export const FIGURE_UNITS = ['percent', 'ten_thousand_persons', 'million_persons', 'million_units', 'units'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

const COLUMNS = ['indicator', 'area', 'period', 'breakdown', 'value', 'qualifier', 'unit', 'news', 'source', 'source_zh', 'vintage', 'definition'] as const;

/** One published value. */
export interface PublishedFigure {
  /** What is measured (`union_density`); the site's words for it are `context.indicator.<id>`. */
  readonly indicator: string;
  /** ISO 3166 alpha-3 country (`CHN`) or GB/T 2260 province code (`130000`). */
  readonly area: string;
  /** `YYYY` or `YYYY-MM`. */
  readonly period: string;
  /** A part of the area's total (`manufacturing`), or null. */
  readonly breakdown: string | null;
  /** As published, in `unit` (a percent as 44.25). */
  readonly value: number;
  /** The value as the file writes it (`30.40`: the decimals the source gives). */
  readonly valueText: string;
  /** `more_than` when the source says "more than" the value. */
  readonly qualifier: 'more_than' | null;
  readonly unit: FigureUnit;
  /** Read in a press copy quoting the official text, not in the official table. */
  readonly news: boolean;
  /** Where the value was published, in English and in Chinese. */
  readonly source: string;
  readonly sourceZh: string;
  /** The edition read: its publication date (YYYY-MM-DD), month, or report year; for a database, the month it was read. */
  readonly vintage: string;
  /** What the value counts, in the source's terms. */
  readonly definition: string;
  /** Line in the file (the header is line 1). */
  readonly line: number;
}

/** A file of figures that cannot be used: every problem, each with its line and column. */
export class PublishedFiguresError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`${problems.length} problem${problems.length > 1 ? 's' : ''} in published figures:\n${problems.join('\n')}`);
    this.name = 'PublishedFiguresError';
    this.problems = problems;
  }
}

/** Reads the figures from CSV text; throws a PublishedFiguresError naming every problem. */
export function parsePublishedFigures(text: string, file = PUBLISHED_FIGURES_PATH): PublishedFigure[] {
  const problems: string[] = [];
  const [header = [], ...rows] = csvParseRows(text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n').trimEnd());
  // Lines are counted as rows: a quoted line break would shift every line after it.
  const broken = rows.findIndex((cells) => cells.some((c) => c.includes('\n')));
  if (broken >= 0) throw new PublishedFiguresError([`${file}: row ${broken + 2} has a cell holding a line break; keep each figure on one line`]);
  if (header.join(',') !== COLUMNS.join(',')) {
    throw new PublishedFiguresError([`${file}:1: the header must be ${COLUMNS.join(',')}, got ${header.join(',')}`]);
  }
  const figures: PublishedFigure[] = [];
  const seen = new Map<string, number>();
  const unitOf = new Map<string, { unit: string; line: number }>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    const at = (column: (typeof COLUMNS)[number]) => `${file}:${line}:${COLUMNS.indexOf(column) + 1} (${column})`;
    if (cells.length !== COLUMNS.length) {
      problems.push(`${file}:${line}: ${cells.length} cells, the header has ${COLUMNS.length}`);
      return;
    }
    const cell = Object.fromEntries(COLUMNS.map((c, j) => [c, cells[j]!.trim()])) as Record<(typeof COLUMNS)[number], string>;
    const before = problems.length;
    if (!/^[a-z][a-z0-9_]*$/.test(cell.indicator)) problems.push(`${at('indicator')}: "${cell.indicator}" is not an id (lowercase letters, digits, _)`);
    if (!/^([A-Z]{3}|\d{2}0000)$/.test(cell.area)) problems.push(`${at('area')}: "${cell.area}" is neither an ISO 3166 alpha-3 country code nor a province's GB/T 2260 code`);
    if (!/^(19|20)\d\d(-(0[1-9]|1[0-2]))?$/.test(cell.period)) problems.push(`${at('period')}: "${cell.period}" is not YYYY or YYYY-MM`);
    if (cell.breakdown !== '' && !/^[a-z][a-z0-9_]*$/.test(cell.breakdown)) problems.push(`${at('breakdown')}: "${cell.breakdown}" is not an id`);
    const value = Number(cell.value);
    if (cell.value === '' || !Number.isFinite(value) || value < 0) problems.push(`${at('value')}: "${cell.value}" is not a number of at least 0`);
    if (cell.qualifier !== '' && cell.qualifier !== 'more_than') problems.push(`${at('qualifier')}: "${cell.qualifier}" is neither empty nor more_than`);
    if (!(FIGURE_UNITS as readonly string[]).includes(cell.unit)) problems.push(`${at('unit')}: "${cell.unit}" is none of ${FIGURE_UNITS.join(', ')}`);
    else if (cell.unit === 'percent' && value > 100) problems.push(`${at('value')}: ${cell.value} is more than 100 percent`);
    if (cell.news !== 'true' && cell.news !== 'false') problems.push(`${at('news')}: "${cell.news}" is neither true nor false`);
    for (const column of ['source', 'source_zh', 'vintage', 'definition'] as const) if (cell[column] === '') problems.push(`${at(column)}: empty; every figure keeps its ${column}`);
    if (cell.vintage !== '' && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(cell.vintage)) problems.push(`${at('vintage')}: "${cell.vintage}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    const key = [cell.indicator, cell.area, cell.period, cell.breakdown].join(' ');
    if (seen.has(key)) problems.push(`${file}:${line}: ${key.trim()} is given twice (also line ${seen.get(key)!})`);
    seen.set(key, line);
    const unit = unitOf.get(cell.indicator);
    if (unit !== undefined && unit.unit !== cell.unit) problems.push(`${at('unit')}: ${cell.indicator} is in ${unit.unit} on line ${unit.line}, here in ${cell.unit}`);
    unitOf.set(cell.indicator, unit ?? { unit: cell.unit, line });
    if (problems.length > before) return;
    figures.push({
      indicator: cell.indicator,
      area: cell.area,
      period: cell.period,
      breakdown: cell.breakdown === '' ? null : cell.breakdown,
      value,
      valueText: cell.value,
      qualifier: cell.qualifier === 'more_than' ? 'more_than' : null,
      unit: cell.unit as FigureUnit,
      news: cell.news === 'true',
      source: cell.source,
      sourceZh: cell.source_zh,
      vintage: cell.vintage,
      definition: cell.definition,
      line,
    });
  });
  if (problems.length > 0) throw new PublishedFiguresError(problems);
  return figures;
}

let cache: readonly PublishedFigure[] | undefined;

/** The site's published figures (read once per build). */
export function loadPublishedFigures(): readonly PublishedFigure[] {
  cache ??= parsePublishedFigures(readFileSync(PUBLISHED_FIGURES_PATH, 'utf8'));
  return cache;
}

/** The file's bytes, as the site offers it for download (validated first). */
export function publishedFiguresFile(): Buffer {
  loadPublishedFigures();
  return readFileSync(PUBLISHED_FIGURES_PATH);
}

/** The figures of one indicator (optionally of one area), in period order. */
export function figuresOf(indicator: string, area?: string): PublishedFigure[] {
  return loadPublishedFigures()
    .filter((f) => f.indicator === indicator && (area === undefined || f.area === area))
    .sort((a, b) => a.period.localeCompare(b.period) || a.area.localeCompare(b.area));
}

/** The one figure of an indicator, area and period (and breakdown); throws when the file has none. */
export function figureOf(indicator: string, area: string, period: string, breakdown: string | null = null): PublishedFigure {
  const found = loadPublishedFigures().find((f) => f.indicator === indicator && f.area === area && f.period === period && f.breakdown === breakdown);
  if (found === undefined) throw new Error(`published-figures: no ${indicator} for ${area} ${period}${breakdown === null ? '' : ` ${breakdown}`} in ${PUBLISHED_FIGURES_PATH}`);
  return found;
}
