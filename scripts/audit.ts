/**
 * npm run audit -- --data DIR --db FILE [--source S,…] [--province CODE,…] [--sample N] [--seed S] [--block-seconds N] [--json FILE]
 *
 * The attacker's audit of a publication (docs/disclosure.md): exits 1 on any finding but the
 * structural ones, values left undecided by --block-seconds included.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditPublication } from './audit/audit-publication.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'public/data' },
    db: { type: 'string', default: 'build/warehouse.duckdb' },
    sample: { type: 'string' },
    source: { type: 'string' },
    province: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'block-seconds': { type: 'string' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const result = await auditPublication({
  dataDir: values.data,
  dbPath: values.db,
  sources: values.source?.split(',') as ('enterprises' | 'groups' | 'members')[] | undefined,
  provinces: values.province?.split(','),
  sample: values.sample === undefined ? undefined : Number(values.sample),
  seed: Number(values.seed),
  blockSeconds: values['block-seconds'] === undefined ? undefined : Number(values['block-seconds']),
  progress: values.quiet ? undefined : (line) => console.error(line),
});
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
const byRule = Map.groupBy(result.findings, (f) => f.rule);
for (const [rule, list] of byRule) {
  console.log(`${rule}: ${list.length}`);
  for (const f of list.slice(0, 20)) console.log(`  ${f.where}: ${f.detail}`);
}
console.log(`audit: ${result.audited} of ${result.blocks} blocks, ${result.targets} withheld values below k = ${result.k} bounded (${result.solves} LP solves), ${result.findings.length} findings, ${result.seconds.toFixed(1)} s`);
process.exitCode = result.findings.some((f) => f.rule !== 'structural') ? 1 : 0;
