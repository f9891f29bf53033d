/**
 * Briefing packs as they print: every campaign pack and a province, prefecture and county pack,
 * in both languages, printed to A4 PDF by Chromium and read back with `pdftotext -bbox-layout`
 * (poppler-utils), page by page.
 *
 * - the synthetic-data line and "page i of n" are in the margins of every page;
 * - a campaign pack is page 1 the summary of every measured target (the note on the requirements
 *   it does not measure still on page 1), then one page per target, in order, each with its
 *   heading, its facts and its progress chart on that page, then at most two pages of phases and
 *   cited clauses;
 * - no table of a pack lists a region or target whose value is not published;
 * - links print their address.
 *
 * Chromium or pdftotext missing: an error in CI, else the suite is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, type Locale } from '../../src/lib/i18n.ts';
import { checkBrowser, launchBrowser, type LaunchedBrowser } from '../../tools/browser.ts';
import { startStaticServer, type StaticServer } from '../../tools/static-server.ts';
import { listSitePages, pageType } from '../../scripts/site-pages.ts';

const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const SUMMARY = join(DIST, 'data', 'summary.json');
const built = existsSync(join(DIST, 'index.html')) && existsSync(SUMMARY);
const PDFTOTEXT = existsSync('/usr/bin/pdftotext') ? '/usr/bin/pdftotext' : undefined;
if (PDFTOTEXT === undefined && process.env.CI) {
  throw new Error('pdftotext missing: apt-get install -y poppler-utils (the briefing print test is required in CI)');
}
const browser = checkBrowser();
const synthetic: boolean = built ? (JSON.parse(readFileSync(SUMMARY, 'utf8')) as { synthetic: boolean }).synthetic : false;

/** Every campaign pack, and the region packs of the browser sample (a province, a prefecture, a county). */
const packs = built
  ? listSitePages(DIST, { sample: true }).filter((p) => pageType(p.path) === 'briefing-region')
      .concat(listSitePages(DIST, { sample: false }).filter((p) => pageType(p.path) === 'briefing-campaign'))
  : [];

/** Text without any whitespace: PDF extraction moves spaces and line breaks. */
const squash = (text: string): string => text.replace(/\s+/g, '');

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A page of a PDF: its runs of text, top to bottom and left to right, without whitespace. */
type PdfPage = readonly string[];

interface PdfWord {
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly h: number;
  readonly text: string;
}

/**
 * The runs of text of each page of a PDF (`pdftotext -bbox-layout`): words on one baseline
 * and close together, so that two columns side by side give two runs, not one line.
 */
