import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  LOCALES,
  alternatePath,
  hasMessage,
  localeFromPath,
  localePath,
  otherLocale,
  t,
  toLocale,
  useTranslations,
} from '../../src/lib/i18n.ts';
import astroConfig from '../../astro.config.mjs';

/** Read a locale file as a plain record (also proves it is valid JSON). */
function readMessages(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../src/i18n/${file}`, import.meta.url), 'utf8'));
}

const files = {
  'zh-CN': { ...readMessages('zh-CN.json'), ...readMessages('explorer/zh-CN.json') },
  en: { ...readMessages('en.json'), ...readMessages('explorer/en.json') },
};

/** The sorted, de-duplicated `{placeholder}` names in a message. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

describe('translation files', () => {
  it('have exactly the same keys', () => {
    const zhKeys = Object.keys(files['zh-CN']).sort();
    const enKeys = Object.keys(files.en).sort();
    expect(enKeys).toEqual(zhKeys);
  });

  it('have the same placeholders for every key', () => {
    for (const key of Object.keys(files['zh-CN'])) {
      const zh = files['zh-CN'][key];
      const en = files.en[key];
      expect(typeof zh, key).toBe('string');
      expect(typeof en, key).toBe('string');
      expect(placeholders(String(en)), key).toEqual(placeholders(String(zh)));
    }
  });

  it('use flat dotted keys', () => {
    for (const key of Object.keys(files['zh-CN'])) {
      expect(key).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
    }
  });

  it('have no empty Chinese strings (Chinese is the default locale)', () => {
    for (const [key, value] of Object.entries(files['zh-CN'])) {
      expect(String(value).trim(), key).not.toBe('');
    }
  });
});

describe('t / useTranslations', () => {
  it('translates and substitutes placeholders', () => {
    expect(t('zh-CN', 'nav.home')).toBe('首页');
    expect(t('en', 'nav.home')).toBe('Home');
    expect(t('en', 'footer.vintage', { date: '31 Dec 2024' })).toBe('Data as of 31 Dec 2024');
    expect(useTranslations('zh-CN')('footer.vintage', { date: '2024年12月31日' })).toBe(
      '数据截至：2024年12月31日',
    );
  });

  it('throws when a placeholder has no value', () => {
    expect(() => t('en', 'footer.vintage')).toThrow(/needs a value for \{date\}/);
  });

  it('reports which keys exist', () => {
    expect(hasMessage('en', 'nav.home')).toBe(true);
    expect(hasMessage('en', 'nav.nowhere')).toBe(false);
  });
});

describe('locales', () => {
  it('match astro.config.mjs', () => {
    expect(astroConfig.i18n?.defaultLocale).toBe(DEFAULT_LOCALE);
    expect(astroConfig.i18n?.locales).toEqual([...LOCALES]);
    const routing = astroConfig.i18n?.routing;
    expect(typeof routing === 'object' && routing.prefixDefaultLocale).toBe(false);
    expect(astroConfig.trailingSlash).toBe('always');
  });

  it('narrow unknown values', () => {
    expect(toLocale('en')).toBe('en');
    expect(toLocale('fr')).toBe('zh-CN');
    expect(toLocale(undefined)).toBe('zh-CN');
    expect(otherLocale('en')).toBe('zh-CN');
    expect(otherLocale('zh-CN')).toBe('en');
  });
});

describe('paths', () => {
  it('find the locale of a path', () => {
    expect(localeFromPath('/')).toBe('zh-CN');
    expect(localeFromPath('/data/')).toBe('zh-CN');
    expect(localeFromPath('/en/')).toBe('en');
    expect(localeFromPath('/en')).toBe('en');
    expect(localeFromPath('/en/data/')).toBe('en');
    expect(localeFromPath('/english/')).toBe('zh-CN');
  });

  it('build locale paths with trailing slashes', () => {
    expect(localePath('zh-CN')).toBe('/');
    expect(localePath('en')).toBe('/en/');
    expect(localePath('en', '/data/')).toBe('/en/data/');
    expect(localePath('en', 'data')).toBe('/en/data/');
    expect(localePath('zh-CN', '/sources')).toBe('/sources/');
    expect(localePath('zh-CN', '/en/sources/')).toBe('/sources/');
    expect(localePath('en', '/data/summary.json')).toBe('/en/data/summary.json');
  });

  it('switch to the same page in the other language', () => {
    expect(alternatePath('/')).toBe('/en/');
    expect(alternatePath('/en/')).toBe('/');
    expect(alternatePath('/data/')).toBe('/en/data/');
    expect(alternatePath('/en/data/')).toBe('/data/');
    expect(alternatePath('/en/sources/?x=1#doc-1')).toBe('/sources/');
    expect(alternatePath('/sources/', 'zh-CN')).toBe('/sources/');
  });

  it('round-trip', () => {
    for (const path of ['/', '/data/', '/sources/', '/campaigns/ningxia-2020/']) {
      expect(alternatePath(alternatePath(path))).toBe(path);
    }
  });
});
