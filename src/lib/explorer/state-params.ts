/**
 * The query parameters of an explorer view (state.ts reads and writes them). Apart so
 * that the entry script (src/explorer/boot.ts) can tell a link that names a view without
 * loading the state code.
 */

/** The explorer's query parameters, in the order state.ts writes them. */
export const STATE_PARAMS = ['m', 'target', 'from', 'to', 'in', 'level', 'sel', 'by', 'only', 'lines', 'cmp', 'table', 'sql'] as const;

/** Whether a query string holds any of the explorer's parameters. */
export function hasStateParams(search: string): boolean {
  const params = new URLSearchParams(search);
  return STATE_PARAMS.some((name) => params.has(name));
}
