/**
 * The explorer's form and its state, both ways: the state after a control changed
 * ({@link stateFromControl}), and the controls showing a state ({@link syncForm}: the
 * levels below the chosen region, the metric's breakdowns and their categories, the
 * selected region).
 */
import { regionLevels } from '../lib/contract/published-vocabulary.ts';
import { message, type CatalogIndex, type Dimension } from '../lib/explorer/catalog.ts';
import { stateForTarget, type ExplorerState, type TableView } from '../lib/explorer/state.ts';
import { requiredElement } from './required-element.ts';

/** The state after a control of `form` changed (the state unchanged for anything else). */
export function stateFromControl(form: HTMLFormElement, index: CatalogIndex, state: ExplorerState, target: EventTarget | null): ExplorerState {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return state;
  const value = target.value;
  switch (target.name) {
    case 'm':
      return { ...state, metric: value, target: null, dimension: null, categories: [] };
    case 'target':
      return value === '' ? { ...state, target: null } : stateForTarget(index, state, value);
    case 'from':
      return { ...state, from: value, to: value > state.to ? value : state.to };
    case 'to':
      return { ...state, to: value, from: value < state.from ? value : state.from };
    case 'in':
      return { ...state, scope: value === '' ? null : value, selected: null };
    case 'level':
      return { ...state, level: value as ExplorerState['level'], selected: null };
    case 'by':
      return { ...state, dimension: value === '' ? null : (value as Dimension), categories: [] };
    case 'only': {
      const checked = [...form.querySelectorAll<HTMLInputElement>('input[name="only"]:checked')].map((i) => i.value);
      return { ...state, categories: checked };
    }
    case 'lines':
      return { ...state, split: (target as HTMLInputElement).checked };
    case 'cmp':
      return { ...state, compare: target instanceof HTMLSelectElement ? [...target.selectedOptions].map((o) => o.value) : state.compare };
    case 'table':
      return { ...state, table: value as TableView };
    default:
      return state;
  }
}

/** Make the controls of `form` show `state`. */
export function syncForm(form: HTMLFormElement, index: CatalogIndex, state: ExplorerState): void {
  const catalog = index.catalog;
  const m = (key: string, params: Readonly<Record<string, string | number>> = {}) => message(catalog, key, params);
  const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
  const set = (name: string, value: string) => {
    const el = select(name);
    if (el !== null && el.value !== value) el.value = value;
  };
  set('m', state.metric);
  set('target', state.target ?? '');
  set('from', state.from);
  set('to', state.to);
  set('in', state.scope ?? '');
  set('table', state.table);
  // Levels below the scope only.
  const level = select('level');
  if (level !== null) {
    const scopeLevel = state.scope === null ? null : (index.region(state.scope)?.level ?? null);
    for (const option of level.options) {
      const l = option.value as ExplorerState['level'];
      option.disabled = (scopeLevel !== null && regionLevels.indexOf(l) <= regionLevels.indexOf(scopeLevel)) || index.regionsAt(l, state.scope).length === 0;
    }
    level.value = state.level;
  }
  // The metric's breakdowns.
  const by = select('by');
  const breakdowns = index.metric(state.metric)?.breakdowns ?? [];
  if (by !== null) {
    const wanted = breakdowns.length === 0 ? [''] : breakdowns;
    const current = [...by.options].map((o) => o.value);
    if (current.join(',') !== wanted.join(',')) {
      by.replaceChildren(
        ...wanted.map((d) => {
          const option = document.createElement('option');
          option.value = d;
          option.textContent = d === '' ? m('explorer.controls.by.none') : catalog.dimensions[d as Dimension].label;
          return option;
        }),
      );
    }
    by.value = state.dimension ?? '';
  }
  // The categories of the breakdown.
  const options = requiredElement<HTMLElement>(form, '[data-only-options]');
  const dimension = state.dimension;
  const codes = dimension === null ? [] : catalog.dimensions[dimension].categories.map((c) => c.code);
  const shown = [...options.querySelectorAll<HTMLInputElement>('input[name="only"]')].map((i) => i.value);
  if (shown.join(',') !== codes.join(',') || dimension === null) {
    if (dimension === null) {
      const p = document.createElement('p');
      p.className = 'explorer-only__none';
      p.textContent = m('explorer.controls.only.none');
      options.replaceChildren(p);
    } else {
      options.replaceChildren(
        ...catalog.dimensions[dimension].categories.map((c) => {
          const label = document.createElement('label');
          label.className = 'explorer-check';
          const input = document.createElement('input');
          input.type = 'checkbox';
          input.name = 'only';
          input.value = c.code;
          const span = document.createElement('span');
          span.textContent = c.label;
          label.append(input, span);
          return label;
        }),
      );
    }
  }
  for (const input of options.querySelectorAll<HTMLInputElement>('input[name="only"]')) input.checked = state.categories.includes(input.value);
  // One line per category in the trend: only with a breakdown.
  const lines = form.querySelector<HTMLInputElement>('input[name="lines"]');
  if (lines !== null) {
    lines.checked = state.split;
    lines.disabled = state.dimension === null || state.compare.length > 0;
  }
  // The regions the trend compares: those of the level listed.
  const compare = form.querySelector<HTMLSelectElement>('select[name="cmp"]');
  if (compare !== null) {
    const regions = index.regionsAt(state.level, state.scope);
    const codes = regions.map((r) => r.code);
    if ([...compare.options].map((o) => o.value).join() !== codes.join()) {
      compare.replaceChildren(
        ...regions.map((r) => {
          const option = document.createElement('option');
          option.value = r.code;
          option.textContent = index.regionName(r.code);
          return option;
        }),
      );
    }
    for (const option of compare.options) option.selected = state.compare.includes(option.value);
  }
  // The selected region.
  const selected = requiredElement<HTMLElement>(form, '[data-selected]');
  selected.hidden = state.selected === null;
  requiredElement<HTMLElement>(selected, '[data-selected-name]').textContent =
    state.selected === null ? '' : m('explorer.controls.selected', { name: index.regionName(state.selected) });
}
