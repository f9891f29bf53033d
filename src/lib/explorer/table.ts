/**
 * The table under the charts, as data: its caption, headers and the text of every cell,
 * built from the rows of the view the reader chose. The page renders it at build time
 * (Astro) and the browser re-renders it (DOM) from the same model, so both show the same
 * text; a suppressed cell shows the word for it, never a number.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { formatDate, formatNumber, formatValue, MISSING } from '../format.ts';
import { OTHER, message, type CatalogIndex } from './catalog.ts';
import { unavailableText, viewTitle } from './describe.ts';
import type { ViewKind } from './query.ts';
import { keyParts, type ViewRow } from './rows.ts';
import type { ExplorerState } from './state.ts';
import { unavailableReason } from './view-availability.ts';

/** A column of the table. */
export interface TableColumn {
  readonly label: string;
  readonly numeric: boolean;
}

/** A row of the table. */
export interface TableRow {
  readonly key: string;
  /** The first cell: what the row is about. */
  readonly label: string;
  /** Whether choosing the row filters the other views (not for `other` rows). */
  readonly pickable: boolean;
  /** Whether the row is the current choice (selected region, period `to`, kept category). */
  readonly pressed: boolean;
  readonly suppressed: boolean;
  /** Text of the other cells, in column order. */
  readonly cells: readonly string[];
}

/** The table of a view. */
export interface TableModel {
  readonly view: ViewKind;
  readonly caption: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Said in place of the rows when there are none: why the view is unavailable, or that nothing is published. */
  readonly note: string | null;
}

/**
 * The regions by category: a row per region, a column per category (in the breakdown's
 * order, `other` last), each cell the category's value or the word for suppressed.
 */
function matrixModel(index: CatalogIndex, state: ExplorerState, rows: readonly ViewRow[]): TableModel {
  const { catalog } = index;
  const unit = index.metric(state.metric)?.unit ?? 'rate';
  const suppressedWord = message(catalog, 'explorer.suppressed');
  const categories: { code: string; name: string }[] = [];
  for (const row of rows) if (!categories.some((c) => c.code === row.category)) categories.push({ code: row.category, name: row.categoryName });
  const regions = new Map<string, ViewRow[]>();
  for (const row of rows) {
    const key = keyParts(row.key)[0];
    const list = regions.get(key);
    if (list === undefined) regions.set(key, [row]);
    else list.push(row);
  }
  return {
    view: 'matrix',
    caption: viewTitle(index, state, 'matrix'),
    note: null,
    columns: [{ label: message(catalog, 'explorer.table.first.matrix'), numeric: false }, ...categories.map((c) => ({ label: c.name, numeric: true }))],
    rows: [...regions].map(([key, cells]) => {
      const first = cells[0]!;
      return {
        key,
        label: first.label,
        pickable: first.region !== OTHER,
        pressed: state.selected === key,
        suppressed: cells.every((c) => c.suppressed),
        cells: categories.map((c) => {
          const cell = cells.find((r) => r.category === c.code);
          if (cell === undefined) return MISSING;
          return cell.suppressed ? suppressedWord : formatValue(catalog.locale, cell.value, unit, { fixed: unit === 'rate' });
        }),
      };
    }),
  };
}

/** The table of a view's rows. */
export function tableModel(index: CatalogIndex, state: ExplorerState, view: ViewKind, rows: readonly ViewRow[]): TableModel {
  const model = view === 'matrix' ? matrixModel(index, state, rows) : rowsModel(index, state, view, rows);
  if (model.rows.length > 0) return model;
  const reason = unavailableReason(index, state, view);
  return { ...model, note: reason === null ? message(index.catalog, 'explorer.summary.empty') : unavailableText(index, reason) };
}

function rowsModel(index: CatalogIndex, state: ExplorerState, view: Exclude<ViewKind, 'matrix'>, rows: readonly ViewRow[]): TableModel {
  const { catalog } = index;
  const unit = index.metric(state.metric)?.unit ?? 'rate';
  const m = (key: string) => message(catalog, key);
  const suppressedWord = m('explorer.suppressed');
  const number = (v: number | null) => (v === null ? MISSING : formatNumber(catalog.locale, v));
  const first = m(`explorer.table.first.${view}`);
  const columns: TableColumn[] = [
    { label: first, numeric: false },
    { label: m('explorer.table.value'), numeric: true },
    { label: m('explorer.table.numerator'), numeric: true },
  ];
  if (unit === 'rate') columns.push({ label: m('explorer.table.denominator'), numeric: true });
  columns.push({ label: m('explorer.table.population'), numeric: true });
  const kept = new Set(state.categories);
  return {
    view,
    caption: viewTitle(index, state, view),
    note: null,
    columns,
    rows: rows.map((row) => {
      const cells = [
        row.suppressed ? suppressedWord : formatValue(catalog.locale, row.value, unit, { fixed: unit === 'rate' }),
        row.suppressed ? MISSING : number(row.numerator),
      ];
      if (unit === 'rate') cells.push(row.suppressed ? MISSING : number(row.denominator));
      cells.push(row.suppressed ? MISSING : number(row.population));
      const pickable = view === 'period' || (view === 'region' ? row.region !== OTHER : row.category !== OTHER);
      const pressed = view === 'region' ? state.selected === row.key : view === 'period' ? state.to === row.period : kept.has(row.key);
      return {
        key: row.key,
        label:
          view === 'period'
            ? keyParts(row.key)[1] !== null
              ? `${formatDate(catalog.locale, row.period)} · ${state.compare.length > 0 ? row.regionName : row.categoryName}`
              : formatDate(catalog.locale, row.period)
            : row.label,
        pickable,
        pressed,
        suppressed: row.suppressed,
        cells,
      };
    }),
  };
}
