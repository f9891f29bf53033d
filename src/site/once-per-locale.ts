import type { Locale } from '../lib/i18n.ts';

/**
 * A page part (a page's charts) computed once per build for each language and id, whoever
 * asks: the region page, the embed view, the exports and the briefing pack get the same
 * object. The key is the id alone, so `build` resolves what it draws from the id, never from
 * an object a caller passes (two callers passing different objects under one id would get
 * whichever came first).
 */
export function oncePerLocale<T>(build: (locale: Locale, id: string) => T): (locale: Locale, id: string) => T {
  const made = new Map<string, T>();
  return (locale, id) => {
    const key = `${locale}|${id}`;
    let value = made.get(key);
    if (value === undefined) {
      value = build(locale, id);
      made.set(key, value);
    }
    return value;
  };
}
