/**
 * The SQL panel runs a reader's own query, read-only, against the published tables.
 *
 * Three things keep it read-only, in the worker:
 * 1. the database is locked after loading: no file or network access, no extension
 *    loading, and the configuration cannot be changed (see src/explorer/engine.ts);
 * 2. the query is placed inside `SELECT * FROM ( … ) LIMIT n`, which only a query
 *    (SELECT, WITH, FROM, VALUES, DESCRIBE, SUMMARIZE, SHOW) can fill;
 * 3. it is run as one prepared statement, which refuses a second statement after a `;`.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

/** Rows of a result shown (and downloaded); one more is fetched to tell that there were more. */
export const SQL_ROW_LIMIT = 1000;

/** Longest query accepted. */
export const SQL_MAX_LENGTH = 20_000;

/** A query ready to prepare, or why not (with the word it starts with, when that is not a query's). */
export type GuardedQuery =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly reason: 'empty' | 'too_long' | 'several' }
  | { readonly ok: false; readonly reason: 'not_query'; readonly keyword: string };

/** The words a query may start with (after comments and opening parentheses). */
export const QUERY_KEYWORDS: readonly string[] = ['SELECT', 'WITH', 'FROM', 'VALUES', 'DESCRIBE', 'SUMMARIZE', 'SHOW', 'TABLE', 'PIVOT', 'UNPIVOT'];

/**
 * The query's text outside comments and quoted strings and names, each replaced by a space,
 * so that a `;` or a word inside them is not taken for SQL.
 */
function code(body: string): string {
  return body.replace(/--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*(?:'|$)|"(?:[^"]|"")*(?:"|$)/g, ' ');
}

/** The query without trailing semicolons and blanks. */
export function trimQuery(text: string): string {
  let body = text.trim();
  while (body.endsWith(';')) body = body.slice(0, -1).trimEnd();
  return body;
}

/** Wrap a reader's query so that only a query can run, at most `limit + 1` rows. */
export function guardQuery(text: string, limit: number = SQL_ROW_LIMIT): GuardedQuery {
  const body = trimQuery(text);
  if (body === '') return { ok: false, reason: 'empty' };
  if (body.length > SQL_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  // Said in words before DuckDB's parser would say it in its own: not a query, or two statements.
  const sql = code(body);
  const keyword = /^[\s(]*([A-Za-z_]+)/.exec(sql)?.[1]?.toUpperCase();
  if (keyword !== undefined && !QUERY_KEYWORDS.includes(keyword)) return { ok: false, reason: 'not_query', keyword };
  if (sql.includes(';')) return { ok: false, reason: 'several' };
  // Line breaks around the query, so that a trailing `--` comment cannot swallow the `)`.
  return { ok: true, sql: `SELECT * FROM (\n${body}\n) AS ${'"result"'} LIMIT ${String(limit + 1)}` };
}
