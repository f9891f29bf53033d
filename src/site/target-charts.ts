/**
 * The two charts of a campaign target (both languages): its progress in the document's
 * jurisdiction (target line, straight path, deadline, phases) and the regions one level
 * down ranked against it. Moved out of TargetSection.astro so that the campaign page, the
 * embed views, the exported images and the briefing packs render the same specs.
 * Build-time only (reads the published data).
 */
import { COLORS, statusTone } from '../charts/common.ts';
import { progressSummary, progressSvg } from '../charts/progress.ts';
import { targetLevel } from '../lib/status/target-level.ts';
import { rankedBarsSummary, rankedBarsSvg, type RankedRow } from '../charts/ranked-bars.ts';
import type { ChartSpec, KeyItem } from '../lib/chart-spec.ts';
import { MISSING, formatDate, formatGap, formatValue } from '../lib/format.ts';
import { t, type Locale } from '../lib/i18n.ts';
import type { MetricDefinition } from '../lib/metrics/metric-schema.ts';
import { isMeasured, phaseLines, progressInput } from './site-campaigns.ts';
import { chartAttrs, chartDocument } from './site-charts.ts';
import { loadDocuments, localized } from './site-data.ts';
import { metricLabel } from '../lib/site-metrics.ts';
import type { StatusRow, TargetDefinition, TargetStatus } from '../lib/contract/published.ts';
import { loadPublished } from './site-published.ts';
import { metricsById } from './site-campaigns.ts';
import { oncePerLocale } from './once-per-locale.ts';
import { loadRegionTree, regionHref, regionName } from './site-regions.ts';
import type { SummaryRegion } from './site-data.ts';
import type { TableSpec } from '../lib/site-tables.ts';
import { categoryName, deadlineVerdict, definitionName, showValue, statusWord, targetLabel, targetText } from '../lib/site-values.ts';

/** A region one level below the target's jurisdiction, against the target. */
export interface TargetChildRow {
  readonly child: SummaryRegion;
  /** Its latest target row. */
  readonly row: StatusRow | undefined;
  /** The value ranked: at the deadline once it has passed, else the latest. */
  readonly value: number | null;
  readonly status: TargetStatus;
  readonly gap: number | null;
}

/** The charts of one target, and the rows the page's "still to fix" table shares with them. */
export interface TargetCharts {
  readonly progress?: ChartSpec;
  readonly rank?: ChartSpec;
  readonly childRows: readonly TargetChildRow[];
}

/** The charts of a target in one language, by its id (computed once per build). */
export const targetCharts = oncePerLocale((locale, id): TargetCharts => {
  const target = loadPublished().definition(id);
  if (target === undefined) throw new Error(`target-charts: no target ${id}`);
  return buildTargetCharts(locale, target, target.metric === null ? undefined : metricsById().get(target.metric));
});

