/**
 * A worker that makes one number and one date formatter for each locale it is sent, then
 * ends: see warm-intl.ts.
 */
addEventListener('message', (event: MessageEvent<unknown>) => {
  const locales = Array.isArray(event.data) ? event.data.filter((l): l is string => typeof l === 'string') : [];
  for (const locale of locales) {
    new Intl.NumberFormat(locale).format(1234.5);
    new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(0);
  }
  close();
});
