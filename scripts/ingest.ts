import { parseArgs } from 'node:util';
import { createProgress } from './ingest/progress.ts';
import { InputError } from './ingest/input-error.ts';
import { DEFAULT_K, runIngest } from './ingest/run-ingest.ts';
import { DefinitionError } from './metrics/load-targets.ts';
import { DEFAULT_REPAIR_UP_TO } from '../src/lib/disclosure/repair-limit.ts';

const usage = `usage: npm run data -- [--input DIR] [--out DIR] [--report DIR] [--db FILE] [--k N] [--sheet WORKBOOK=SHEET …] [--interval-repair | --interval-repair-up-to N]

Validates a submission folder of CSV files (or .xlsx workbooks named like them) and loads the accepted rows into DuckDB.
  --input DIR   the submission folder (default: data/demo)
  --out DIR     published output folder (default: public/data)
  --report DIR  report.json and rejects/ (default: reports)
  --db FILE     the DuckDB database file (default: build/warehouse.duckdb)
  --sheet WORKBOOK=SHEET  read only this sheet of a workbook (repeat for more sheets), e.g.
                --sheet enterprises.xlsx=长安区; by default every sheet holding the file's header
  --k N         disclosure threshold: no published number comes from fewer than N enterprises or persons (default 5, at least 3)
  --interval-repair-up-to N  in blocks of up to N variables (measures × inner cells), also bound
                every withheld value by linear programming and withhold more where an attacker
                could narrow it below its protection level (default ${DEFAULT_REPAIR_UP_TO}: every group
                and member block, and the enterprise blocks of small submissions; 0 for none; at
                the 1x demo, 12000 takes in every Zhejiang and Ningxia block, at minutes a block)
  --interval-repair  do that in every block (slow: minutes per large block; the largest 1x
                blocks do not finish)
Exit codes: 0 done (rejected rows are in the report), 2 a file cannot be used, 1 internal error.`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      input: { type: 'string', default: 'data/demo' },
      out: { type: 'string', default: 'public/data' },
      report: { type: 'string', default: 'reports' },
      db: { type: 'string', default: 'build/warehouse.duckdb' },
      k: { type: 'string', default: String(DEFAULT_K) },
      'interval-repair': { type: 'boolean', default: false },
      'interval-repair-up-to': { type: 'string', default: String(DEFAULT_REPAIR_UP_TO) },
      sheet: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`ingest: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const progress = createProgress();
const started = performance.now();
try {
  const k = /^\d+$/.test(values.k) ? Number(values.k) : Number.NaN;
  const sheets: Record<string, string[]> = {};
  for (const choice of values.sheet) {
    const at = choice.indexOf('=');
    if (at <= 0 || at === choice.length - 1) throw new InputError('--sheet', `"${choice}" is not WORKBOOK=SHEET (e.g. enterprises.xlsx=长安区)`);
    (sheets[choice.slice(0, at)] ??= []).push(choice.slice(at + 1));
  }
  const upTo = values['interval-repair-up-to'];
  if (!/^\d+$/.test(upTo)) throw new InputError('--interval-repair-up-to', `"${upTo}" is not a whole number of variables`);
  const report = await runIngest({ input: values.input, out: values.out, report: values.report, db: values.db, k, sheets,
    repairIntervals: values['interval-repair'], repairUpTo: Number(upTo), progress });
  const rejected = report.files.reduce((n, f) => n + f.rows_rejected, 0);
  progress.line(
    `ingest: ${report.files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      (rejected > 0 ? `${rejected.toLocaleString('en')} rows rejected, see ${values.report}/rejects/` : 'no rows rejected') +
      `; report: ${values.report}/report.json`,
  );
} catch (error) {
  if (error instanceof InputError) {
    console.error(`ingest: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof DefinitionError) {
    console.error(`ingest: ${error.message}`);
    process.exit(1);
  }
  console.error(`ingest: internal error: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}
