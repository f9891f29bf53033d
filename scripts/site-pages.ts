/**
 * The pages of the built site, discovered from dist/ so that every page other engineers
 * add is covered by the browser tests and the screenshots without editing a list.
 *
 * The site has a page per region (~360 in each language) and per metric: the browser
 * suites open a sample of every page type ({@link samplePages}: every page that is not a
 * region or metric page, every campaign page, and a few region and metric pages of each
 * kind). `SITE_PAGES=sample` makes {@link listSitePages} return that sample too, e.g.
 * `SITE_PAGES=sample npm run screenshots`.
 *
 * Runs under plain Node (erasable TypeScript only) as well as under vitest.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { localeFromPath, stripLocale, type Locale } from '../src/lib/i18n.ts';

/** One page of the built site. */
export interface SitePage {
  /** URL path, e.g. `/`, `/en/data/`, `/404.html`. */
  readonly path: string;
  /** Language the page is written in. */
  readonly locale: Locale;
  /** Whether the page exists in both languages (has a language switch). */
  readonly translated: boolean;
}

/** Paths of pages that exist in one bilingual form only. */
export const UNTRANSLATED_PATHS: readonly string[] = ['/404.html'];

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(full);
  }
}

/** The URL path of an HTML file under root (`en/data/index.html` → `/en/data/`). */
export function pagePath(root: string, file: string): string {
  const rel = relative(root, file).split(sep).join('/');
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

/** Options for {@link listSitePages}. */
export interface ListOptions {
  /** Return {@link samplePages} of the pages (default: `SITE_PAGES=sample` in the environment). */
  readonly sample?: boolean;
}

/** Every HTML page under `root` (default dist/), sorted by path (or a sample of them). */
export function listSitePages(root = join(process.cwd(), 'dist'), options: ListOptions = {}): SitePage[] {
  const files: string[] = [];
  walk(root, files);
  const pages = files
    .map((file) => pagePath(root, file))
    .sort()
    .map((path) => ({
      path,
      locale: localeFromPath(path),
      // Embed views exist in both languages but have no language switch (no site chrome).
      translated: !UNTRANSLATED_PATHS.includes(path) && pageType(path) !== 'embed',
    }));
  const sample = options.sample ?? process.env.SITE_PAGES === 'sample';
  return sample ? samplePages(pages) : pages;
}

/** The kind of a page, from its path without the locale prefix. */
export type PageType =
  | 'home'
  | 'campaign'
  | 'region-province'
  | 'region-prefecture'
  | 'region-county'
  | 'metric'
  | 'embed'
  | 'briefing-campaign'
  | 'briefing-region'
  | 'other';

/** The type of a page: `/en/regions/130100/` → `region-prefecture`. */
export function pageType(path: string): PageType {
  const bare = stripLocale(path);
  if (bare === '/') return 'home';
  if (/^\/campaigns\/[^/]+\/$/.test(bare)) return 'campaign';
  const region = /^\/regions\/(\d{6})\/$/.exec(bare);
  if (region) {
    const code = region[1] ?? '';
    if (code.endsWith('0000')) return 'region-province';
    if (code.endsWith('00')) return 'region-prefecture';
    return 'region-county';
  }
  if (/^\/metrics\/[^/]+\/$/.test(bare)) return 'metric';
  if (/^\/embed\/[^/]+\/$/.test(bare)) return 'embed';
  if (/^\/briefing\/campaigns\/[^/]+\/$/.test(bare)) return 'briefing-campaign';
  if (/^\/briefing\/regions\/\d{6}\/$/.test(bare)) return 'briefing-region';
  return 'other';
}

/** Metric pages always in the sample when they exist: both definitions of 入会率, a grouped rate, a count. */
const SAMPLE_METRICS: readonly string[] = ['member_rate', 'member_rate_unionized', 'group_enrollment_rate', 'new_members'];

/**
 * A sample of the pages covering every page type in both languages: every page that is
 * not a region, metric, embed or briefing page (home, campaigns, indexes, data, method,
 * sources, context, 404), the first province, prefecture and county page and the first
 * county directly under a province (a municipal district), the metric pages of
 * SAMPLE_METRICS plus the first, the first embed view of each kind of chart (and of the
 * context page's published figures), the first
 * campaign briefing pack and the first province, prefecture and county briefing pack.
 */
export function samplePages(pages: readonly SitePage[]): SitePage[] {
  const bare = (p: SitePage) => stripLocale(p.path);
  const chosen = new Set<string>();
  const firstOf = (type: PageType, where: (p: SitePage) => boolean = () => true) => {
    const first = pages.find((p) => p.locale === 'zh-CN' && pageType(p.path) === type && where(p));
    if (first) chosen.add(bare(first));
  };
  firstOf('region-province');
  firstOf('region-prefecture');
  firstOf('region-county');
  // A county-level region directly under a province (its code's prefecture part is 01 or 02 and no prefecture page exists).
  const prefectures = new Set(pages.filter((p) => pageType(p.path) === 'region-prefecture').map((p) => bare(p).slice(9, 13)));
  firstOf('region-county', (p) => !prefectures.has(bare(p).slice(9, 13)));
  firstOf('metric');
  for (const id of SAMPLE_METRICS) chosen.add(`/metrics/${id}/`);
  // Embed views (~1,400) and briefing packs: the first chart of each kind, the first campaign
  // pack, and the packs of the first province, prefecture and county.
  const context = (p: SitePage) => bare(p).startsWith('/embed/context-');
  for (const kind of ['progress', 'rank', 'trends', 'compare', 'provinces', 'prefectures']) {
    firstOf('embed', (p) => bare(p).endsWith(`-${kind}/`) && !context(p));
  }
  // And one chart of real published figures (the context page's).
  firstOf('embed', context);
  firstOf('briefing-campaign');
  for (const suffix of [/0000\/$/, /[1-9]\d00\/$/, /\d\d[1-9]\d\/$|\d\d\d[1-9]\/$/]) firstOf('briefing-region', (p) => suffix.test(bare(p)));
  const sampled: readonly PageType[] = ['metric', 'embed', 'briefing-campaign', 'briefing-region'];
  return pages.filter((p) => {
    const type = pageType(p.path);
    if (!sampled.includes(type) && !type.startsWith('region-')) return true;
    return chosen.has(bare(p));
  });
}

/** A file-system-safe name for a page path (`/en/data/` → `en-data`, `/` → `home`). */
export function pageSlug(path: string): string {
  const slug = path.replace(/\.html$/, '').replace(/^\/|\/$/g, '').replace(/[^A-Za-z0-9]+/g, '-');
  return slug === '' ? 'home' : slug;
}