function pdfPages(pdf: string): PdfPage[] {
  const xhtml = execFileSync(PDFTOTEXT!, ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const decode = (word: string): string =>
    word.replace(/&(#\d+|[a-z]+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? `&${e};`)));
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const words: PdfWord[] = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
        .map((m) => ({ x0: Number(m[1]), y: (Number(m[2]) + Number(m[4])) / 2, x1: Number(m[3]), h: Number(m[4]) - Number(m[2]), text: decode(m[5]!) }))
        .sort((a, b) => a.y - b.y);
      // Lines: words whose middles are within a third of a height (CJK and Latin boxes differ).
      const lines: PdfWord[][] = [];
      for (const word of words) {
        const line = lines.at(-1);
        if (line !== undefined && word.y - line[0]!.y < Math.min(word.h, line[0]!.h) / 3) line.push(word);
        else lines.push([word]);
      }
      const runs: { last: PdfWord; text: string }[] = [];
      for (const line of lines) {
        let run: { last: PdfWord; text: string } | undefined;
        for (const word of line.sort((a, b) => a.x0 - b.x0)) {
          if (run !== undefined && word.x0 - run.last.x1 < Math.min(word.h, run.last.h) * 1.2) {
            run.text += word.text;
            run.last = word;
          } else {
            run = { last: word, text: word.text };
            runs.push(run);
          }
        }
      }
      return runs.map((run) => run.text);
    });
}

/**
 * Whether a page shows a text, perhaps broken over lines that other columns' runs come
 * between: it starts at the end of one run and goes on at the start of later ones.
 */
function showsText(page: PdfPage | undefined, text: string): boolean {
  const needle = squash(text);
  const runs = page ?? [];
  if (runs.some((run) => run.includes(needle))) return true;
  return runs.some((run, i) => {
    for (let k = Math.min(run.length, needle.length - 1); k > 0; k--) {
      if (!run.endsWith(needle.slice(0, k))) continue;
      let rest = needle.slice(k);
      for (const next of runs.slice(i + 1)) {
        if (next.startsWith(rest)) return true;
        if (next !== '' && rest.startsWith(next)) rest = rest.slice(next.length);
      }
    }
    return false;
  });
}

/** The whole text of a page. */
const pageText = (page: PdfPage | undefined): string => (page ?? []).join('');

/** What the page shows that the printed pages must carry. */
interface PackDom {
  readonly targets: { heading: string; chart: string | null; firstFact: string | null }[];
  readonly unmeasuredNote: string | null;
  readonly summaryCaption: string | null;
  /** Cells of the tables' bodies: regions still to fix, a region's targets. */
  readonly fixCells: string[];
  /** Root-relative links in the pack's body outside tables and fact tiles. */
  readonly printedLinks: string[];
}

describe.skipIf(!browser.available || !built || PDFTOTEXT === undefined)('briefing packs in print', () => {
  let server: StaticServer;
  let chromium: LaunchedBrowser;
  let out: string;

  beforeAll(async () => {
    server = await startStaticServer({ root: DIST, idleTimeoutMs: 300_000 });
    chromium = await launchBrowser();
    out = mkdtempSync(join(tmpdir(), 'uct-briefing-'));
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (out !== undefined) rmSync(out, { recursive: true, force: true });
  });

  it('covers every campaign pack and a region pack of each level, in both languages', () => {
    const campaigns = packs.filter((p) => pageType(p.path) === 'briefing-campaign');
    expect(campaigns.length).toBeGreaterThanOrEqual(10);
    expect(packs.length - campaigns.length).toBeGreaterThanOrEqual(6);
  });

  it.each(packs.map((p) => [p.path, p.locale] as const))('%s prints as a briefing', async (path, locale: Locale) => {
    const page = await chromium.context.newPage();
    try {
      const response = await page.goto(server.url(path), { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const dom: PackDom = await page.evaluate(() => {
        const text = (el: Node | null | undefined): string | null => (el == null ? null : (el.textContent ?? '').trim());
        return {
          targets: [...document.querySelectorAll('.briefing__main .target')].map((target) => ({
            heading: text(target.querySelector('.target__title'))!,
            // The chart's title, without the line saying whether its figures are real or demo data.
            chart: text(target.querySelector('.chart__title')?.firstChild ?? null),
            firstFact: text(target.querySelector('.facts dt')),
          })),
          unmeasuredNote: text(document.querySelector('.briefing-summary > p.note')),
          summaryCaption: text(document.querySelector('[data-testid="briefing-summary"] caption')),
          fixCells: [...document.querySelectorAll('[data-testid="still-to-fix"] tbody td, [data-testid="region-targets"] tbody td')].map((td) =>
            (td.textContent ?? '').trim(),
          ),
          printedLinks: [...document.querySelectorAll<HTMLAnchorElement>('.briefing__main a[href^="/"]')]
            .filter((a) => a.closest('table, .facts, .no-print') === null)
            .map((a) => a.getAttribute('href')!),
        };
      });
      await page.emulateMedia({ media: 'print' });
      const pdf = join(out, `${path.replace(/\W+/g, '_')}.pdf`);
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
      const pages = pdfPages(pdf);
      const n = pages.length;

      // Every page: the banner (synthetic data) and its number.
      pages.map(pageText).forEach((text, i) => {
        if (synthetic) expect(text, `${path} page ${i + 1}: banner`).toContain(squash(t(locale, 'banner.synthetic.print')));
        expect(text, `${path} page ${i + 1}: number`).toContain(squash(t(locale, 'briefing.page', { page: i + 1, pages: n })));
      });

      // No row of a region whose value is withheld.
      expect(dom.fixCells.filter((cell) => cell.includes(t(locale, 'value.suppressed'))), `${path}: withheld rows`).toEqual([]);

      // Links print their address (the first one is enough to show the rule applies).
      expect(dom.printedLinks.length, `${path}: links in the body`).toBeGreaterThan(0);
      expect(pages.map(pageText).join(''), `${path}: printed address`).toContain(`<${dom.printedLinks[0]!}>`);

      if (pageType(path) === 'briefing-region') {
        expect(n, `${path}: pages`).toBeLessThanOrEqual(6);
        return;
      }

      // Page 1: the summary, whole.
      expect(dom.summaryCaption, `${path}: summary`).not.toBeNull();
      expect(showsText(pages[0], dom.summaryCaption!), `${path}: summary on page 1`).toBe(true);
      if (dom.unmeasuredNote !== null) expect(showsText(pages[0], dom.unmeasuredNote), `${path}: summary ends on page 1`).toBe(true);
      // Then a page per target: its heading, facts and chart together.
      expect(dom.targets.length).toBeGreaterThan(0);
      dom.targets.forEach((target, i) => {
        const on = pages[i + 1];
        expect(showsText(on, target.heading), `${path} page ${i + 2}: heading of target ${i + 1}, ${target.heading}`).toBe(true);
        if (target.firstFact !== null) expect(showsText(on, target.firstFact), `${path} page ${i + 2}: facts of ${target.heading}`).toBe(true);
        if (target.chart !== null) expect(showsText(on, target.chart), `${path} page ${i + 2}: chart of ${target.heading}`).toBe(true);
      });
      // Then the phases and the cited clauses.
      expect(n, `${path}: pages`).toBeGreaterThanOrEqual(1 + dom.targets.length);
      expect(n, `${path}: pages`).toBeLessThanOrEqual(1 + dom.targets.length + 2);
      expect(pageText(pages.at(-1)), `${path}: ends with the web address`).toContain(squash(t(locale, 'briefing.url', { url: '' })));
      expect(pages.slice(dom.targets.length).map(pageText).join(''), `${path}: clauses cited`).toContain(squash(t(locale, 'briefing.citations.heading')));
    } finally {
      await page.close();
    }
  }, 120_000);
});
