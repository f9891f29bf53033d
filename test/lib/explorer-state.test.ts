/**
 * The explorer's state in the URL (src/lib/explorer/state.ts): defaults, normalization, a
 * link reopening the same view (property test), what a link with unknown values reports,
 * campaign targets; and the catalog the page embeds.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/site/explorer-build-data.ts';
import { regionLevels } from '../../src/lib/contract/published.ts';
import { DIMENSIONS, codePrefix, indexCatalog, type CatalogIndex } from '../../src/lib/explorer/catalog.ts';
import {
  TABLE_VIEWS,
  defaultState,
  focusRegion,
  normalizeState,
  parseState,
  sameState,
  serializeState,
  stateForTarget,
  type ExplorerState,
} from '../../src/lib/explorer/state.ts';
import { hasStateParams } from '../../src/lib/explorer/state-params.ts';

let index: CatalogIndex;

beforeAll(() => {
  index = indexCatalog(buildCatalog('zh-CN'));
});

/** Arbitrary states, valid or not, built from the catalog's values and some junk. */
function states(): fc.Arbitrary<ExplorerState> {
  const { catalog } = index;
  const codes = catalog.regions.map((r) => r.code);
  const categories = DIMENSIONS.flatMap((d) => catalog.dimensions[d].categories.map((c) => c.code));
  return fc.record({
    metric: fc.constantFrom(...catalog.metrics.map((m) => m.id), 'nope'),
    target: fc.option(fc.constantFrom(...catalog.targets.map((t) => t.id), 'nope'), { nil: null }),
    from: fc.constantFrom(...catalog.periods),
    to: fc.constantFrom(...catalog.periods),
    scope: fc.option(fc.constantFrom(...codes), { nil: null }),
    level: fc.constantFrom(...regionLevels),
    selected: fc.option(fc.constantFrom(...codes), { nil: null }),
    dimension: fc.option(fc.constantFrom(...DIMENSIONS), { nil: null }),
    categories: fc.subarray(categories, { maxLength: 6 }),
    split: fc.boolean(),
    compare: fc.subarray(codes, { maxLength: 4 }),
    table: fc.constantFrom(...TABLE_VIEWS),
    sql: fc.option(fc.string({ maxLength: 80 }), { nil: null }),
  });
}

