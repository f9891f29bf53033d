/**
 * The charts of the national context page (both languages), drawn from the real, published
 * figures of data/reference/published-figures.csv, never from the site's data: union density
 * and bargaining coverage over time, density in 2017 beside Japan, Korea and the United
 * States, the migrant-worker totals, and the 2004 economic census by province. Each chart
 * carries its sources and is marked as published figures (ChartSpec.provenance), so that no
 * reader takes it for the site's (possibly synthetic) data. Build-time only.
 */
import { dotPlotSummaries, dotPlotSvg, DOT_STYLES, type DotPlotInput } from '../charts/dot-plot.ts';
import { rankedBarsSummary, rankedBarsSvg, type RankedBarsInput } from '../charts/ranked-bars.ts';
import { yearLinesSummaries, yearLinesSvg, YEAR_LINE_COLORS, type YearLinesInput } from '../charts/year-lines.ts';
import type { ChartSpec } from '../lib/chart-spec.ts';
import { formatValue } from '../lib/format.ts';
import { t, type Locale, type MessageKey } from '../lib/i18n.ts';
import type { TableRow } from '../lib/site-tables.ts';
import { chartAttrs, chartDocument } from './site-charts.ts';
import { oncePerLocale } from './once-per-locale.ts';
import { figureOf, figuresOf, type PublishedFigure } from './published-figures.ts';

/** The provinces whose 2004 census shares are published (and whose campaigns the site follows). */
export const CENSUS_PROVINCES = ['130000', '450000', '310000', '330000'] as const;

/** The context page's charts, by name (also their catalogue names). */
export interface ContextCharts {
  readonly density: ChartSpec;
  readonly compare: ChartSpec;
  readonly migrants: ChartSpec;
  readonly census: ChartSpec;
}

/** The names of the context charts, in page order. */
export const CONTEXT_CHARTS = ['density', 'compare', 'migrants', 'census'] as const;

/** An indicator's name in a language. */
export function indicatorLabel(locale: Locale, indicator: string): string {
  return t(locale, `context.indicator.${indicator}` as MessageKey);
}

/** An area's name (a country by ISO code, or a province by GB/T 2260 code) in a language. */
export function areaLabel(locale: Locale, area: string): string {
  return t(locale, `context.area.${area.toLowerCase()}` as MessageKey);
}

/**
 * A published figure as text: percents as published ("44.25%"), persons and units in the
 * reader's usual unit (万 in Chinese, millions in English: "28,652万人", "286.52 million
 * persons"), "more than" where the source says so.
 */
export function figureText(locale: Locale, figure: PublishedFigure): string {
  const zh = locale === 'zh-CN';
  const [key, value]: [MessageKey, number] =
    figure.unit === 'percent'
      ? ['context.unit.percent', figure.value]
      : figure.unit === 'ten_thousand_persons'
        ? ['context.unit.persons', zh ? figure.value : figure.value / 100]
        : figure.unit === 'million_persons'
          ? ['context.unit.persons', zh ? figure.value * 100 : figure.value]
          : figure.unit === 'million_units'
            ? ['context.unit.units_million', zh ? figure.value * 100 : figure.value]
            : ['context.unit.units', figure.value];
  // As many decimals as the published value has (44.25, 18.1), so that nothing is rounded.
  const given = (figure.valueText.split('.')[1] ?? '').length;
  const scaled = figure.unit === 'percent' || figure.unit === 'units' ? 0 : 2;
  const text = t(locale, key, {
    value: new Intl.NumberFormat(locale, { minimumFractionDigits: scaled === 0 ? given : 0, maximumFractionDigits: given + scaled }).format(value),
  });
  return figure.qualifier === 'more_than' ? t(locale, 'context.more_than', { value: text }) : text;
}

/** Where a figure comes from, in one line: source, vintage, and the press-copy caveat. */
export function figureSource(locale: Locale, figure: PublishedFigure): string {
  const zh = locale === 'zh-CN';
  return `${zh ? figure.sourceZh : figure.source}${zh ? '（' : ' ('}${figure.vintage}${zh ? '）' : ')'}${figure.news ? ` · ${t(locale, 'context.news')}` : ''}`;
}

