/**
 * The catalogue of exportable charts (src/site/chart-catalog.ts), built from public/data
 * when it exists: one id per chart, safe in URLs and file names; both languages of a chart
 * are the same chart; every chart says what it is measured against and where its figures
 * come from; exported images of it are standalone and carry the vintage.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { chartCatalog } from '../../src/site/chart-catalog.ts';
import { chartImageSvg } from '../../src/site/chart-image.ts';
import { chartOembed } from '../../src/site/chart-oembed.ts';
import { formatDate } from '../../src/lib/format.ts';
import { METRICS_PATH, loadPublished } from '../../src/site/site-published.ts';

const present = existsSync(METRICS_PATH);

describe.skipIf(!present)('chart catalogue', () => {
  const catalog = present ? chartCatalog() : [];

  it('has one URL-safe id per chart, of every owner', () => {
    const ids = catalog.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(target|region|metric|context)-[A-Za-z0-9_-]+-(progress|rank|trends|compare|provinces|prefectures|density|migrants|census)$/);
    expect(new Set(catalog.map((e) => e.owner))).toEqual(new Set(['target', 'region', 'metric', 'context']));
  });

  it('gives each chart the same kind in both languages, with a subtitle, sources and a data table', () => {
    for (const entry of catalog.filter((_, i) => i % 23 === 0)) {
      const zh = entry.spec('zh-CN');
      const en = entry.spec('en');
      expect(en.kind).toBe(zh.kind);
      expect(en.id).toBe(zh.id);
      for (const spec of [zh, en]) {
        expect(spec.title).not.toBe('');
        expect(spec.subtitle).not.toBe('');
        expect(spec.sources.length).toBeGreaterThan(0);
        expect(spec.table?.rows.length ?? 0).toBeGreaterThan(0);
        expect((spec.svg ?? '') !== '' || (spec.panels?.length ?? 0) > 0).toBe(true);
      }
      expect(entry.page('en').startsWith('/en/')).toBe(true);
      expect(entry.page('zh-CN')).toMatch(/^\/((campaigns|regions|metrics)\/[^/]+|context)\/#/);
    }
  });

  it('exports standalone images that carry the vintage and, for demo data, say so', () => {
    const published = loadPublished();
    // A sample of the site's charts, and every chart of real published figures (the context page's).
    for (const entry of catalog.filter((e, i) => i % 97 === 0 || e.owner === 'context')) {
      const real = entry.owner === 'context';
      const zh = chartImageSvg(entry, 'zh-CN', '');
      const en = chartImageSvg(entry, 'en', 'https://example.org');
      expect(zh.includes(formatDate('zh-CN', published.vintage))).toBe(!real);
      expect(en.includes(formatDate('en', published.vintage))).toBe(!real);
      if (real) expect(en).toContain('Figures as their sources published them');
      expect(en).toContain(`https://example.org${entry.page('en').replace(/&/g, '&amp;')}`);
      expect(zh.includes('合成演示数据')).toBe(published.synthetic && !real);
      expect(en.includes('Synthetic demo data')).toBe(published.synthetic && !real);
      const oembed = chartOembed(entry, 'en', 'https://example.org');
      expect(oembed).toMatchObject({ version: '1.0', type: 'rich' });
      expect(oembed.html).toContain(`https://example.org/en/embed/${entry.id}/`);
    }
  });
});
