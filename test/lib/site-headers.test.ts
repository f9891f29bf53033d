/**
 * The framing policy in public/_headers (issue 7): the embed views may be framed from any
 * site and only they; every other page only by this site. Every page directory of
 * src/pages has its own rule (the file has no catch-all, see the comment in it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, localePath } from '../../src/lib/i18n.ts';
import { headersFor, parseHeaders } from '../../tools/static-headers.ts';

const rules = parseHeaders(readFileSync(join(process.cwd(), 'public/_headers'), 'utf8'));

/**
 * Top-level page directories of src/pages, as URL prefixes: those of one language, and
 * those under `[...lang]` in every locale (`/data/`, `/en/data/`).
 */
function pageDirectories(): string[] {
  const dirs = (path: string) =>
    readdirSync(join(process.cwd(), path), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  const localized = dirs('src/pages/[...lang]');
  expect(localized.length).toBeGreaterThan(5);
  return [
    ...dirs('src/pages').filter((d) => d !== '[...lang]').map((d) => `/${d}/`),
    ...LOCALES.flatMap((locale) => localized.map((d) => localePath(locale, `/${d}/`))),
  ];
}

describe('public/_headers framing policy', () => {
  it('lets any site frame the embed views, without X-Frame-Options', () => {
    for (const path of ['/embed/target-x-progress/', '/en/embed/region-450000-trends/']) {
      const headers = headersFor(rules, path);
      expect(headers['Content-Security-Policy']).toMatch(/; frame-ancestors \*$/);
      expect(headers['X-Frame-Options']).toBeUndefined();
    }
  });

  it("lets only this site frame every other page", () => {
    const paths = ['/', '/en/', '/404.html', ...pageDirectories().filter((p) => !/\/embed\/$/.test(p) && !/\/oembed\/$/.test(p))];
    for (const path of paths) {
      const headers = headersFor(rules, path.endsWith('/') && path !== '/' && path !== '/en/' ? `${path}x/` : path);
      expect(headers['Content-Security-Policy'], path).toMatch(/frame-ancestors 'self'$/);
      expect(headers['Content-Security-Policy'], path).not.toContain('frame-ancestors *');
      expect(headers['X-Frame-Options'], path).toBe('SAMEORIGIN');
    }
  });

  it('reads rules the way static hosts do', () => {
    const parsed = parseHeaders('# c\n/a/*\n  X-A: 1\n\n/a/b\n  X-A: 2\n');
    expect(headersFor(parsed, '/a/b')).toEqual({ 'X-A': '1, 2' });
    expect(headersFor(parsed, '/a/c')).toEqual({ 'X-A': '1' });
    expect(headersFor(parsed, '/b')).toEqual({});
  });
});
