import type { DuckDBConnection } from '@duckdb/node-api';
import type { Region } from '../regions/region-reference.ts';

/** Creates the table `regions` (every region of the reference, with its province and prefecture) the cubes join to. */
export async function loadRegions(connection: DuckDBConnection, regions: readonly Region[]): Promise<void> {
  await connection.run(`CREATE TABLE regions (code VARCHAR PRIMARY KEY, level VARCHAR NOT NULL, parent VARCHAR,
    province VARCHAR NOT NULL, prefecture VARCHAR, leaf BOOLEAN NOT NULL, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL)`);
  const appender = await connection.createAppender('regions');
  for (const r of regions) {
    appender.appendVarchar(r.code);
    appender.appendVarchar(r.level);
    if (r.parent === null) appender.appendNull();
    else appender.appendVarchar(r.parent);
    appender.appendVarchar(r.province);
    if (r.prefecture === null) appender.appendNull();
    else appender.appendVarchar(r.prefecture);
    appender.appendBoolean(r.leaf);
    appender.appendVarchar(r.name_zh);
    appender.appendVarchar(r.name_en);
    appender.endRow();
  }
  appender.closeSync();
}
