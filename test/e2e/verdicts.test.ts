/**
 * No verdict beside a number it was not judged on (checked on the built site, dist/, read as
 * HTML): on every campaign page in both languages, each measured target's status line names
 * the period and value of metrics.json's status row it shows, and a later value is labelled
 * as after the deadline; every home card shows the judged value as its headline figure. The
 * numbers come from metrics.json, the words from the site's formatters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { metricsFileSchema, type StatusRow } from '../../src/lib/contract/published.ts';
import { formatDate, formatValue } from '../../src/lib/format.ts';
import { localePath, type Locale } from '../../src/lib/i18n.ts';
import { loadSiteMetrics } from '../../src/lib/site-metrics.ts';

const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const METRICS = join(DIST, 'data', 'metrics.json');
const built = existsSync(METRICS);
const data = built ? metricsFileSchema.parse(JSON.parse(readFileSync(METRICS, 'utf8'))) : undefined;
const units = new Map(loadSiteMetrics().map((m) => [m.id, m.unit]));
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

function page(locale: Locale, path: string): Document {
  const file = join(DIST, localePath(locale, path), 'index.html');
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

function latest(target: string, region: string): StatusRow | undefined {
  return data!.targets.filter((r) => r.target === target && r.region === region && r.headline).sort((a, b) => a.period.localeCompare(b.period)).at(-1);
}

describe.skipIf(!built)('verdicts on the built site', () => {
  const documents = [...new Set(data?.target_definitions.map((d) => d.document) ?? [])];

  for (const locale of LOCALES) {
    it(`campaign pages (${locale}) print each verdict with the value and date it was judged on`, () => {
      let checked = 0;
      for (const doc of documents) {
        const html = page(locale, `/campaigns/${doc}/`);
        for (const target of data!.target_definitions.filter((d) => d.document === doc && d.metric !== null)) {
          const row = latest(target.id, target.scope);
          if (row === undefined || row.judged_period === null) continue;
          const unit = units.get(target.metric!) ?? 'rate';
          const section = html.getElementById(target.id);
          expect(section, `${doc} ${target.id}`).not.toBeNull();
          const badge = section!.querySelector('[data-status]')!.getAttribute('data-status');
          expect(badge, target.id).toBe(row.status);
          const basis = section!.querySelector('[data-testid="verdict-basis"]')!.textContent ?? '';
          expect(basis, target.id).toContain(formatDate(locale, row.judged_period));
          expect(basis, target.id).toContain(formatValue(locale, row.judged_value, unit, { fixed: unit === 'rate' }));
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('labels a value after the deadline as such, and never shows it as the judged one (Ningxia)', () => {
    const html = page('en', '/campaigns/ningxia-2020/');
    const overview = html.querySelector('[data-testid="target-overview"]')!;
    const rows = [...overview.querySelectorAll('tbody tr')];
    const afterDeadline = rows.filter((r) => (r.textContent ?? '').includes('after the deadline'));
    expect(afterDeadline.length).toBeGreaterThan(0);
    for (const target of data!.target_definitions.filter((d) => d.document === 'ningxia-2020' && d.metric !== null && d.comparator.type !== 'tracked')) {
      const row = latest(target.id, target.scope);
      if (row === undefined || row.judged_period === null || row.judged_period === row.period) continue;
      const section = html.getElementById(target.id)!;
      expect(section.textContent, target.id).toContain('after the deadline');
    }
  });

  for (const locale of LOCALES) {
    it(`home cards (${locale}) lead with the value their status was judged on`, () => {
      const html = page(locale, '/');
      const cards = [...html.querySelectorAll('[data-testid="campaign-card"]')];
      expect(cards.length).toBe(documents.length);
      let judged = 0;
      for (const card of cards) {
        const figure = card.querySelector('[data-testid="card-judged"]');
        if (figure === null) continue;
        const doc = card.getAttribute('data-document')!;
        const values = data!.targets.filter((r) => r.headline && data!.target_definitions.some((d) => d.document === doc && d.id === r.target) && r.judged_value !== null);
        const unit = units.get(values[0]?.metric ?? '') ?? 'rate';
        expect(values.map((r) => formatValue(locale, r.judged_value, unit))).toContain(figure.textContent?.trim());
        judged += 1;
      }
      expect(judged).toBeGreaterThan(0);
      expect(html.querySelector('[data-testid="verdict-summary"]')?.textContent).toMatch(/\d/);
      expect(html.querySelector('[data-testid="status-legend"]')).not.toBeNull();
    });
  }
});
