/**
 * The explorer's charts drawn at build time (linkedom, as the page does): no inline style
 * (the page's CSP forbids it), no ARIA on Plot's groups, a `data-key` on every mark a
 * reader can click, suppressed cells in words; and the titles and summaries in both
 * languages. Also: the entry script knows every parameter of a view.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, categoryChart, periodChart, regionChart, valueTickCount } from '../../src/explorer/charts.ts';
import { buildDefaultView } from '../../src/site/explorer-build-data.ts';
import { message } from '../../src/lib/explorer/catalog.ts';
import { viewSummary, viewTitle } from '../../src/lib/explorer/describe.ts';
import type { ViewRow } from '../../src/lib/explorer/rows.ts';
import { serializeState, stateForTarget } from '../../src/lib/explorer/state.ts';
import { viewTarget } from '../../src/lib/explorer/view-target.ts';
import { hasStateParams, STATE_PARAMS } from '../../src/lib/explorer/state-params.ts';

for (const locale of ['zh-CN', 'en'] as const) {
  describe(`explorer charts (${locale})`, () => {
    const { index, state, rows } = buildDefaultView(locale);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const options = { document: document as unknown as Document, catalog: index.catalog, unit: 'rate', target: null, labelledBy: 't', describedBy: 's' } as const;
    const suppressedWord = message(index.catalog, 'explorer.suppressed');
    const charts: [string, SVGSVGElement, ViewRow[]][] = [
      ['region', regionChart(rows.region ?? [], { ...options, selected: rows.region?.[0]?.key ?? null }), rows.region ?? []],
      ['period', periodChart(rows.period ?? [], { ...options, from: state.from, to: state.to }), rows.period ?? []],
      ['category', categoryChart(rows.category ?? [], { ...options, kept: ['private'] }), rows.category ?? []],
    ];

    it.each(charts)('draws the %s view without inline style, with its keys', (_view, svg, viewRows) => {
      expect(viewRows.length).toBeGreaterThan(2);
      const html = svg.outerHTML;
      expect(html).not.toMatch(/<style|\sstyle=/);
      expect(svg.querySelectorAll('g[aria-label]').length).toBe(0);
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-labelledby')).toBe('t');
      expect(svg.getAttribute('class')).toContain('chart-svg');
      const keys = new Set([...svg.querySelectorAll('[data-key]')].map((e) => e.getAttribute('data-key')));
      for (const row of viewRows) expect(keys.has(row.key), row.key).toBe(true);
      for (const row of viewRows.filter((r) => r.suppressed)) {
        expect([...svg.querySelectorAll(`[data-key="${row.key}"]`)].some((e) => (e.textContent ?? '').includes(suppressedWord))).toBe(true);
      }
    });

    it('judges the regions against a campaign target: its line labelled, bars coloured met or missed, counted in words', () => {
      const targeted = stateForTarget(index, state, 'ningxia-2020-migrant-enrollment');
      const target = viewTarget(index, targeted);
      expect(target).not.toBeNull();
      const base = rows.region![0]!;
      const region = (code: string, value: number | null): ViewRow => ({ ...base, key: code, region: code, label: code, value, suppressed: value === null });
      const regionRows = [region('640100', 0.6), region('640200', 0.55), region('640300', 0.4), region('640400', null)];
      const svg = regionChart(regionRows, { ...options, target, selected: null });
      const fill = (code: string) => svg.querySelector(`rect[data-key="${code}"]`)?.getAttribute('fill');
      expect([fill('640100'), fill('640200'), fill('640300')]).toEqual([CHART_COLORS.met, CHART_COLORS.met, CHART_COLORS.missed]);
      const texts = [...svg.querySelectorAll('text')].map((e) => e.textContent ?? '');
      expect(texts).toContain(message(index.catalog, 'explorer.chart.target', { value: '55%' }));
      const title = svg.querySelector('rect[data-key="640300"] title')?.textContent ?? '';
      expect(title).toContain(message(index.catalog, 'explorer.chart.missed'));
      expect(viewSummary(index, targeted, 'region', regionRows)).toContain(message(index.catalog, 'explorer.summary.target.region', { count: 2, total: 3, target: '55%' }));
      const trend = periodChart(rows.period ?? [], { ...options, target, from: '2018-12-31', to: '2020-12-31' });
      expect([...trend.querySelectorAll('text')].some((e) => e.textContent === target!.label(0.55))).toBe(true);
    });

    it('keeps a phone-width chart legible: gap sentences whole, other rows named by their parent first', () => {
      const base = rows.region![0]!;
      const region = (i: number): ViewRow => ({ ...base, key: `13${String(i).padStart(4, '0')}`, region: `13${String(i).padStart(4, '0')}`, label: `R${i}`, value: i / 100, suppressed: false });
      const other = (parent: string): ViewRow => ({ ...base, key: `other:${parent}`, region: 'other', parent, label: 'x', value: null, suppressed: true });
      const texts = (svg: SVGSVGElement) => [...svg.querySelectorAll('text')].map((e) => e.textContent ?? '');
      const parents = index.catalog.regions.filter((r) => r.level === 'prefecture').slice(0, 2);
      const few = texts(regionChart([region(1), region(2), ...parents.map((p) => other(p.code))], { ...options, width: 358, selected: null }));
      for (const p of parents) {
        const name = locale === 'en' ? p.name_en : p.name_zh;
        expect(few.some((text) => text.startsWith(name)), `other row of ${name}`).toBe(true);
      }
      const many = texts(regionChart(Array.from({ length: 60 }, (_, i) => region(i + 1)), { ...options, width: 358, selected: null }));
      expect(many).toContain(message(index.catalog, 'explorer.chart.gap.ranked', { count: 30 }));
    });

    it('names and summarizes each view in words', () => {
      for (const view of ['region', 'period', 'category'] as const) {
        const title = viewTitle(index, state, view);
        expect(title).toContain(index.metric(state.metric)?.label ?? '?');
        expect(viewSummary(index, state, view, rows[view] ?? []).length).toBeGreaterThan(10);
      }
      expect(viewSummary(index, state, 'region', [])).toBe(message(index.catalog, 'explorer.summary.empty'));
      // One published row among suppressed ones: not "highest X, lowest X".
      const [first, second] = rows.region!;
      const one = viewSummary(index, state, 'region', [first!, { ...second!, suppressed: true, value: null }]);
      expect(one).toContain(message(index.catalog, 'explorer.summary.ranked.one', { count: 2, name: first!.label, value: one.match(/[\d.]+%/)![0] }));
      expect(serializeState(index, state)).toBe('');
    });
  });
}

describe('value axes', () => {
  it('have as many ticks as their width holds, from 2 to 5', () => {
    expect(valueTickCount(720 - 220 - 70)).toBe(5);
    expect(valueTickCount(358 - 136 - 70)).toBe(2);
    expect(valueTickCount(60)).toBe(2);
  });
});

describe('the entry script', () => {
  it('knows every parameter of a view, so that a link to one loads it at once', () => {
    const boot = readFileSync(join(process.cwd(), 'src/explorer/boot.ts'), 'utf8');
    expect(boot).toMatch(/hasStateParams\(location\.search\)/);
    const state = readFileSync(join(process.cwd(), 'src/lib/explorer/state.ts'), 'utf8');
    const used = [...new Set([...state.matchAll(/params\.set\('([a-z]+)'/g)].map((m) => m[1]))];
    expect([...STATE_PARAMS].sort()).toEqual(used.sort());
    expect(hasStateParams('?by=ownership')).toBe(true);
    expect(hasStateParams('?utm=x')).toBe(false);
  });
});
