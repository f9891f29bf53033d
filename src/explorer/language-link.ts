/** The language switch goes to the same view in the other language: same query string. */
export function keepLanguage(): void {
  const link = document.querySelector<HTMLAnchorElement>('[data-testid="lang-switch"]');
  if (link !== null) link.search = location.search;
}
