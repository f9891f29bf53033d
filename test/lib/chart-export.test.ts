/**
 * Charts that leave the site (issue 7): the standalone SVG of an exported chart, the
 * chart data as CSV, the embed snippet and the frozen file names.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { EXPORT_FONTS, EXPORT_WIDTH, exportSvg, svgSize, wrapText, xmlEscape } from '../../src/site/chart-export.ts';
import { chartCsvPath, embedPath, embedSnippet, exportName, imagePath, oembedPath } from '../../src/lib/chart-links.ts';
import { textWidth } from '../../src/charts/common.ts';
import { tableCsv } from '../../src/lib/table-csv.ts';

const chart = '<svg class="chart-svg" role="img" aria-labelledby="x-title" viewBox="0 0 420 270" width="420" height="270"><text>2024年底</text></svg>';
const base = {
  lang: 'zh-CN',
  title: '广西壮族自治区：建会率（全部企业）的变化',
  subtitle: '努力实现应建尽建：全部（100%），期限2025年12月31日',
  svg: chart,
  keyItems: [
    { kind: 'line', color: '#0b4f8a', label: '广西壮族自治区的数值' },
    { kind: 'dash', color: '#b42318', label: '目标' },
  ],
  source: '来源：《关于…的通知》（2020年）；非公企业建会入会追踪',
  vintage: '数据截至2024年12月31日',
  url: 'https://example.org/campaigns/guangxi-2020/#t1-progress',
} as const;

describe('exportSvg', () => {
  it('is one standalone SVG with title, subtitle, key, chart, source, vintage and URL', () => {
    const svg = exportSvg({ ...base, synthetic: '合成演示数据（synthetic demo data），并非真实统计数字' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const text of [base.title, '目标', '数据截至2024年12月31日', 'synthetic demo data', '2024年底']) expect(svg).toContain(text);
    expect(svg).toContain(xmlEscape(base.url));
    expect(svg).toContain(`width="${EXPORT_WIDTH}"`);
    expect(svg).toContain(xmlEscape(EXPORT_FONTS));
    expect(svg).toContain('Noto Sans CJK SC');
    // The page's ARIA references and classes do not travel with the image.
    expect(svg).not.toContain('aria-labelledby');
    expect(svg).not.toContain('chart-svg');
    // Well-formed XML: the nested chart and the text lines parse.
    const { document } = parseHTML(`<div>${svg}</div>`);
    expect(document.querySelectorAll('svg').length).toBe(2);
    expect(document.querySelector('title')?.textContent).toBe(base.title);
  });

  it('lists what the key refers to (the phases and milestones) under the chart, inside the image', () => {
    const notes = ['1 宣传发动：2018年9月至10月', '2 集中攻坚：2018年10月至12月'];
    const without = exportSvg(base);
    const svg = exportSvg({ ...base, notes });
    for (const note of notes) expect(svg).toContain(note);
    // Below the chart and above the source line, and the image grows to hold them.
    expect(svg.indexOf(notes[0]!)).toBeGreaterThan(svg.indexOf('2024年底'));
    expect(svg.indexOf(notes[1]!)).toBeLessThan(svg.indexOf('来源'));
    const height = (x: string) => Number(/height="(\d+)"/.exec(x)?.[1]);
    expect(height(svg)).toBeGreaterThan(height(without) + 20);
  });

  it('says nothing about synthetic data for real data, and escapes text', () => {
    const svg = exportSvg({ ...base, title: 'A & B <C>' });
    expect(svg).not.toContain('synthetic');
    expect(svg).toContain('A &amp; B &lt;C&gt;');
  });

  it('lays small multiples out three to a row, scaled to the image width', () => {
    const panel = '<svg viewBox="0 0 300 150" width="300" height="150"><text>x</text></svg>';
    const svg = exportSvg({ ...base, svg: undefined, panels: Array.from({ length: 6 }, (_, i) => ({ title: `面板${i}`, svg: panel })) });
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    expect(svg.match(/<svg x=/g)?.length).toBe(6);
    expect(height).toBeGreaterThan(2 * 150 * ((EXPORT_WIDTH - 48 - 32) / 3 / 300));
    expect(svg).toContain('面板5');
  });
});

describe('wrapText and svgSize', () => {
  it('wraps Chinese anywhere and English at spaces, within the width', () => {
    const zh = wrapText('关于转发自治区总工会关于进一步加强非公有制企业工会组建工作的意见的通知', 200, 14);
    expect(zh.length).toBeGreaterThan(1);
    for (const line of zh) expect(textWidth(line, 14)).toBeLessThanOrEqual(200);
    const en = wrapText('Notice forwarding the Opinions on Further Strengthening the Founding of Unions', 200, 14);
    expect(en.join(' ')).toBe('Notice forwarding the Opinions on Further Strengthening the Founding of Unions');
    for (const line of en) expect(line).not.toMatch(/^\s|\s$/);
  });

  it('reads a chart size from its viewBox', () => {
    expect(svgSize(chart)).toEqual({ width: 420, height: 270 });
    expect(() => svgSize('<svg></svg>')).toThrow(/viewBox/);
  });
});

describe('chart links', () => {
  it('carry the vintage in the frozen file names', () => {
    expect(exportName('target-a-progress', '2024-12-31', 'en')).toBe('target-a-progress.2024-12-31.en');
    expect(imagePath('target-a-progress', '2024-12-31', 'zh-CN')).toBe('/images/2024-12-31/target-a-progress.2024-12-31.zh-CN.svg');
    expect(chartCsvPath('x', '2024-12-31', 'en')).toBe('/images/2024-12-31/x.2024-12-31.en.csv');
    expect(embedPath('en', 'x')).toBe('/en/embed/x/');
    expect(oembedPath('zh-CN', 'x')).toBe('/oembed/x.json');
  });

  it('make an iframe snippet with the resize script, escaped', () => {
    const html = embedSnippet('https://example.org', 'zh-CN', 'x', '标题 "引号" & <b>');
    expect(html).toContain('<iframe src="https://example.org/embed/x/"');
    expect(html).toContain('title="标题 &quot;引号&quot; &amp; &lt;b>"');
    expect(html).toContain('<script src="https://example.org/embed.js" async></script>');
  });
});

describe('tableCsv', () => {
  it('writes the column headings, rows and foot, quoted where needed, with a BOM', () => {
    const csv = tableCsv({
      caption: 'c',
      columns: [{ label: '地区' }, { label: '数值' }],
      rows: [{ header: '南宁市', cells: ['22.3%'] }, { header: 'A, "B"', cells: ['<5'] }],
      foot: [{ header: '合计', cells: ['1,000'] }],
    });
    expect(csv).toBe('\uFEFF地区,数值\r\n南宁市,22.3%\r\n"A, ""B""",<5\r\n合计,"1,000"\r\n');
  });
});
