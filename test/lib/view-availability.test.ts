/**
 * Which views the publication can answer (src/lib/explorer/view-availability.ts): the one
 * rule that the views' SQL and their computation from the slices both read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/site/explorer-build-data.ts';
import { indexCatalog, type CatalogIndex } from '../../src/lib/explorer/catalog.ts';
import { viewQueries } from '../../src/lib/explorer/query.ts';
import { TABLE_VIEWS, defaultState, normalizeState, type ExplorerState } from '../../src/lib/explorer/state.ts';
import { unavailableReason } from '../../src/lib/explorer/view-availability.ts';
import { tableModel } from '../../src/lib/explorer/table.ts';
import { message } from '../../src/lib/explorer/catalog.ts';

let index: CatalogIndex;
let county: string;
let province: string;
let category: string;

beforeAll(() => {
  index = indexCatalog(buildCatalog('en'));
  county = index.catalog.regions.find((r) => r.level === 'county')!.code;
  province = index.catalog.regions.find((r) => r.level === 'province')!.code;
  category = index.catalog.dimensions.ownership.categories[0]!.code;
});

const state = (change: Partial<ExplorerState>): ExplorerState => normalizeState(index, { ...defaultState(index), dimension: 'ownership', ...change });

describe('view availability', () => {
  it('answers every view of provinces with breakdowns', () => {
    for (const view of TABLE_VIEWS) expect(unavailableReason(index, state({ level: 'province' }), view), view).toBeNull();
  });

  it('says a prefecture’s categories are not published, wherever a view would need them', () => {
    const prefecture = index.catalog.regions.find((r) => r.level === 'prefecture')!.code;
    // The default lists prefectures: their totals, and the provinces' categories, are published.
    expect(unavailableReason(index, state({}), 'region')).toBeNull();
    expect(unavailableReason(index, state({}), 'category')).toBeNull();
    expect(unavailableReason(index, state({}), 'matrix')).toBe('totals_only');
    expect(unavailableReason(index, state({ categories: [category] }), 'region')).toBe('totals_only');
    const atPrefecture = state({ selected: prefecture });
    expect(atPrefecture.selected).toBe(prefecture);
    expect(unavailableReason(index, atPrefecture, 'category')).toBe('totals_only');
    expect(unavailableReason(index, atPrefecture, 'period')).toBeNull();
    expect(unavailableReason(index, { ...atPrefecture, split: true }, 'period')).toBe('totals_only');
    const inProvince = state({ scope: province, level: 'prefecture' });
    expect(unavailableReason(index, inProvince, 'category')).toBeNull();
    // The eight groups are published for prefectures too.
    const groups = state({ metric: 'group_enrollment_rate', dimension: 'group', selected: prefecture });
    expect([groups.dimension, groups.selected]).toEqual(['group', prefecture]);
    expect(unavailableReason(index, groups, 'category')).toBeNull();
    expect(unavailableReason(index, groups, 'matrix')).toBeNull();
    expect(unavailableReason(index, { ...groups, level: 'county', selected: null }, 'matrix')).toBe('totals_only');
  });

  it('says a county’s categories are not published, wherever a view would need them', () => {
    const kept = state({ level: 'county', categories: [category] });
    expect(unavailableReason(index, kept, 'region')).toBe('totals_only');
    expect(unavailableReason(index, state({ level: 'county' }), 'matrix')).toBe('totals_only');
    const atCounty = state({ level: 'county', selected: county });
    expect(atCounty.selected).toBe(county);
    expect(unavailableReason(index, atCounty, 'category')).toBe('totals_only');
    expect(unavailableReason(index, { ...atCounty, split: true }, 'period')).toBe('totals_only');
    // The county's own total over time is published.
    expect(unavailableReason(index, atCounty, 'period')).toBeNull();
    // Regions side by side are of the level shown: counties with a category kept are not published.
    expect(unavailableReason(index, { ...kept, compare: [county] }, 'period')).toBe('totals_only');
    expect(unavailableReason(index, state({ level: 'province', categories: [category], compare: [province] }), 'period')).toBeNull();
  });

  it('says in the empty table why it has no rows', () => {
    const prefecture = index.catalog.regions.find((r) => r.level === 'prefecture')!.code;
    const atPrefecture = state({ selected: prefecture, table: 'category' });
    expect(tableModel(index, atPrefecture, 'category', []).note).toBe(message(index.catalog, 'explorer.unavailable.totals_only'));
    expect(tableModel(index, state({ level: 'province' }), 'matrix', []).note).toBe(message(index.catalog, 'explorer.summary.empty'));
    expect(tableModel(index, state({}), 'region', []).note).toBe(message(index.catalog, 'explorer.summary.empty'));
  });

  it('has no category view or regions-by-category table without a breakdown', () => {
    const none = { ...state({}), dimension: null };
    expect(unavailableReason(index, none, 'category')).toBe('no_breakdowns');
    expect(unavailableReason(index, none, 'matrix')).toBe('no_breakdowns');
    expect(unavailableReason(index, none, 'region')).toBeNull();
  });

  it('is what the views’ SQL says', () => {
    for (const s of [state({}), state({ level: 'province' }), state({ categories: [category] }), state({ level: 'county', categories: [category] }), state({ level: 'county', selected: county }), { ...state({}), dimension: null }]) {
      const queries = viewQueries(index, s);
      for (const view of TABLE_VIEWS) {
        const reason = unavailableReason(index, s, view);
        expect(queries[view].kind === 'unavailable' ? queries[view].reason : null, `${view} of ${JSON.stringify(s)}`).toBe(reason);
      }
    }
  });
});