describe('explorer state', () => {
  it('opens on the headline metric, the latest period, prefectures, no filter', () => {
    const state = defaultState(index);
    expect(state.metric).toBe('coverage_all');
    expect(state.to).toBe(index.catalog.vintage);
    expect(state.from).toBe(index.catalog.periods[0]);
    expect(state.level).toBe('prefecture');
    expect(state.dimension).toBe('ownership');
    expect(state.categories).toEqual([]);
    expect(serializeState(index, state)).toBe('');
    expect(normalizeState(index, state)).toEqual(state);
  });

  it('reopens the same view from its link, for any state (normalized)', () => {
    fc.assert(
      fc.property(states(), (raw) => {
        const state = normalizeState(index, raw);
        expect(normalizeState(index, state)).toEqual(state);
        const search = serializeState(index, state);
        const { state: parsed, problems } = parseState(index, search);
        expect(problems).toEqual([]);
        expect(sameState(parsed, state)).toBe(true);
        expect(hasStateParams(search)).toBe(search !== '');
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a normalized state consistent', () => {
    fc.assert(
      fc.property(states(), (raw) => {
        const s = normalizeState(index, raw);
        const metric = index.metric(s.metric);
        expect(metric).toBeDefined();
        expect(s.from <= s.to).toBe(true);
        if (s.scope !== null) {
          const scope = index.region(s.scope);
          expect(scope?.level).not.toBe('county');
          expect(regionLevels.indexOf(s.level)).toBeGreaterThan(regionLevels.indexOf(scope?.level ?? 'province'));
        }
        if (s.selected !== null) {
          expect(index.region(s.selected)?.level).toBe(s.level);
          if (s.scope !== null) expect(index.isBelow(s.selected, s.scope)).toBe(true);
        }
        if (s.dimension !== null) expect(metric?.breakdowns).toContain(s.dimension);
        else expect(metric?.breakdowns).toEqual([]);
        const known = s.dimension === null ? [] : index.catalog.dimensions[s.dimension].categories.map((c) => c.code);
        for (const c of s.categories) expect(known).toContain(c);
        expect(s.categories.length).toBeLessThan(Math.max(1, known.length));
        if (s.target !== null) expect(index.target(s.target)?.metric).toBe(s.metric);
        expect(focusRegion(s)).toBe(s.selected ?? s.scope);
      }),
      { numRuns: 400 },
    );
  });

  it('reports what a link asked for and did not get, and still opens', () => {
    const { state, problems } = parseState(index, 'm=nope&level=city&sel=999999&only=nope&by=nope&table=pie&to=2030-12-31');
    expect(state).toEqual(defaultState(index));
    expect(problems.map((p) => p.param).sort()).toEqual(['by', 'level', 'm', 'only', 'sel', 'table', 'to']);
  });

  it('writes a readable, stable query string', () => {
    const state = normalizeState(index, {
      ...defaultState(index),
      metric: 'member_rate',
      scope: '130000',
      level: 'county',
      dimension: 'ownership',
      categories: ['private', 'foreign'],
      table: 'period',
    });
    // Levels below a province with districts and counties; categories in the catalog's order.
    expect(serializeState(index, state)).toBe('m=member_rate&in=130000&level=county&only=private,foreign&table=period');
  });

  it('treats all categories kept as no filter', () => {
    const all = index.catalog.dimensions.ownership.categories.map((c) => c.code);
    expect(normalizeState(index, { ...defaultState(index), categories: all }).categories).toEqual([]);
  });

  it('lists the districts of a municipality, which has no prefectures', () => {
    const shanghai = normalizeState(index, { ...defaultState(index), scope: '310000', level: 'prefecture' });
    expect(shanghai.level).toBe('county');
    expect(index.regionsAt('county', '310000').length).toBeGreaterThan(0);
  });

  it('opens a campaign target on its metric, region and group', () => {
    for (const target of index.catalog.targets) {
      const state = stateForTarget(index, defaultState(index), target.id);
      expect(state.target).toBe(target.id);
      expect(state.metric).toBe(target.metric);
      const region = index.region(target.scope);
      expect(state.scope).toBe(region?.level === 'county' ? null : target.scope);
      if (target.group !== null) {
        expect(state.dimension).toBe('group');
        expect(state.categories).toEqual([target.group]);
      }
      const { state: parsed } = parseState(index, serializeState(index, state));
      expect(sameState(parsed, state)).toBe(true);
    }
    // At its deadline: the last period at or before it (Ningxia's 55% by the end of 2020).
    const ningxia = stateForTarget(index, defaultState(index), 'ningxia-2020-migrant-enrollment');
    expect(ningxia.to).toBe('2020-12-31');
    expect(ningxia.scope).toBe('640000');
    for (const t of index.catalog.targets) {
      const opened = stateForTarget(index, defaultState(index), t.id);
      const expected = t.deadline === null ? defaultState(index).to : (index.catalog.periods.filter((p) => p <= t.deadline!).at(-1) ?? defaultState(index).to);
      expect(opened.to, t.id).toBe(expected);
    }
    // A link naming only the target opens the target's view; one naming more keeps what it names.
    expect(sameState(parseState(index, 'target=ningxia-2020-migrant-enrollment').state, ningxia)).toBe(true);
    const mine = parseState(index, 'target=ningxia-2020-migrant-enrollment&level=county').state;
    expect([mine.target, mine.level, mine.scope, mine.to]).toEqual(['ningxia-2020-migrant-enrollment', 'county', null, defaultState(index).to]);
    // A target's state always names its level, so that its link is never read as the bare target.
    const moved = normalizeState(index, { ...ningxia, scope: null, level: defaultState(index).level, from: defaultState(index).from, to: defaultState(index).to, dimension: null });
    expect(sameState(parseState(index, serializeState(index, moved)).state, moved)).toBe(true);
    // A link with a target and no metric opens the target's metric.
    const target = index.catalog.targets.find((t) => t.metric !== 'coverage_all');
    expect(parseState(index, `target=${target?.id ?? ''}`).state.metric).toBe(target?.metric);
  });
});

describe('explorer catalog', () => {
  it('names every region, in both languages, with codes nested by prefix', () => {
    for (const region of index.catalog.regions) {
      expect(region.name_zh).not.toBe('');
      expect(region.name_en).not.toBe('');
      if (region.parent !== null) {
        const parent = index.region(region.parent);
        expect(parent, region.code).toBeDefined();
        expect(region.code.startsWith(codePrefix(region.parent, parent?.level ?? 'province')), region.code).toBe(true);
      }
    }
  });

  it('has labels for every category and dimension, and only explorer messages', () => {
    for (const d of DIMENSIONS) {
      expect(index.catalog.dimensions[d].label).not.toBe(d);
      for (const c of index.catalog.dimensions[d].categories) expect(c.label).not.toBe('');
    }
    expect(index.catalog.dimensions.size_band.categories.map((c) => c.label)).toContain('1000人及以上');
    expect(Object.keys(index.catalog.messages).every((k) => k.startsWith('explorer.'))).toBe(true);
    expect(index.catalog.targets.length).toBeGreaterThan(10);
    expect(index.catalog.cube.rows).toBeGreaterThan(0);
  });
});
