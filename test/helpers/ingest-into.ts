import { join } from 'node:path';
import { runIngest } from '../../scripts/ingest/run-ingest.ts';
import type { IngestReport } from '../../scripts/ingest/ingest-report.ts';
import { tempDir } from './temp-dir.ts';

/** Runs the ingest of `input` into a fresh temporary folder; returns the report and the paths. */
export async function ingestInto(input: string): Promise<{ report: IngestReport; out: string; reports: string; db: string }> {
  const dir = await tempDir();
  const paths = { out: join(dir, 'out'), reports: join(dir, 'reports'), db: join(dir, 'build', 'warehouse.duckdb') };
  const report = await runIngest({ input, out: paths.out, report: paths.reports, db: paths.db });
  return { report, ...paths };
}
