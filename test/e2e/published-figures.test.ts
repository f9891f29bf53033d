/**
 * The real, published figures on the built site (dist/): every value shown on the context page,
 * in its charts' tables and on the provinces' and campaigns' census sections is the value of
 * data/reference/published-figures.csv, read here from the file itself (not through the site's
 * code); every chart says whether it shows real published figures or the site's synthetic demo
 * data; the file is offered for download byte for byte; the exported images of the published
 * figures carry no synthetic-data warning.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { localePath, type Locale } from '../../src/lib/i18n.ts';

const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const SUMMARY = join(DIST, 'data', 'summary.json');
const built = existsSync(SUMMARY) && existsSync(join(DIST, 'context', 'index.html'));
const synthetic = built ? (JSON.parse(readFileSync(SUMMARY, 'utf8')) as { synthetic: boolean }).synthetic : false;
const FILE = 'data/reference/published-figures.csv';
const figures = csvParse(readFileSync(FILE, 'utf8'));
const LOCALES: Locale[] = ['zh-CN', 'en'];

function page(locale: Locale, path: string): Document {
  return parseHTML(readFileSync(join(DIST, localePath(locale, path), 'index.html'), 'utf8')).document as unknown as Document;
}

/** The number a cell shows ("28,652万人" → 28652; "286.52 million persons" → 286.52; "逾30,000万人" → 30000). */
function shown(text: string): number {
  const match = /[0-9][0-9,.]*/.exec(text.replace(/\u00a0/g, ' '));
  if (match === null) throw new Error(`no number in "${text}"`);
  return Number(match[0].replace(/,/g, ''));
}

