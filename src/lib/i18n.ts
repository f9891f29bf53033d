/**
 * Translations and locale-aware paths for everything a reader sees.
 *
 * The strings live in flat JSON files with dotted keys, one pair per area (src/i18n/zh-CN.json
 * and src/i18n/en.json for the pages, src/i18n/explorer/ for the explorer). Chinese is the default locale and is served at `/`; English is
 * served at `/en/`. Keep LOCALES / DEFAULT_LOCALE in step with astro.config.mjs
 * (test/lib/i18n.test.ts checks it).
 *
 * Plain TypeScript with no Astro imports, so scripts and tests can use it too.
 */
import zhCNSite from '../i18n/zh-CN.json' with { type: 'json' };
import enSite from '../i18n/en.json' with { type: 'json' };
import zhCNExplorer from '../i18n/explorer/zh-CN.json' with { type: 'json' };
import enExplorer from '../i18n/explorer/en.json' with { type: 'json' };

// One set of translation files, split by area (src/i18n/*.json for the pages,
// src/i18n/explorer/*.json for the explorer) so that areas can grow independently.
const zhCN = { ...zhCNSite, ...zhCNExplorer };
const en = { ...enSite, ...enExplorer };

/** Locales the site is published in, default first. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** A locale the site is published in. */
export type Locale = (typeof LOCALES)[number];

/** The default locale, served without a path prefix. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A translation key (the Chinese file is the reference set of keys). */
export type MessageKey = keyof typeof zhCN;

/** Values substituted for `{name}` placeholders in a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

/** URL path prefix of each locale (no trailing slash; empty for the default). */
const PREFIX: Readonly<Record<Locale, string>> = { 'zh-CN': '', en: '/en' };

/** Type guard: is `value` one of the site's locales? */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Narrow an arbitrary value (e.g. `Astro.currentLocale`) to a site locale, falling back
 * to the default locale.
 */
export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/**
 * The locale a page is rendered in, from `Astro.currentLocale` (Astro derives it from the
 * URL with the i18n settings of astro.config.mjs). Throws on anything else, so that a
 * route outside the locales' paths fails the build instead of rendering in a default.
 */
export function requireLocale(value: unknown): Locale {
  if (!isLocale(value)) throw new Error(`not a site locale: ${JSON.stringify(value)}`);
  return value;
}

/** The path segment of a locale's pages: undefined for the default locale (served at `/`), `en` for English. */
export function localeSegment(locale: Locale): string | undefined {
  return PREFIX[locale] === '' ? undefined : PREFIX[locale].slice(1);
}

/** Does the locale file for `locale` have this key? Useful for optional, data-driven keys. */
export function hasMessage(locale: Locale, key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES[locale], key);
}

/**
 * Translate `key` into `locale`, replacing `{name}` placeholders with `params`.
 *
 * Throws if a placeholder has no value, so a missing parameter fails the build instead
 * of showing a raw `{name}` to readers.
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = MESSAGES[locale][key];
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`i18n: message "${key}" (${locale}) needs a value for {${name}}`);
    }
    return String(value);
  });
}

/** A translate function bound to one locale: `const tr = useTranslations('en'); tr('nav.home')`. */
export function useTranslations(
  locale: Locale,
): (key: MessageKey, params?: MessageParams) => string {
  return (key, params) => t(locale, key, params);
}

/** The value of the HTML `lang` attribute for a locale. */
export function htmlLang(locale: Locale): string {
  return locale;
}

/** The other locale (the site has exactly two). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh-CN' : 'en';
}

/**
 * Normalise a site path: leading slash, no query/hash, trailing slash on directory-like
 * paths (the site's policy is `trailingSlash: 'always'`); file paths such as
 * `/404.html` or `/data/summary.json` keep their extension and get no slash.
 */
function normalisePath(path: string): string {
  let p = path.split(/[?#]/, 1)[0] ?? '';
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/{2,}/g, '/');
  const last = p.slice(p.lastIndexOf('/') + 1);
  if (!p.endsWith('/') && !last.includes('.')) p = `${p}/`;
  return p;
}

/** The locale a site path belongs to (`/en/…` is English, everything else Chinese). */
export function localeFromPath(path: string): Locale {
  const p = normalisePath(path);
  for (const locale of LOCALES) {
    const prefix = PREFIX[locale];
    if (prefix !== '' && (p === `${prefix}/` || p.startsWith(`${prefix}/`))) return locale;
  }
  return DEFAULT_LOCALE;
}

/** Strip the locale prefix: `/en/data/` → `/data/`, `/data/` → `/data/`. */
export function stripLocale(path: string): string {
  const p = normalisePath(path);
  const prefix = PREFIX[localeFromPath(p)];
  return prefix === '' ? p : p.slice(prefix.length);
}

/**
 * The path of page `path` (written without locale prefix, e.g. `/data/` or `data`) in
 * `locale`: `localePath('en', '/data/')` → `/en/data/`, `localePath('zh-CN', 'data')` →
 * `/data/`. A path that already carries a locale prefix is re-targeted.
 */
export function localePath(locale: Locale, path = '/'): string {
  const bare = stripLocale(path);
  return `${PREFIX[locale]}${bare}`;
}

/**
 * The same page in another locale, for the language switch:
 * `alternatePath('/en/sources/')` → `/sources/`, `alternatePath('/data/')` → `/en/data/`.
 * Query strings and fragments are dropped.
 */
export function alternatePath(currentPath: string, target?: Locale): string {
  const to = target ?? otherLocale(localeFromPath(currentPath));
  return localePath(to, currentPath);
}
