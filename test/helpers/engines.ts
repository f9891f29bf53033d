import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** A SQL engine the metric SQL runs on, reduced to what the tests need. */
export interface TestEngine {
  readonly name: string;
  /** Runs a query; rows as plain objects. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Native DuckDB (the build's engine) on a database file, read-only. */
export async function nativeEngine(dbPath: string): Promise<TestEngine & { connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  return {
    name: 'native',
    connection,
    async query(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

interface WasmConnection {
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): void;
  query(sql: string): { toArray(): Array<{ toJSON(): Record<string, unknown> }> };
  close(): void;
}

interface WasmBlocking {
  createDuckDB(bundles: unknown, logger: unknown, runtime: unknown): Promise<{ instantiate(): Promise<void>; connect(): WasmConnection }>;
  VoidLogger: new () => unknown;
  NODE_RUNTIME: unknown;
}

/**
 * DuckDB-WASM (the browser's engine), run in Node through its blocking bundle with the same
 * exception-handling wasm the site ships, with tables loaded from Arrow IPC streams as the
 * browser loads them.
 */
export async function wasmEngine(tables: Readonly<Record<string, Uint8Array>>): Promise<TestEngine & { insert(name: string, ipc: Uint8Array): Promise<void> }> {
  const require = createRequire(import.meta.url);
  const bundle = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(bundle) as WasmBlocking;
  const dist = dirname(bundle);
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const connection = db.connect();
  for (const [name, ipc] of Object.entries(tables)) connection.insertArrowFromIPCStream(ipc, { name });
  return {
    name: 'wasm',
    async query(sql) {
      return connection.query(sql).toArray().map((row) => ({ ...row.toJSON() }));
    },
    /** Append the rows of an Arrow IPC stream to an existing table, as the browser loads the cube's slices. */
    async insert(name, ipc) {
      connection.insertArrowFromIPCStream(ipc, { name, create: false });
    },
    async close() {
      connection.close();
    },
  };
}