/** The distinct sources of some figures, for a chart's source line. */
function sourcesOf(locale: Locale, figures: readonly PublishedFigure[]): string[] {
  return [...new Set(figures.map((f) => figureSource(locale, f)))];
}

/** A percent figure as a rate (44.25 → 0.4425), for the charts. */
const rate = (f: PublishedFigure) => f.value / 100;

const built = oncePerLocale((locale): ContextCharts => buildContextCharts(locale));

const builtProvince = oncePerLocale((locale, province): ChartSpec => censusDots(locale, [province, 'CHN'], `context-census-${province}`, t(locale, 'context.chart.province.title', { name: areaLabel(locale, province) })));

/**
 * The 2004 census shares of one province beside the national ones, as a chart of real published
 * figures (for the province's and its campaigns' pages); undefined for a province the file has
 * no census figures for.
 */
export function provinceCensusChart(locale: Locale, province: string): ChartSpec | undefined {
  return (CENSUS_PROVINCES as readonly string[]).includes(province) ? builtProvince(locale, province) : undefined;
}

/** The context charts in one language (computed once per build). */
export function contextCharts(locale: Locale): ContextCharts {
  return built(locale, 'national');
}

function buildContextCharts(locale: Locale): ContextCharts {
  const doc = chartDocument();
  const base = (id: string) => ({ id: `context-${id}`, provenance: 'published' as const, size: 'normal' as const });
  const sourceColumn = { label: t(locale, 'context.column.source') };

  // 1. Union density and bargaining coverage, China.
  const density = figuresOf('union_density', 'CHN');
  const coverage = figuresOf('bargaining_coverage', 'CHN');
  const lines: YearLinesInput = {
    locale,
    unit: 'rate',
    series: [density, coverage].map((figures) => ({
      key: figures[0]!.indicator,
      label: indicatorLabel(locale, figures[0]!.indicator),
      points: figures.map((f) => ({ year: Number(f.period), value: rate(f), text: figureText(locale, f) })),
    })),
  };
  const years = [...new Set([...density, ...coverage].map((f) => f.period))].sort();
  const densityChart: ChartSpec = {
    ...base('density'),
    kind: 'year-lines',
    title: t(locale, 'context.chart.density.title'),
    subtitle: t(locale, 'context.chart.density.subtitle'),
    summary: yearLinesSummaries(lines),
    svg: yearLinesSvg(lines, doc, chartAttrs('context-density')),
    keyItems: lines.series.map((s, i) => ({ kind: 'line', color: YEAR_LINE_COLORS[i]!, label: s.label })),
    notes: [t(locale, 'context.chart.density.note')],
    table: {
      caption: t(locale, 'context.chart.density.title'),
      columns: [{ label: t(locale, 'context.column.year') }, ...lines.series.map((s) => ({ label: s.label, numeric: true }))],
      rows: years.map((year) => ({
        header: year,
        cells: [density, coverage].map((figures) => {
          const f = figures.find((x) => x.period === year);
          return f === undefined ? '—' : figureText(locale, f);
        }),
      })),
    },
    sources: sourcesOf(locale, [...density, ...coverage]),
  };

  // 2. Union density in 2017: China beside Japan, Korea and the United States.
  const compared = figuresOf('union_density').filter((f) => f.period === '2017');
  const bars: RankedBarsInput = {
    locale,
    unit: 'rate',
    rows: compared.map((f) => ({ code: f.area, label: areaLabel(locale, f.area), value: rate(f), text: figureText(locale, f), highlight: f.area === 'CHN' })),
    measure: indicatorLabel(locale, 'union_density'),
    when: '2017',
  };
  const compareChart: ChartSpec = {
    ...base('compare'),
    kind: 'ranked-bars',
    title: t(locale, 'context.chart.compare.title'),
    subtitle: t(locale, 'context.chart.density.subtitle'),
    summary: rankedBarsSummary(bars),
    svg: rankedBarsSvg(bars, doc, chartAttrs('context-compare')),
    keyItems: [],
    notes: [t(locale, 'context.chart.compare.note')],
    table: {
      caption: t(locale, 'context.chart.compare.title'),
      columns: [{ label: t(locale, 'context.column.area') }, { label: indicatorLabel(locale, 'union_density'), numeric: true }, sourceColumn],
      rows: [...compared].sort((a, b) => b.value - a.value).map((f) => ({ header: areaLabel(locale, f.area), cells: [figureText(locale, f), figureSource(locale, f)] })),
    },
    sources: sourcesOf(locale, compared),
  };

  // 3. Migrant workers.
  const migrants = figuresOf('migrant_workers', 'CHN');
  const migrantLines: YearLinesInput = {
    locale,
    unit: 'count',
    series: [{ key: 'migrant_workers', label: indicatorLabel(locale, 'migrant_workers'), points: migrants.map((f) => ({ year: Number(f.period), value: f.value * 10_000, text: figureText(locale, f) })) }],
  };
  const share = figureOf('migrant_union_share', 'CHN', '2021');
  const migrantsChart: ChartSpec = {
    ...base('migrants'),
    kind: 'year-lines',
    title: t(locale, 'context.chart.migrants.title'),
    subtitle: t(locale, 'context.chart.migrants.subtitle'),
    summary: yearLinesSummaries(migrantLines),
    svg: yearLinesSvg(migrantLines, doc, chartAttrs('context-migrants')),
    keyItems: [],
    notes: [t(locale, 'context.chart.migrants.note'), t(locale, 'context.chart.migrants.share', { value: formatValue(locale, rate(share), 'rate') })],
    table: {
      caption: t(locale, 'context.chart.migrants.title'),
      columns: [{ label: t(locale, 'context.column.year') }, { label: indicatorLabel(locale, 'migrant_workers'), numeric: true }, sourceColumn],
      rows: migrants.map((f) => ({ header: f.period, cells: [figureText(locale, f), figureSource(locale, f)] })),
    },
    sources: sourcesOf(locale, [...migrants, share]),
  };

  return { density: densityChart, compare: compareChart, migrants: migrantsChart, census: censusDots(locale, ['CHN', ...CENSUS_PROVINCES], 'context-census', t(locale, 'context.chart.census.title')) };
}