function buildTargetCharts(locale: Locale, target: TargetDefinition, metric: MetricDefinition | undefined): TargetCharts {
  const published = loadPublished();
  const tree = loadRegionTree();
  const doc = chartDocument();
  const unit = metric?.unit ?? 'rate';
  const scope = target.scope;
  const scopeName = regionName(scope, locale);
  const label = targetLabel(locale, target);
  const vt = (x: number | null) => formatValue(locale, x, unit, { fixed: unit === 'rate' });
  const measured = isMeasured(target) && metric !== undefined;
  const series = published.targetSeries(target.id, scope);
  const verdict = deadlineVerdict(target, series);
  const groupName = target.group === null ? null : categoryName(locale, 'group', target.group);
  const metricName = metric === undefined ? null : `${metricLabel(metric, locale)}${groupName === null ? '' : ` · ${groupName}`}`;
  const judged = target.comparator.type !== 'tracked';
  const document = loadDocuments().find((d) => d.id === target.document);
  const sources = [
    document === undefined
      ? target.document
      : t(locale, 'export.source.document', { title: localized(document, 'title', locale), year: document.date.slice(0, 4) }),
  ];
  const goalText = targetText(locale, target.comparator, unit);
  const definition = definitionName(locale, metric);
  const baseSubtitle =
    target.deadline === null
      ? t(locale, 'export.subtitle.target.open', { target: label, goal: goalText })
      : t(locale, 'export.subtitle.target', { target: label, goal: goalText, deadline: formatDate(locale, target.deadline) });
  // A member rate names its definition of 入会率 wherever the chart goes (embed, SVG, PNG, briefing).
  const subtitle = definition === null ? baseSubtitle : t(locale, 'export.subtitle.definition', { subtitle: baseSubtitle, definition });
  // …and in its data tables and their CSV files.
  const valueLabel = definition === null ? t(locale, 'col.value') : t(locale, 'col.value.definition', { definition });

  // Progress chart.
  const progressId = `${target.id}-progress`;
  const progress = measured ? progressInput(locale, target as TargetDefinition & { metric: string }, scope, published, unit) : undefined;
  const phases = phaseLines(locale, target.document);
  const goal = progress === undefined ? null : targetLevel(progress.comparator, unit);
  let progressSpec: ChartSpec | undefined;
  if (progress !== undefined) {
    const keyItems: KeyItem[] = [{ kind: 'line', color: COLORS.accent, label: t(locale, 'chart.key.value.of', { region: scopeName }) }];
    if (target.comparator.type === 'between') keyItems.push({ kind: 'band', color: '#f8e1de', label: t(locale, 'chart.key.range') });
    else if (goal !== null) keyItems.push({ kind: 'dash', color: COLORS.target, label: t(locale, 'chart.key.target') });
    if (goal !== null && target.deadline !== null && (progress.accumulation === 'year' || progress.baseline?.value != null)) {
      keyItems.push({ kind: 'dot', color: COLORS.path, label: t(locale, progress.accumulation === 'year' ? 'chart.key.path.year' : 'chart.key.path') });
    }
    if (target.deadline !== null) keyItems.push({ kind: 'rule', color: COLORS.ink, label: t(locale, 'chart.key.deadline') });
    if (target.milestones.length > 0) keyItems.push({ kind: 'rule-dotted', color: COLORS.muted, label: t(locale, 'chart.key.milestone') });
    if (phases.length > 0) keyItems.push({ kind: 'band', color: COLORS.bandAlt, label: t(locale, 'chart.key.phase') });
    const notes = [
      ...phases.map((p) => t(locale, 'chart.phase.item', { n: p.n, label: p.label, range: p.range })),
      ...target.milestones.map((m) =>
        t(locale, 'chart.milestone.item', { date: formatDate(locale, m.date), label: locale === 'en' ? m.label.en : m.label.zh }),
      ),
    ];
    const statusByPeriod = new Map(series.map((r) => [r.period, r]));
    const withExpected = target.deadline !== null && goal !== null;
    const table: TableSpec = {
      caption: t(locale, 'campaign.progress.table', { region: scopeName }),
      columns: [
        { label: t(locale, 'col.period') },
        { label: valueLabel, numeric: true },
        ...(withExpected ? [{ label: t(locale, 'col.expected'), numeric: true }] : []),
        { label: t(locale, 'col.status') },
      ],
      rows: progress.points
        .filter((p) => p.period >= progress.from && p.period <= progress.to)
        .map((p) => {
          const row = statusByPeriod.get(p.period);
          return {
            header: formatDate(locale, p.period),
            cells: [
              showValue(locale, p, unit),
              ...(withExpected ? [row?.expected == null ? MISSING : vt(row.expected)] : []),
              row === undefined
                ? MISSING
                : row.judged_period !== null && row.judged_period !== row.period
                  ? t(locale, 'status.judged_at', { status: statusWord(locale, row.status), date: formatDate(locale, row.judged_period) })
                  : statusWord(locale, row.status),
            ],
          };
        }),
    };
    progressSpec = {
      id: progressId,
      kind: 'progress',
      title: t(locale, 'campaign.progress.title', { region: scopeName, measure: metricName ?? label }),
      subtitle,
      summary: progressSummary(progress),
      svg: progressSvg(progress, doc, chartAttrs(progressId)),
      keyItems,
      notes,
      table,
      sources,
    };
  }

  // Regions one level down, against the target.
  const children = tree.children(scope);
  const expired = verdict !== undefined;
  const rankWhen = expired ? t(locale, 'campaign.rank.at_deadline', { date: formatDate(locale, target.deadline!) }) : formatDate(locale, published.vintage);
  const childRows: TargetChildRow[] = children.map((child) => {
    const rows = published.targetSeries(target.id, child.code);
    const row = rows.at(-1);
    const childVerdict = deadlineVerdict(target, rows);
    const value = childVerdict !== undefined ? childVerdict.value : row?.status === 'suppressed' ? null : (row?.value ?? null);
    const status = childVerdict?.status ?? row?.status ?? 'no_data';
    return { child, row, value, status, gap: childVerdict !== undefined ? childVerdict.gap : (row?.gap ?? null) };
  });
  let rankSpec: ChartSpec | undefined;
  if (measured && children.length > 1) {
    const rankId = `${target.id}-rank`;
    const rankInput = {
      locale,
      unit,
      rows: childRows.map(
        (r): RankedRow => ({
          code: r.child.code,
          label: regionName(r.child.code, locale),
          value: r.value,
          status: unit === 'count' || !judged ? null : r.status,
        }),
      ),
      target: unit === 'count' ? null : goal,
      measure: metricName ?? label,
      when: rankWhen,
    };
    const tones = [...new Set(rankInput.rows.filter((r) => r.value !== null && r.status != null).map((r) => statusTone(r.status!)))];
    const keyItems: KeyItem[] = [
      ...(rankInput.target != null ? [{ kind: 'dash' as const, color: COLORS.target, label: t(locale, 'chart.key.target') }] : []),
      ...(['good', 'warn', 'bad', 'neutral'] as const)
        .filter((tone) => tones.includes(tone))
        .map((tone) => ({
          kind: 'bar' as const,
          color: COLORS[tone],
          label: t(locale, target.comparator.type === 'increase' ? `chart.tone.growth.${tone}` : `chart.tone.${tone}`),
        })),
    ];
    const table: TableSpec = {
      caption: t(locale, 'campaign.rank.table', { when: rankWhen }),
      columns: [
        { label: t(locale, 'col.region') },
        { label: valueLabel, numeric: true },
        ...(judged && unit === 'rate' ? [{ label: t(locale, 'col.status') }, { label: t(locale, 'col.gap'), numeric: true }] : []),
      ],
      rows: childRows.map((r) => ({
        header: regionName(r.child.code, locale),
        href: regionHref(locale, r.child.code),
        cells: [
          r.status === 'suppressed' ? t(locale, 'value.suppressed') : vt(r.value),
          ...(judged && unit === 'rate'
            ? [statusWord(locale, r.status), r.gap === null || r.gap <= 0 ? MISSING : formatGap(locale, r.gap, unit)]
            : []),
        ],
      })),
    };
    const svg = rankedBarsSvg(rankInput, doc, chartAttrs(rankId));
    rankSpec = svg === '' ? undefined : {
      id: rankId,
      kind: 'ranked-bars',
      title:
        unit === 'count'
          ? t(locale, 'campaign.rank.title.count', { region: scopeName, when: rankWhen })
          : t(locale, 'campaign.rank.title', { region: scopeName, when: rankWhen }),
      subtitle,
      summary: rankedBarsSummary(rankInput),
      svg,
      keyItems,
      notes: unit === 'count' ? [t(locale, 'campaign.rank.count_note')] : [],
      table,
      sources,
    };
  }
  return { progress: progressSpec, rank: rankSpec, childRows };
}
