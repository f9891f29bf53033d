/**
 * The pages of the built site, discovered from dist/ so that every page other engineers
 * add is covered by the browser tests and the screenshots without editing a list.
 *
 * Runs under plain Node (erasable TypeScript only) as well as under vitest.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { localeFromPath, type Locale } from '../../src/lib/i18n.ts';

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

/** Every HTML page under `root` (default dist/), sorted by path. */
export function listSitePages(root = join(process.cwd(), 'dist')): SitePage[] {
  const files: string[] = [];
  walk(root, files);
  return files
    .map((file) => pagePath(root, file))
    .sort()
    .map((path) => ({
      path,
      locale: localeFromPath(path),
      translated: !UNTRANSLATED_PATHS.includes(path),
    }));
}

/** A file-system-safe name for a page path (`/en/data/` → `en-data`, `/` → `home`). */
export function pageSlug(path: string): string {
  const slug = path.replace(/\.html$/, '').replace(/^\/|\/$/g, '').replace(/[^A-Za-z0-9]+/g, '-');
  return slug === '' ? 'home' : slug;
}
