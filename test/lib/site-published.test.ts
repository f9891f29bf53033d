/**
 * The published-data indexes the pages are built from (src/site/site-published.ts), checked
 * against public/data/metrics.json itself when it exists (it is built by `npm run data`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricsFileSchema } from '../../src/lib/contract/published.ts';
import { loadPhases, loadPublished, METRICS_PATH } from '../../src/site/site-published.ts';
import { chartWindow, headlineTarget } from '../../src/site/site-campaigns.ts';

const present = existsSync(METRICS_PATH);

describe.skipIf(!present)('published data indexes', () => {
  const raw = present ? metricsFileSchema.parse(JSON.parse(readFileSync(METRICS_PATH, 'utf8'))) : { metrics: [], targets: [] };

  it('finds every published row by metric, region, period and group', () => {
    const published = loadPublished();
    for (const r of raw.metrics.filter((_, i) => i % 997 === 0)) {
      if (r.region === 'other') {
        expect(published.children(r.metric, r.parent ?? '', r.period, r.group ?? null)).toContainEqual(expect.objectContaining({ region: 'other' }));
        continue;
      }
      expect(published.cell(r.metric, r.region, r.period, r.group ?? null)).toEqual(r);
    }
  });

  it('keeps series ascending by period and status rows findable', () => {
    const published = loadPublished();
    const first = raw.targets[0];
    if (first === undefined) return;
    const series = published.targetSeries(first.target, first.region);
    expect(series.map((r) => r.period)).toEqual([...series.map((r) => r.period)].sort());
    expect(published.targetRow(first.target, first.region, first.period)).toBeDefined();
    expect(published.latestTargetRow(first.target, first.region)).toEqual(series.at(-1));
  });

  it('gives every document a headline target and a chart window around its campaign', () => {
    const published = loadPublished();
    const documents = new Set(published.definitions.map((d) => d.document));
    for (const document of documents) {
      const headline = headlineTarget(published.definitionsOf(document));
      expect(headline, document).toBeDefined();
      const window = chartWindow(headline!, published);
      expect(window.from <= headline!.baseline).toBe(true);
      expect(window.to >= (headline!.deadline ?? published.vintage)).toBe(true);
      expect(window.to <= (published.vintage > (headline!.deadline ?? '') ? published.vintage : headline!.deadline!)).toBe(true);
    }
  });

  it('ends a campaign chart where its data end (Hebei 2018: December 2018, not September 2019)', () => {
    const published = loadPublished();
    const target = { baseline: '2018-09-30', deadline: '2018-11-30' } as Parameters<typeof chartWindow>[0];
    const monthly = ['2018-09-30', '2018-10-31', '2018-11-30', '2018-12-31'];
    expect(chartWindow(target, published, [...monthly, '2019-12-31', '2024-12-31']).to).toBe('2018-12-31');
    expect(chartWindow(target, published, monthly.slice(0, 3)).to).toBe('2018-11-30');
    // Never before the deadline, even when the data stop earlier.
    expect(chartWindow(target, published, monthly.slice(0, 2)).to).toBe('2018-11-30');
    // A longer campaign keeps the year after its deadline when there are data in it.
    const long = { baseline: '2018-12-31', deadline: '2020-12-31' } as Parameters<typeof chartWindow>[0];
    expect(chartWindow(long, published, ['2019-12-31', '2020-12-31', '2021-12-31', '2024-12-31']).to).toBe('2024-12-31');
  });

  it('reads the phases of the campaign files', () => {
    const phases = loadPhases();
    for (const list of phases.values()) {
      for (const phase of list) expect(phase.start <= phase.end).toBe(true);
    }
  });
});
