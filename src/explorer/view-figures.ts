/**
 * The explorer's three linked views (by region, over time, by category), each a figure
 * with its title, chart, summary in words and SQL. A view is redrawn only when what it
 * shows changed (its rows, what is highlighted, the target, the width); a view with no
 * query, no rows, a failed query or a chart that could not be drawn says so in words.
 */
import { message, type CatalogIndex } from '../lib/explorer/catalog.ts';
import { unavailableText, viewSummary, viewTitle } from '../lib/explorer/describe.ts';
import type { ChartView, ViewKind, ViewQuery } from '../lib/explorer/query.ts';
import type { ViewRow } from '../lib/explorer/rows.ts';
import type { ExplorerState } from '../lib/explorer/state.ts';
import { viewTarget } from '../lib/explorer/view-target.ts';
import { categoryChart, periodChart, regionChart } from './charts.ts';
import type { ElementWidths } from './element-widths.ts';
import { requiredElement } from './required-element.ts';

/** The views, in page order. */
export const VIEWS: readonly ChartView[] = ['region', 'period', 'category'];

/** Elements of one view's figure. */
interface ViewElements {
  readonly figure: HTMLElement;
  readonly title: HTMLElement;
  readonly body: HTMLElement;
  readonly summary: HTMLElement;
  readonly sql: HTMLElement;
}

/** The three view figures of the explorer on `root`. */
export class ViewFigures {
  private readonly elements: Record<ChartView, ViewElements>;
  /** What each view was last drawn from. */
  private readonly drawn = new Map<ChartView, string>();
  private readonly index: CatalogIndex;
  private readonly bodyWidths: ElementWidths;

  /** `widths`: the widths of the views' bodies, as laid out (observed by the entry script). */
  constructor(root: HTMLElement, index: CatalogIndex, widths: ElementWidths) {
    this.index = index;
    this.bodyWidths = widths;
    const figure = (view: ChartView): ViewElements => {
      const el = requiredElement<HTMLElement>(root, `[data-view="${view}"]`);
      return {
        figure: el,
        title: requiredElement(el, '[data-title]'),
        body: requiredElement(el, '[data-body]'),
        summary: requiredElement(el, '[data-summary]'),
        sql: requiredElement(el, '[data-sql]'),
      };
    };
    this.elements = { region: figure('region'), period: figure('period'), category: figure('category') };
  }

  /** The width each view's chart is drawn at, from the last layout. */
  widths(): number[] {
    return VIEWS.map((view) => Math.max(320, Math.min(1100, Math.round(this.bodyWidths.width(this.elements[view].body) || 720))));
  }

  /** Mark the views as busy (showing an earlier choice while the new one loads), for assistive technology. */
  setBusy(busy: boolean): void {
    for (const view of VIEWS) {
      if (busy) this.elements[view].figure.setAttribute('aria-busy', 'true');
      else this.elements[view].figure.removeAttribute('aria-busy');
    }
  }

  /** Show each view's SQL. */
  showSql(queries: Readonly<Record<ViewKind, ViewQuery>>): void {
    for (const view of VIEWS) {
      const query = queries[view];
      this.elements[view].sql.textContent = query.kind === 'query' ? query.sql : '';
    }
  }

  /** The SQL a view shows. */
  sql(view: ChartView): string {
    return this.elements[view].sql.textContent ?? '';
  }

  /** Draw a view from its query's outcome: its rows, the error, or null when it has no query. */
  render(state: ExplorerState, view: ChartView, query: ViewQuery, outcome: ViewRow[] | Error | null, width: number): void {
    const el = this.elements[view];
    const m = (key: string, params: Readonly<Record<string, string | number>> = {}) => message(this.index.catalog, key, params);
    el.title.textContent = viewTitle(this.index, state, view);
    const highlight = view === 'region' ? state.selected : view === 'period' ? `${state.from}|${state.to}` : state.categories.join(',');
    const key = JSON.stringify([
      query.kind === 'query' ? query.sql : query.reason,
      outcome instanceof Error ? outcome.message : outcome === null ? null : outcome.length,
      highlight,
      state.target,
      width,
    ]);
    if (this.drawn.get(view) === key) return;
    this.drawn.set(view, key);
    const note = (text: string, error = false) => {
      const p = document.createElement('p');
      p.className = error ? 'explorer-view__message explorer-view__message--error' : 'explorer-view__message';
      if (error) p.setAttribute('role', 'alert');
      p.textContent = text;
      el.body.replaceChildren(p);
      el.summary.textContent = '';
      el.figure.dataset.state = error ? 'error' : 'message';
    };
    if (query.kind === 'unavailable') return note(unavailableText(this.index, query.reason));
    if (outcome instanceof Error) return note(m('explorer.error.query', { detail: outcome.message }), true);
    if (outcome === null || outcome.length === 0) return note(m('explorer.summary.empty'));
    const metric = this.index.metric(state.metric);
    const options = {
      document,
      catalog: this.index.catalog,
      unit: metric?.unit ?? 'rate',
      target: viewTarget(this.index, state),
      labelledBy: el.title.id,
      describedBy: el.summary.id,
      width,
    } as const;
    let svg: SVGSVGElement;
    try {
      if (view === 'region') svg = regionChart(outcome, { ...options, selected: state.selected });
      else if (view === 'period') svg = periodChart(outcome, { ...options, from: state.from, to: state.to });
      else svg = categoryChart(outcome, { ...options, kept: state.categories });
    } catch (error) {
      this.drawn.delete(view);
      return note(m('explorer.error.draw', { detail: error instanceof Error ? error.message : String(error) }), true);
    }
    el.body.replaceChildren(svg);
    el.summary.textContent = viewSummary(this.index, state, view, outcome);
    el.figure.dataset.state = 'chart';
  }
}