/** What a figure should show in a language: percents as published, persons and units in 万 (Chinese) or millions (English). */
function expected(figure: Record<string, string | undefined>, locale: Locale): number {
  const value = Number(figure.value);
  const zh = locale === 'zh-CN';
  switch (figure.unit) {
    case 'ten_thousand_persons':
      return zh ? value : value / 100;
    case 'million_persons':
    case 'million_units':
      return zh ? value * 100 : value;
    default:
      return value;
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe.skipIf(!built)('published figures on the built site', () => {
  it.each(LOCALES)('lists every figure of the file on the context page, with its value, period and source (%s)', (locale) => {
    const rows = [...page(locale, '/context/').querySelectorAll('[data-testid="published-figures"] tbody tr')];
    expect(rows).toHaveLength(figures.length);
    figures.forEach((figure, i) => {
      const cells = [...rows[i]!.querySelectorAll('td')].map((c) => c.textContent!.trim());
      expect(cells[1], `${FILE} line ${String(i + 2)} period`).toBe(figure.period);
      expect(close(shown(cells[2]!), expected(figure, locale)), `${FILE} line ${String(i + 2)}: shows "${cells[2]!}" for ${figure.value} ${figure.unit!}`).toBe(true);
      expect(cells[3]).toContain(locale === 'en' ? figure.source : figure.source_zh);
      expect(cells[3]).toContain(figure.vintage);
      if (figure.qualifier === 'more_than') expect(cells[2]).toMatch(/逾|more than/);
    });
  });

  it.each(LOCALES)('charts the figures, each chart marked as real published figures, its table holding the file’s values (%s)', (locale) => {
    const doc = page(locale, '/context/');
    const charts = [...doc.querySelectorAll('figure.chart')];
    expect(charts.map((c) => c.id)).toEqual(['context-density', 'context-compare', 'context-migrants', 'context-census']);
    for (const chart of charts) {
      expect(chart.querySelector('.chart__provenance--published'), chart.id).not.toBeNull();
      expect(chart.querySelector('.chart__provenance--demo'), chart.id).toBeNull();
      expect(chart.querySelector('svg'), chart.id).not.toBeNull();
      expect(chart.querySelector('[data-testid="chart-sources"]')?.textContent, chart.id).toMatch(locale === 'en' ? /^Source: \S/ : /^出处：\S/);
    }
    const values = (id: string) => [...doc.querySelectorAll(`#${id} .chart__data tbody tr`)].map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim()));
    const of = (indicator: string, area: string, period: string) => figures.find((f) => f.indicator === indicator && f.area === area && f.period === period)!;
    for (const [year, density, coverage] of values('context-density')) {
      for (const [indicator, text] of [['union_density', density], ['bargaining_coverage', coverage]] as const) {
        const figure = of(indicator, 'CHN', year!);
        if (figure === undefined) expect(text).toBe('—');
        else expect(close(shown(text!), expected(figure, locale)), `${indicator} ${year!}`).toBe(true);
      }
    }
    expect(values('context-density')).toHaveLength(new Set(figures.filter((f) => ['union_density', 'bargaining_coverage'].includes(f.indicator!) && f.area === 'CHN').map((f) => f.period)).size);
    // The chart's labels write the values as published, not rounded (44.25%, not 44.3%).
    for (const f of figures.filter((x) => x.indicator === 'union_density' && x.period === '2017')) expect(doc.querySelector('#context-compare svg')!.textContent).toContain(`${f.value!}%`);
    expect(values('context-compare').map((r) => shown(r[1]!)).sort()).toEqual(figures.filter((f) => f.indicator === 'union_density' && f.period === '2017').map((f) => Number(f.value)).sort());
    const migrants = values('context-migrants');
    expect(migrants.map((r) => [r[0], shown(r[1]!)])).toEqual(figures.filter((f) => f.indicator === 'migrant_workers').map((f) => [f.period, expected(f, locale)]));
    const census = values('context-census');
    expect(census).toHaveLength(5);
    const survey = of('migrant_union_share', 'CHN', '2021');
    expect(doc.querySelector('[data-testid="survey-definition"]')!.textContent).toContain(`${survey.value}%`);
  });

  const provinces = [
    { path: '/regions/130000/', province: '130000' },
    { path: '/regions/450000/', province: '450000' },
    { path: '/regions/310000/', province: '310000' },
    { path: '/regions/330000/', province: '330000' },
    { path: '/campaigns/hebei-2018/', province: '130000' },
    { path: '/campaigns/guangxi-2020/', province: '450000' },
    { path: '/campaigns/shanghai-2017/', province: '310000' },
    { path: '/campaigns/shaoxing-2013/', province: '330000' },
  ];
  it.each(provinces.flatMap((p) => LOCALES.map((locale) => ({ ...p, locale }))))('shows the 2004 census of its province beside the site’s values: $path ($locale)', ({ path, province, locale }) => {
    if (!existsSync(join(DIST, localePath(locale, path), 'index.html'))) return;
    const section = page(locale, path).querySelector('[data-testid="published-census"]');
    expect(section, path).not.toBeNull();
    // Charted as real published figures, with their source.
    const chart = section!.querySelector('figure.chart');
    expect(chart?.querySelector('.chart__provenance--published'), path).not.toBeNull();
    expect(chart?.querySelector('svg.chart-svg'), path).not.toBeNull();
    expect(chart?.querySelector('[data-testid="chart-sources"]')?.textContent).toMatch(locale === 'en' ? /National Bureau of Statistics/ : /国家统计局/);
    const head = [...section!.querySelectorAll('thead th')].map((c) => c.textContent!.trim());
    expect(head[1]).toMatch(/真实|real/);
    expect(head[3]).toMatch(synthetic ? /合成演示数据|synthetic demo data/ : /./);
    const rows = [...section!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent!.trim()));
    const value = (indicator: string, area: string) => Number(figures.find((f) => f.indicator === indicator && f.area === area)!.value);
    expect(rows.map((r) => [shown(r[0]!), shown(r[1]!)])).toEqual([
      [value('census2004_union_share_units', province), value('census2004_union_share_units', 'CHN')],
      [value('census2004_member_share_workers', province), value('census2004_member_share_workers', 'CHN')],
    ]);
  });

  it('shows no census section where the file has no province figures (Ningxia)', () => {
    for (const locale of LOCALES) expect(page(locale, '/regions/640000/').querySelector('[data-testid="published-census"]')).toBeNull();
  });

  it.skipIf(!synthetic)('marks every chart of the site’s own data as synthetic demo data', () => {
    for (const locale of LOCALES) {
      for (const path of ['/regions/130000/', '/campaigns/hebei-2018/', '/metrics/coverage_all/']) {
        const charts = [...page(locale, path).querySelectorAll('figure.chart')];
        expect(charts.length, path).toBeGreaterThan(0);
        for (const chart of charts) {
          const real = chart.closest('[data-testid="published-census"]') !== null;
          expect(chart.querySelector(real ? '.chart__provenance--published' : '.chart__provenance--demo'), `${path} ${chart.id}`).not.toBeNull();
        }
      }
    }
  });

  it('offers the file for download byte for byte, and exports the charts without the synthetic-data line', () => {
    expect(readFileSync(join(DIST, 'data', 'published-figures.csv'))).toEqual(readFileSync(FILE));
    const images = readdirSync(join(DIST, 'images'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svg'));
    const context = images.filter((f) => /context-(national|\d{6})-/.test(f));
    expect(context.length).toBeGreaterThanOrEqual(8);
    for (const file of context) expect(readFileSync(join(DIST, 'images', file), 'utf8')).not.toMatch(/合成演示数据|Synthetic demo data/);
    const region = images.find((f) => f.includes('region-130000-trends') && f.endsWith('.en.svg'))!;
    if (synthetic) expect(readFileSync(join(DIST, 'images', region), 'utf8')).toMatch(/Synthetic demo data/);
  });
});
