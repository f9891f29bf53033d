import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { compileMetric } from '../../src/lib/metrics/compile-metric.ts';
import { sources } from '../../src/lib/metrics/sources.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { queryToArrow } from '../../scripts/metrics/query-to-arrow.ts';
import { ingestInto } from '../helpers/ingest-into.ts';
import { nativeEngine, wasmEngine, type TestEngine } from '../helpers/engines.ts';

const metrics = loadMetrics();
const order = 'ORDER BY period, level, region, breakdown, category';

/**
 * One truth, two engines: every metric's compiled SQL, run on native DuckDB over the exact
 * cubes and on DuckDB-WASM over the same cubes loaded from Arrow, gives the same rows.
 */
describe('metric SQL on native DuckDB and DuckDB-WASM', () => {
  let native: TestEngine & { connection: Parameters<typeof queryToArrow>[0] };
  let wasm: TestEngine;

  beforeAll(async () => {
    const { db } = await ingestInto('test/fixtures/submissions/metrics-small');
    native = await nativeEngine(db);
    const tables: Record<string, Uint8Array> = {};
    for (const source of Object.values(sources)) tables[source.table] = await queryToArrow(native.connection, `SELECT * FROM ${source.table}`);
    wasm = await wasmEngine(tables);
  });
  afterAll(async () => {
    await native?.close();
    await wasm?.close();
  });

  it.each([...metrics.keys()])('%s', async (id) => {
    const sql = `${compileMetric(metrics.get(id)!)}\n${order}`;
    const [a, b] = await Promise.all([native.query(sql), wasm.query(sql)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
