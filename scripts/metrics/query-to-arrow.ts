import type { DuckDBConnection } from '@duckdb/node-api';
import * as aq from 'arquero';
import type { DataType } from '@uwdata/flechette';

/**
 * Runs a query on native DuckDB and returns its result as an Arrow IPC stream (what
 * DuckDB-WASM's insertArrowFromIPCStream reads). Column types are inferred unless given.
 */
export async function queryToArrow(connection: DuckDBConnection, sql: string, types: Record<string, DataType> = {}): Promise<Uint8Array> {
  const columns = (await connection.runAndReadAll(sql)).getColumnsObjectJS();
  return aq.toArrowIPC(aq.table(columns as Record<string, unknown[]>), { format: 'stream', types });
}
