import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run bench`: measures the data build at several scales against a DuckDB floor, and the
 * site build, and writes bench/results.json and the table in docs/benchmarks.md.
 *   --scales 1,10,30   demo scales to build (default)
 *   --site / --no-site  also time the site build (default: yes, at 1x)
 *   --out DIR           where results go (default: bench/ and docs/)
 */
const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,10,30' },
    site: { type: 'boolean', default: true },
    'no-site': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const scales = values.scales.split(',').map(Number);
const work = 'build/bench';
mkdirSync(work, { recursive: true });
const node = process.execPath;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = performance.now();
  const result = spawnSync(node, args, { encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, stdout: result.stdout };
}

interface DataResult {
  scale: number;
  input_rows: number;
  input_bytes: number;
  generate_seconds: number;
  build_seconds: number;
  seconds_per_million_rows: number;
  peak_rss_mb: number;
  floor_seconds: number;
  build_over_floor: number;
  stages: Record<string, number>;
}

const data: DataResult[] = [];
for (const scale of scales) {
  const demo = join(work, `demo-${scale}`);
  let generated = 0;
  const marker = join(demo, 'submission.json');
  if (!existsSync(marker) || JSON.parse(readFileSync(marker, 'utf8')).generator?.scale !== scale) {
    rmSync(demo, { recursive: true, force: true });
    generated = run(['scripts/generate-demo.ts', '--out', demo, '--scale', String(scale)]).seconds;
  }
  const out = join(work, `out-${scale}`);
  const build = run(['scripts/ingest.ts', '--input', demo, '--out', out, '--report', join(work, `report-${scale}`), '--db', join(work, `warehouse-${scale}.duckdb`)]);
  const report = JSON.parse(readFileSync(join(work, `report-${scale}`, 'report.json'), 'utf8')) as {
    files: { rows_read: number; bytes: number; stages: Record<string, number> }[];
    resources: { seconds: number; max_rss_bytes: number };
  };
  const floor = JSON.parse(run(['scripts/bench/duckdb-floor.ts', demo]).stdout.trim().split('\n').at(-1)!) as { seconds: number };
  const rows = report.files.reduce((n, f) => n + f.rows_read, 0);
  const stages: Record<string, number> = {};
  for (const f of report.files) for (const [k, v] of Object.entries(f.stages)) stages[k] = Math.round(((stages[k] ?? 0) + v) * 1000) / 1000;
  stages.metrics_and_publish = Math.round((report.resources.seconds - report.files.reduce((n, f) => n + Object.values(f.stages).reduce((a, b) => a + b, 0), 0)) * 1000) / 1000;
  data.push({
    scale,
    input_rows: rows,
    input_bytes: report.files.reduce((n, f) => n + f.bytes, 0),
    generate_seconds: Math.round(generated * 10) / 10,
    build_seconds: Math.round(build.seconds * 100) / 100,
    seconds_per_million_rows: Math.round((build.seconds / (rows / 1e6)) * 100) / 100,
    peak_rss_mb: Math.round(report.resources.max_rss_bytes / 2 ** 20),
    floor_seconds: Math.round(floor.seconds * 100) / 100,
    build_over_floor: Math.round((build.seconds / floor.seconds) * 10) / 10,
    stages,
  });
  console.log(JSON.stringify(data.at(-1)));
}

let site: { scale: number; seconds: number; pages: number } | null = null;
if (values.site && !values['no-site'] && existsSync(join(work, `out-${scales[0]}`))) {
  // The site is built from the first scale's published data, swapped in for public/data.
  const saved = existsSync('public/data') ? `${work}/public-data-saved` : null;
  if (saved !== null) {
    rmSync(saved, { recursive: true, force: true });
    renameSync('public/data', saved);
  }
  try {
    cpSync(join(work, `out-${scales[0]}`), 'public/data', { recursive: true });
    const built = run(['node_modules/astro/bin/astro.mjs', 'build', '--silent'], { ASTRO_TELEMETRY_DISABLED: '1' });
    const pages = (function count(dir: string): number {
      return readdirSync(dir).reduce((n, name) => {
        const path = join(dir, name);
        return n + (statSync(path).isDirectory() ? count(path) : name === 'index.html' ? 1 : 0);
      }, 0);
    })('dist');
    site = { scale: scales[0]!, seconds: Math.round(built.seconds * 10) / 10, pages };
    console.log(JSON.stringify({ site }));
  } finally {
    rmSync('public/data', { recursive: true, force: true });
    if (saved !== null) renameSync(saved, 'public/data');
  }
}

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  duckdb: JSON.parse(readFileSync('node_modules/@duckdb/node-api/package.json', 'utf8')).version as string,
};
const results = { measured_at: new Date().toISOString(), machine, data, site };
const outDir = values.out ?? '.';
mkdirSync(join(outDir, 'bench'), { recursive: true });
mkdirSync(join(outDir, 'docs'), { recursive: true });
writeFileSync(join(outDir, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
const table = [
  '| scale | input rows | input MB | build s | s per M rows | peak RSS MB | DuckDB floor s | build / floor |',
  '|---|---|---|---|---|---|---|---|',
  ...data.map((d) => `| ${d.scale}x | ${d.input_rows.toLocaleString('en')} | ${(d.input_bytes / 1e6).toFixed(0)} | ${d.build_seconds} | ${d.seconds_per_million_rows} | ${d.peak_rss_mb} | ${d.floor_seconds} | ${d.build_over_floor} |`),
].join('\n');
const doc = `# Benchmarks

Written by \`npm run bench\` on ${results.measured_at.slice(0, 10)}: ${machine.cores} cores (${machine.cpu}), ${machine.memory_gb} GB, Node ${machine.node}, DuckDB ${machine.duckdb}.

## Data build (\`npm run data\` on the demo data)

${table}

Stages (seconds, all files; the last scale): ${Object.entries(data.at(-1)?.stages ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}.

${site === null ? '' : `## Site build\n\n${site.pages} pages in ${site.seconds} s from the ${site.scale}x data.\n`}`;
writeFileSync(join(outDir, 'docs/benchmarks.md'), doc);
console.log(`bench: wrote ${join(outDir, 'bench/results.json')} and ${join(outDir, 'docs/benchmarks.md')}`);
