import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableDefinition } from '../../src/lib/contract/definitions.ts';
import { ident } from '../../src/lib/sql/quote.ts';
import type { IngestReport } from './ingest-report.ts';
import type { Submission } from './submission.ts';

/** The published summary of a build: what was loaded, never a row of it. */
export interface Summary {
  readonly synthetic: boolean;
  readonly source: string;
  readonly description: string | null;
  /** The latest period in the data. */
  readonly vintage: string | null;
  /**
   * When the data was produced: SOURCE_DATE_EPOCH when set (reproducible builds), else the
   * modification time of the newest input file, so two builds of the same input are identical.
   */
  readonly built_at: string;
  readonly periods: readonly string[];
  readonly files: ReadonlyArray<{ file: string; rows_read: number; rows_accepted: number; rows_rejected: number }>;
  /**
   * Regions the data covers, with every region above them, and how many regions lie directly
   * below each in the national division (GB/T 2260): a region with fewer of them in the data
   * is covered only in part.
   */
  readonly regions: ReadonlyArray<{ code: string; level: string; parent: string | null; name_zh: string; name_en: string; children_total: number }>;
}

/** Builds the summary from the loaded tables and the ingest report. */
export async function buildSummary(
  connection: DuckDBConnection,
  report: IngestReport,
  submission: Submission,
  tables: readonly TableDefinition[],
  builtAt: Date,
): Promise<Summary> {
  const withPeriod = tables.filter((t) => t.columns.some((c) => c.name === 'period'));
  const periods = withPeriod.length === 0
    ? []
    : ((
        await connection.runAndReadAll(
          `SELECT DISTINCT strftime(period, '%Y-%m-%d') AS period FROM (${withPeriod.map((t) => `SELECT period FROM ${ident(t.table)}`).join(' UNION ALL ')}) ORDER BY 1`,
        )
      ).getRowObjectsJS() as { period: string }[]).map((r) => r.period);
  const used = tables.map((t) => `SELECT DISTINCT region_code AS code FROM ${ident(t.table)}`).join(' UNION ');
  const regions = tables.length === 0
    ? []
    : ((
        await connection.runAndReadAll(`WITH used AS (${used}),
          related AS (
            SELECT r.code FROM regions r JOIN used u ON u.code = r.code
            UNION SELECT r.prefecture FROM regions r JOIN used u ON u.code = r.code WHERE r.prefecture IS NOT NULL
            UNION SELECT r.province FROM regions r JOIN used u ON u.code = r.code
          )
          SELECT code, level, parent, name_zh, name_en,
            CAST((SELECT count(*) FROM regions c WHERE c.parent = regions.code) AS INTEGER) AS children_total
          FROM regions WHERE code IN (SELECT code FROM related) ORDER BY code`)
      ).getRowObjectsJS() as Summary['regions'][number][]);
  return {
    synthetic: submission.synthetic,
    source: submission.synthetic ? 'demo' : 'submission',
    description: submission.description ?? null,
    vintage: periods.at(-1) ?? null,
    built_at: builtAt.toISOString(),
    periods,
    files: report.files.map(({ file, rows_read, rows_accepted, rows_rejected }) => ({ file, rows_read, rows_accepted, rows_rejected })),
    regions: regions.map((r) => ({ ...r })),
  };
}
