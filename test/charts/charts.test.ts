/**
 * SVG snapshot tests of the chart modules (src/charts/), rendered on the server with
 * linkedom exactly as the build renders them, normalised as Observable Plot's own tests
 * do (stable ids, rounded numbers). The expected SVGs are committed under
 * test/charts/snapshots/; after an intended change, review them and update with
 * `npx vitest run test/charts -u`.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { dotPlotSvg } from '../../src/charts/dot-plot.ts';
import { progressSvg } from '../../src/charts/progress.ts';
import { rankedBarsSvg } from '../../src/charts/ranked-bars.ts';
import { sparklineSvg } from '../../src/charts/sparkline.ts';
import { trendPanelSvg } from '../../src/charts/trend-panels.ts';
import { yearLinesSummaries, yearLinesSvg } from '../../src/charts/year-lines.ts';
import type { ChartDocument } from '../../src/charts/common.ts';
import * as fx from './fixtures.ts';
import { normalizeSvg } from './normalize.ts';

const document = parseHTML('<!doctype html><html><body></body></html>').document as unknown as ChartDocument;
const attrs = { labelledBy: 'chart-title', describedBy: 'chart-summary' };
const snapshot = (name: string) => new URL(`./snapshots/${name}.svg`, import.meta.url).pathname;

describe('chart SVG snapshots', () => {
  it.each([
    ['progress-before-zh', () => progressSvg(fx.progressBefore('zh-CN'), document, attrs)],
    ['progress-before-en', () => progressSvg(fx.progressBefore('en'), document, attrs)],
    ['progress-after-en', () => progressSvg(fx.progressAfter('en'), document, attrs)],
    ['progress-range-zh', () => progressSvg(fx.progressRange('zh-CN'), document, attrs)],
    ['ranked-bars-zh', () => rankedBarsSvg(fx.ranked('zh-CN'), document, attrs)],
    ['ranked-bars-en', () => rankedBarsSvg(fx.ranked('en'), document, attrs)],
    ['dot-plot-en', () => dotPlotSvg(fx.dots('en'), document, attrs)],
    ['trend-panel-rate-zh', () => { const input = fx.panels('zh-CN'); return trendPanelSvg(input, input.panels[0]!, document, attrs); }],
    ['trend-panel-count-en', () => { const input = fx.panels('en'); return trendPanelSvg(input, input.panels[1]!, document, attrs); }],
    ['sparkline', () => sparklineSvg(fx.spark, document, { label: 'trend' })],
    ['year-lines-zh', () => yearLinesSvg(fx.yearLines('zh-CN'), document, attrs)],
    ['year-lines-en', () => yearLinesSvg(fx.yearLines('en'), document, attrs)],
  ])('%s', async (name, render) => {
    const svg = render();
    expect(svg.startsWith('<svg')).toBe(true);
    await expect(normalizeSvg(svg)).toMatchFileSnapshot(snapshot(name));
  });

  it('write yearly lines in words with the values as published, and pull apart end labels that would overlap', () => {
    expect(yearLinesSummaries(fx.yearLines('en'))).toEqual([
      'Union density: 30.4% in 2008, 44.25% in 2017 (years published: 2008, 2012, 2017).',
      'Bargaining coverage: 18.1% in 2000, 45% in 2017 (years published: 2000, 2006, 2013, 2017).',
    ]);
    const svg = parseHTML(yearLinesSvg(fx.yearLines('en'), document, attrs)).document;
    // The end labels: bold groups in a series colour (their white halos are drawn under them), placed by their translate.
    const ends = [...svg.querySelectorAll('g[font-weight="700"]')].filter((g) => g.getAttribute('fill') !== 'white');
    const shiftY = (element: Element | null) => Number(/translate\([^,]+,([-\d.]+)\)/.exec(element?.getAttribute('transform') ?? '')?.[1] ?? 0);
    const ys = ends.map((g) => shiftY(g) + shiftY(g.querySelector('text')));
    expect(ends.map((g) => g.textContent)).toEqual(['45%', '44.25%']);
    expect(Math.abs(ys[0]! - ys[1]!)).toBeGreaterThanOrEqual(13);
  });

  it('are named by their title and described by their summary', () => {
    const svg = progressSvg(fx.progressBefore('en'), document, attrs);
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain('aria-labelledby="chart-title"');
    expect(svg).toContain('aria-describedby="chart-summary"');
    expect(svg).not.toContain('<style');
  });

  it('escape text and round long coordinates to a tenth', () => {
    const input = fx.ranked('en');
    const svg = rankedBarsSvg({ ...input, rows: [{ ...input.rows[0]!, label: 'A <b> & "c"' }] }, document, attrs);
    expect(svg).toContain('A &lt;b&gt; &amp;');
    expect(svg).not.toMatch(/="[^"]*\d\.\d{3,}[^"]*"/);
  });

  it('render nothing for a ranking without any published value', () => {
    const input = fx.ranked('zh-CN');
    expect(rankedBarsSvg({ ...input, rows: input.rows.map((r) => ({ ...r, value: null })) }, document)).toBe('');
  });
});
