import type { PublishedCell } from '../../src/lib/contract/published.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import type { MetricSource } from '../../src/lib/metrics/sources.ts';
import type { BlockCells } from '../../scripts/audit/block-cells.ts';

/**
 * What a publisher would write for `metrics` over a tiny world of inner cells (one province
 * 640000, its prefectures and their counties; counties as totals only), withholding the rows
 * `withhold` says (given each row's key `metric|region|breakdown|category` and its index).
 */
export function publishTinyWorld(
  source: MetricSource,
  cells: BlockCells,
  metrics: readonly MetricDefinition[],
  withhold: (key: string, index: number) => boolean,
): PublishedCell[] {
  const rows: PublishedCell[] = [];
  const regions: [PublishedCell['level'], string, string | null, (i: number) => boolean][] = [
    ['province', '640000', null, () => true],
    ...[...new Set(cells.prefecture)].map((p): [PublishedCell['level'], string, string, (i: number) => boolean] => ['prefecture', p!, '640000', (i) => cells.prefecture[i] === p]),
    ...[...new Set(cells.county)].map((c): [PublishedCell['level'], string, string, (i: number) => boolean] => ['county', c!, `${c!.slice(0, 4)}00`, (i) => cells.county[i] === c]),
  ];
  for (const metric of metrics) {
    const inFilter = (i: number) => Object.entries(metric.where).every(([d, v]) => v.includes(cells.dims[d]![i]!));
    for (const [level, region, parent, inRegion] of regions) {
      const combos: [string, string][] = [['all', 'all']];
      if (level !== 'county') for (const b of metric.breakdowns) for (const c of source.dims[b]!) combos.push([b, c]);
      for (const [breakdown, category] of combos) {
        const list = [...Array(cells.length).keys()].filter((i) => inRegion(i) && inFilter(i) && (breakdown === 'all' || cells.dims[breakdown]![i] === category));
        const sum = (m: string | null) => (m === null ? null : list.reduce((s, i) => s + cells.values[m]![i]!, 0));
        const [numerator, denominator, population] = [sum(metric.numerator), sum(metric.denominator), sum(metric.population)];
        if ((denominator ?? population ?? 0) === 0) continue;
        const suppressed = withhold(`${metric.id}|${region}|${breakdown}|${category}`, rows.length);
        rows.push({
          metric: metric.id, period: '2020-12-31', level, region, parent, breakdown, category, suppressed,
          numerator: suppressed ? null : numerator,
          denominator: suppressed ? null : denominator,
          population: suppressed ? null : population,
          value: suppressed ? null : denominator === null ? numerator : numerator! / denominator,
        });
      }
    }
  }
  return rows;
}
