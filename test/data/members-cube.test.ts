import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cubeStatements } from '../../scripts/metrics/cube-sql.ts';
import { MAX_MASK_PERIODS } from '../../scripts/metrics/members-cube-sql.ts';
import { ingestInto } from '../helpers/ingest-into.ts';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * cube_members is built from per-date period bitmasks; with more periods than a mask holds,
 * from the plain periods × members cross join. Both must give the same rows.
 */
describe('members cube', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  const count = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRowObjectsJS()[0]!.n);

  beforeAll(async () => {
    const { db } = await ingestInto('test/fixtures/submissions/metrics-small');
    instance = await DuckDBInstance.create(db);
    connection = await instance.connect();
  }, 120_000);
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  it('is the same from bitmasks as from the cross join', async () => {
    const build = async (periods: number, name: string) => {
      await connection.run(cubeStatements(periods)[2]!);
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM cube_members`);
    };
    await build(1, 'masked');
    await build(MAX_MASK_PERIODS + 1, 'crossed');
    const differ = await count(`SELECT count(*) AS n FROM (
      (SELECT * FROM masked EXCEPT ALL SELECT * FROM crossed) UNION ALL (SELECT * FROM crossed EXCEPT ALL SELECT * FROM masked))`);
    expect(differ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM masked WHERE members_at > 0 AND joins > 0 AND online_joins > 0')).toBeGreaterThan(0);
  });
});
