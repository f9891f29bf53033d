/**
 * The `_headers` file of static hosts (Netlify, Cloudflare Pages), read the way they read
 * it: rules of a path pattern (exact, or ending in `*` for a prefix) followed by indented
 * `Name: value` lines; `#` starts a comment. Every rule that matches a path applies (the
 * hosts merge them). Used by the static server (static-server.ts), so that `npm start`, the
 * browser tests and the benchmarks get the site's real headers, and by
 * test/lib/site-headers.test.ts.
 *
 * Runs under plain Node (erasable TypeScript only) as well as under vitest.
 */

/** One rule of a `_headers` file. */
export interface HeaderRule {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Parse the text of a `_headers` file. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: { path: string; headers: Record<string, string> }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ path: raw.trim(), headers: {} });
      continue;
    }
    const current = rules.at(-1);
    const match = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(raw);
    if (current === undefined || match === null) throw new Error(`_headers: cannot read line "${raw.trim()}"`);
    const [, name = '', value = ''] = match;
    current.headers[name] = current.headers[name] === undefined ? value.trim() : `${current.headers[name]}, ${value.trim()}`;
  }
  return rules;
}

/** Does a rule's path pattern match a URL path? */
export function ruleMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** The headers every matching rule sets for a URL path (later rules add to earlier ones). */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (!ruleMatches(rule.path, path)) continue;
    for (const [name, value] of Object.entries(rule.headers)) out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}
