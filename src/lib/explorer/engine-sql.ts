/**
 * The SQL the explorer's engine runs besides the views (src/explorer/engine.ts): the
 * settings that keep DuckDB-WASM from loading extensions or reaching files and the
 * network, and the `regions` and `metrics` tables made from the catalog.
 *
 * Pure TypeScript: no DOM, no Node APIs (tested on DuckDB-WASM in Node).
 */
import { ident, str } from '../sql/quote.ts';
import type { Catalog } from './catalog.ts';

/** Before anything is loaded: no extension is ever installed or loaded (none is fetched from a CDN). */
export const SAFE_SETTINGS: readonly string[] = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];

/** After the published tables are loaded: no file or network access, and no way to change that. */
export const LOCK_SETTINGS: readonly string[] = ['SET enable_external_access = false', 'SET lock_configuration = true'];

/** SQL creating the `regions` and `metrics` tables from the catalog. */
export function catalogTablesSql(catalog: Catalog): string[] {
  const regions = catalog.regions
    .map((r) => `(${[str(r.code), str(r.level), r.parent === null ? 'NULL' : str(r.parent), str(r.name_zh), str(r.name_en)].join(', ')})`)
    .join(',\n');
  const metrics = catalog.metrics
    .map((m) => `(${[str(m.id), str(m.unit), str(m.label), str(m.description), str(m.breakdowns.join(','))].join(', ')})`)
    .join(',\n');
  return [
    `CREATE TABLE ${ident('regions')} AS SELECT * FROM (VALUES\n${regions}\n) AS t(code, "level", parent, name_zh, name_en)`,
    `CREATE TABLE ${ident('metrics')} AS SELECT * FROM (VALUES\n${metrics}\n) AS t(metric, unit, label, description, breakdowns)`,
  ];
}