/** 4. The 2004 economic census: units with a union and workers who are members, in some areas. */
function censusDots(locale: Locale, areas: readonly string[], id: string, title: string): ChartSpec {
  const doc = chartDocument();
  const units = areas.map((area) => figureOf('census2004_union_share_units', area, '2004'));
  const members = areas.map((area) => figureOf('census2004_member_share_workers', area, '2004'));
  const dots: DotPlotInput = {
    locale,
    unit: 'rate',
    regions: areas.map((area) => ({ code: area, label: areaLabel(locale, area) })),
    series: [units, members].map((figures) => ({
      key: figures[0]!.indicator,
      label: indicatorLabel(locale, figures[0]!.indicator),
      values: new Map(figures.map((f) => [f.area, rate(f)])),
    })),
    when: '2004',
  };
  return {
    id,
    provenance: 'published',
    size: 'normal',
    kind: 'dot-plot',
    title,
    subtitle: t(locale, 'context.chart.census.subtitle'),
    summary: dotPlotSummaries(dots),
    svg: dotPlotSvg(dots, doc, chartAttrs(id)),
    keyItems: dots.series.map((s, i) => ({ kind: i === 0 ? 'circle' : 'diamond', color: DOT_STYLES[i]!.color, label: s.label })),
    notes: [t(locale, 'context.chart.census.note')],
    table: {
      caption: title,
      columns: [{ label: t(locale, 'context.column.area') }, ...dots.series.map((s) => ({ label: s.label, numeric: true }))],
      rows: areas.map((area, i): TableRow => ({ header: areaLabel(locale, area), cells: [figureText(locale, units[i]!), figureText(locale, members[i]!)] })),
    },
    sources: sourcesOf(locale, [...units, ...members]),
  };
}
