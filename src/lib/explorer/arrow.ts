/**
 * Arrow IPC files of what the explorer shows, written with flechette (no DuckDB needed):
 * the rows of a view with typed columns, or a query result DuckDB-WASM returned as an
 * Arrow IPC stream, rewritten in the Arrow file format (`.arrow`) that pandas, R and
 * DuckDB open directly.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { bool, float64, tableFromArrays, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import { ROW_COLUMNS, rowValues, type ViewRow } from './rows.ts';

/** Arrow types of the view columns. */
const NUMBER_COLUMNS = new Set(['numerator', 'denominator', 'population', 'value']);

/** The rows of a view as an Arrow IPC file. */
export function viewRowsToArrow(rows: readonly ViewRow[]): Uint8Array {
  const values = rows.map(rowValues);
  const data: Record<string, unknown[]> = {};
  const types: Record<string, ReturnType<typeof utf8> | ReturnType<typeof float64> | ReturnType<typeof bool>> = {};
  ROW_COLUMNS.forEach((name, i) => {
    data[name] = values.map((row) => row[i] ?? null);
    types[name] = name === 'suppressed' ? bool() : NUMBER_COLUMNS.has(name) ? float64() : utf8();
  });
  const table = tableFromArrays(data as Record<string, unknown[]> as Parameters<typeof tableFromArrays>[0], { types });
  const bytes = tableToIPC(table, { format: 'file' });
  if (bytes === null) throw new Error('explorer: Arrow encoding returned nothing');
  return bytes;
}

/** An Arrow IPC stream (as DuckDB-WASM returns results) rewritten as an Arrow IPC file. */
export function ipcStreamToFile(stream: Uint8Array): Uint8Array {
  const bytes = tableToIPC(tableFromIPC(stream), { format: 'file' });
  if (bytes === null) throw new Error('explorer: Arrow encoding returned nothing');
  return bytes;
}
