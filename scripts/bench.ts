/**
 * `npm run bench`: measures, on this machine, and writes bench/results.json and the
 * tables of docs/benchmarks.md:
 *
 * 1. the data build (`npm run data`) on the demo data at each scale: wall time, seconds
 *    per million input rows, peak RSS, against the same-job floor (native DuckDB loading
 *    every column of the files with its type and computing the same cubes with the build's
 *    SQL, scripts/bench/duckdb-floor.ts) on the same files, measured right after the build;
 *    the earlier floor (read each CSV, one GROUP BY) is kept as a second line;
 * 2. the site build at each site scale (its published data swapped into public/data, built
 *    into build/bench/site-<scale>/): time and pages;
 * 3. page weight in Chromium on the first site scale (scripts/bench/page-weight.ts);
 * 4. the explorer in Chromium on each site scale (scripts/bench-explorer.ts);
 * 5. disclosure control: the share of metric cells published at 1x, before issue 13 (per-metric
 *    protection, bench/share-before.json) and now; and the attacker's audit (scripts/audit/)
 *    of the first scale's publication on a sample of its blocks: time and findings.
 *
 * Options:
 *   --scales 1,10,30        demo scales of the data build (default)
 *   --site-scales 1,10      scales whose site is built and measured (default; each must be in --scales)
 *   --no-site               data build only (the smoke test in `npm test` runs this, tiny)
 *   --audit-sample N        blocks of the first scale the audit bounds (default 8; 0: files only)
 *   --audit-block-seconds N time the audit may spend on one block (default 120); what it has
 *                           not decided by then is reported as unfinished
 *   --out DIR               where bench/results.json and docs/benchmarks.md go (default: .)
 *
 * Everything runs one step at a time; nothing here is a timed assertion. Targets are
 * checked and reported, never enforced.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { manifestSchema } from '../src/lib/contract/published.ts';
import { auditPublication } from './audit/audit-publication.ts';
import { measurePageWeight, type PageWeight } from './bench/page-weight.ts';
import { EXPLORER_BUDGET } from './bench/explorer-budget.ts';
import { publishedShare, shareTable, type ShareRow } from './bench/published-share.ts';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,10,30' },
    'site-scales': { type: 'string', default: '1,10' },
    'no-site': { type: 'boolean', default: false },
    'audit-sample': { type: 'string', default: '8' },
    'audit-block-seconds': { type: 'string', default: '120' },
    out: { type: 'string' },
  },
});
const scales = values.scales.split(',').map(Number);
const siteScales = values['no-site'] ? [] : values['site-scales'].split(',').map(Number).filter((s) => scales.includes(s));
const work = 'build/bench';
mkdirSync(work, { recursive: true });
const node = process.execPath;
const started = performance.now();

/** Targets of issue 8 (and the page budget of issue 5; the explorer's are issue 17's, in bench-explorer.ts). */
const TARGETS = {
  secondsPerMillionRows: 1.5,
  overFloor: 2,
  peakRssMbAt30x: 2048,
  bytesBeforeFirstChart: 100 * 1024,
  explorer: EXPLORER_BUDGET,
} as const;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const t = performance.now();
  const result = spawnSync(node, args, { encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return { seconds: (performance.now() - t) / 1000, stdout: result.stdout };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface DataResult {
  scale: number;
  input_rows: number;
  input_bytes: number;
  generate_seconds: number;
  build_seconds: number;
  seconds_per_million_rows: number;
  peak_rss_mb: number;
  /** The same-job floor: typed load of every column and the build's cube SQL. */
  floor_seconds: number;
  /** Of the same-job floor: the cube statements. */
  floor_cube_seconds: number;
  build_over_floor: number;
  /** The earlier floor: read each CSV and one GROUP BY. */
  read_floor_seconds: number;
  build_over_read_floor: number;
  stages: Record<string, number>;
}

// ---- 1. Data build ---------------------------------------------------------------------
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
    resources: { seconds: number; max_rss_bytes: number; stages: Record<string, number> };
  };
  const floor = JSON.parse(run(['scripts/bench/duckdb-floor.ts', demo]).stdout.trim().split('\n').at(-1)!) as { seconds: number; cubes: number; read_seconds: number };
  const rows = report.files.reduce((n, f) => n + f.rows_read, 0);
  const stages: Record<string, number> = {};
  for (const f of report.files) for (const [k, v] of Object.entries(f.stages)) stages[k] = round((stages[k] ?? 0) + v, 3);
  for (const [k, v] of Object.entries(report.resources.stages)) stages[k] = round(v, 3);
  // Setup (regions, reference tables), the report and the final checkpoint.
  stages.other = round(report.resources.seconds - Object.values(stages).reduce((a, b) => a + b, 0), 3);
  data.push({
    scale,
    input_rows: rows,
    input_bytes: report.files.reduce((n, f) => n + f.bytes, 0),
    generate_seconds: round(generated, 1),
    build_seconds: round(build.seconds),
    seconds_per_million_rows: round(build.seconds / (rows / 1e6)),
    peak_rss_mb: Math.round(report.resources.max_rss_bytes / 2 ** 20),
    floor_seconds: round(floor.seconds),
    floor_cube_seconds: round(floor.cubes),
    build_over_floor: round(build.seconds / floor.seconds, 1),
    read_floor_seconds: round(floor.read_seconds),
    build_over_read_floor: round(build.seconds / floor.read_seconds, 1),
    stages,
  });
  console.log(JSON.stringify(data.at(-1)));
}

/** Disclosure control: the share published at 1x (before and now) and a sampled audit of the first scale. */
const shareBefore = JSON.parse(readFileSync('bench/share-before.json', 'utf8')) as { commit: string; rows: ShareRow[] };
const share = scales.includes(1) ? shareTable(shareBefore.rows, await publishedShare(join(work, 'out-1', 'cube.csv'))) : null;
const auditScale = scales[0]!;
const audited = await auditPublication({ dataDir: join(work, `out-${String(auditScale)}`), dbPath: join(work, `warehouse-${String(auditScale)}.duckdb`), sample: Number(values['audit-sample']), seed: 1, blockSeconds: Number(values['audit-block-seconds']) });
const audit = {
  scale: auditScale,
  blocks: audited.blocks,
  audited: audited.audited,
  targets: audited.targets,
  solves: audited.solves,
  seconds: round(audited.seconds),
  findings: Object.fromEntries([...Map.groupBy(audited.findings, (f) => f.rule)].map(([rule, list]) => [rule, list.length])),
  exact: audited.findings.filter((f) => f.rule === 'interval' && f.interval?.[0] === f.interval?.[1]).length,
};
console.log(JSON.stringify({ audit }));

/**
 * A national submission, for the extrapolation (docs/scaling.md says where the numbers
 * come from): 18.57 M enterprise legal units (2018 economic census) × 16 snapshots, and
 * about 300 M union members (ACFTU, 2018), one row each.
 */
const NATIONAL_ROWS = 18.57e6 * 16 + 300e6;

/** Least-squares line `seconds = fixed + perRow × rows` through the measured scales. */
function fitLine(points: readonly { x: number; y: number }[]): { fixed: number; perMillion: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  return { fixed: round(my - slope * mx), perMillion: round(slope * 1e6, 3) };
}
const buildFit = fitLine(data.map((d) => ({ x: d.input_rows, y: d.build_seconds })));
const floorFit = fitLine(data.map((d) => ({ x: d.input_rows, y: d.floor_seconds })));
const extrapolation =
  buildFit === null || floorFit === null
    ? null
    : {
        national_rows: NATIONAL_ROWS,
        build_fixed_seconds: buildFit.fixed,
        build_seconds_per_million_rows: buildFit.perMillion,
        national_build_minutes: round((buildFit.fixed + (buildFit.perMillion * NATIONAL_ROWS) / 1e6) / 60, 0),
        floor_seconds_per_million_rows: floorFit.perMillion,
        national_floor_minutes: round((floorFit.fixed + (floorFit.perMillion * NATIONAL_ROWS) / 1e6) / 60, 0),
      };

// ---- 2. Site build ---------------------------------------------------------------------
interface SiteResult {
  scale: number;
  seconds: number;
  pages: number;
  dist_mb: number;
  cube_rows: number;
}

function countPages(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name);
    return n + (statSync(path).isDirectory() ? countPages(path) : name === 'index.html' ? 1 : 0);
  }, 0);
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name);
    return n + (statSync(path).isDirectory() ? dirBytes(path) : statSync(path).size);
  }, 0);
}

const sites: SiteResult[] = [];
for (const scale of siteScales) {
  // Each site is built from its scale's published data, swapped in for public/data.
  const saved = existsSync('public/data') ? `${work}/public-data-saved` : null;
  if (saved !== null) {
    rmSync(saved, { recursive: true, force: true });
    renameSync('public/data', saved);
  }
  const dist = join(work, `site-${scale}`);
  try {
    cpSync(join(work, `out-${scale}`), 'public/data', { recursive: true });
    rmSync(dist, { recursive: true, force: true });
    const built = run(['node_modules/astro/bin/astro.mjs', 'build', '--silent', '--outDir', dist], { ASTRO_TELEMETRY_DISABLED: '1' });
    const manifest = manifestSchema.parse(JSON.parse(readFileSync('public/data/manifest.json', 'utf8')));
    const cube = manifest.files.find((f) => f.file === 'cube.arrow');
    sites.push({ scale, seconds: round(built.seconds, 1), pages: countPages(dist), dist_mb: round(dirBytes(dist) / 1e6, 1), cube_rows: cube?.rows ?? 0 });
    console.log(JSON.stringify({ site: sites.at(-1) }));
  } finally {
    rmSync('public/data', { recursive: true, force: true });
    if (saved !== null) renameSync(saved, 'public/data');
  }
}

// ---- 3. Page weight --------------------------------------------------------------------
let weights: PageWeight[] = [];
if (sites.length > 0) {
  weights = await measurePageWeight(resolve(join(work, `site-${sites[0]!.scale}`)));
  console.log(JSON.stringify({ page_weight: weights }));
}

// ---- 4. Explorer -----------------------------------------------------------------------
interface ExplorerResult {
  scale: number;
  first_visit_answer_ms: number;
  first_visit_bytes: number;
  first_visit_blocking_ms: number;
  first_visit_runs: { answer_ms: number; bytes: number; blocking_ms: number }[];
  first_answer_warm_ms: number;
  first_answer_warm_runs_ms: number[];
  redraw_median_ms: number;
  redraw_p95_ms: number;
  redraw_think_ms: number;
  redraw_slowest_ms: string[];
  [key: string]: unknown;
}
const explorer: ExplorerResult[] = [];
for (const site of sites) {
  const result = JSON.parse(run(['scripts/bench-explorer.ts', '--dist', join(work, `site-${site.scale}`)]).stdout.trim().split('\n').at(-1)!) as ExplorerResult;
  explorer.push({ ...result, scale: site.scale });
  console.log(JSON.stringify({ explorer: explorer.at(-1) }));
}

// ---- Results ---------------------------------------------------------------------------
const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  duckdb: (JSON.parse(readFileSync('node_modules/@duckdb/node-api/package.json', 'utf8')) as { version: string }).version,
  duckdb_wasm: (JSON.parse(readFileSync('node_modules/@duckdb/duckdb-wasm/package.json', 'utf8')) as { version: string }).version,
  chromium: existsSync('/usr/bin/chromium') ? spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim() : null,
};
const bench_seconds = round((performance.now() - started) / 1000, 0);
const results = { measured_at: new Date().toISOString(), bench_seconds, machine, targets: TARGETS, data, extrapolation, sites, page_weight: weights, explorer, audit };
const outDir = values.out ?? '.';
mkdirSync(join(outDir, 'bench'), { recursive: true });
mkdirSync(join(outDir, 'docs'), { recursive: true });
writeFileSync(join(outDir, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
const kb = (bytes: number | null) => (bytes === null ? '–' : (bytes / 1024).toFixed(1));
const sections: string[] = [
  `# Benchmarks`,
  ``,
  `Written by \`npm run bench\` on ${results.measured_at.slice(0, 10)} in ${String(bench_seconds)} s: ${String(machine.cores)} cores (${machine.cpu}), ${String(machine.memory_gb)} GB, Node ${machine.node}, DuckDB ${machine.duckdb}, DuckDB-WASM ${machine.duckdb_wasm}${machine.chromium === null ? '' : `, ${machine.chromium}`}. Raw numbers: [bench/results.json](../bench/results.json). How the pipeline scales beyond these: [scaling.md](scaling.md).`,
  ``,
  `## Data build (\`npm run data\` on the demo data)`,
  ``,
  `Targets: at most ${String(TARGETS.secondsPerMillionRows)} s per million input rows on 2 cores, within ${String(TARGETS.overFloor)}× of the same-job floor, peak RSS under 2 GB at 30×. The same-job floor is native DuckDB, on the same files, loading every column with its type into a database file and computing the same cubes with the build's own SQL (scripts/bench/duckdb-floor.ts; no validation, metrics, disclosure control or exports); the read floor, DuckDB reading each CSV and one GROUP BY, is the floor of earlier benchmarks.`,
  ``,
  '| scale | input rows | input MB | build s | s per M rows | peak RSS MB | same-job floor s (of it cubes) | build / floor | read floor s | build / read floor |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...data.map(
    (d) =>
      `| ${String(d.scale)}x | ${d.input_rows.toLocaleString('en')} | ${(d.input_bytes / 1e6).toFixed(0)} | ${String(d.build_seconds)} | ${String(d.seconds_per_million_rows)} (${mark(d.seconds_per_million_rows <= TARGETS.secondsPerMillionRows)}) | ${String(d.peak_rss_mb)}${d.scale === 30 ? ` (${mark(d.peak_rss_mb < TARGETS.peakRssMbAt30x)})` : ''} | ${String(d.floor_seconds)} (${String(d.floor_cube_seconds)}) | ${String(d.build_over_floor)} (${mark(d.build_over_floor <= TARGETS.overFloor)}) | ${String(d.read_floor_seconds)} | ${String(d.build_over_read_floor)} |`,
  ),
  ``,
  `Stages (seconds: scan to report are summed over the files; summary to metrics_json run once after them; other is setup, the report and the final checkpoint):`,
  ``,
  ...data.map((d) => `- ${String(d.scale)}x: ${Object.entries(d.stages).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`),
];
if (extrapolation !== null) {
  sections.push(
    ``,
    `Straight line through these scales: build ≈ ${String(extrapolation.build_fixed_seconds)} s + ${String(extrapolation.build_seconds_per_million_rows)} s per million rows (the floor: ${String(extrapolation.floor_seconds_per_million_rows)} s per million). For a national submission of ${String(Math.round(NATIONAL_ROWS / 1e6))} M rows that would be about ${String(extrapolation.national_build_minutes)} min on this machine (floor: ${String(extrapolation.national_floor_minutes)} min) if every stage grew with rows; disclosure control, most of the build, grows with the cube's inner cells instead, which the demo's scales do not reach nationally: see [scaling.md](scaling.md).`,
  );
}
if (sites.length > 0) {
  sections.push(
    ``,
    `## Site build (\`astro build\`)`,
    ``,
    `Target: scales with pages, not with input rows.`,
    ``,
    '| data scale | published cube rows | pages | build s | ms per page | dist MB |',
    '|---|---|---|---|---|---|',
    ...sites.map((s) => `| ${String(s.scale)}x | ${s.cube_rows.toLocaleString('en')} | ${String(s.pages)} | ${String(s.seconds)} | ${String(Math.round((s.seconds * 1000) / s.pages))} | ${String(s.dist_mb)} |`),
  );
}
if (weights.length > 0) {
  sections.push(
    ``,
    `## Page weight (Chromium, cold cache, gzip as a CDN sends it, ${String(sites[0]!.scale)}x data)`,
    ``,
    `Target: at most 100 KB before the first chart is on screen; no WebAssembly outside the explorer's intent.`,
    ``,
    '| page | path | KB before first chart | first chart ms | KB total | requests | wasm requests |',
    '|---|---|---|---|---|---|---|',
    ...weights.map(
      (w) =>
        `| ${w.page} | \`${w.path}\` | ${kb(w.bytes_before_first_chart)} (${mark(w.bytes_before_first_chart !== null && w.bytes_before_first_chart <= TARGETS.bytesBeforeFirstChart)}) | ${String(w.first_chart_ms ?? '–')} | ${kb(w.bytes_total)} | ${String(w.requests)} | ${String(w.wasm_requests)} |`,
    ),
  );
}
if (explorer.length > 0) {
  const b = TARGETS.explorer;
  const range = (values: readonly number[]) => (values.length > 1 ? ` (${String(Math.min(...values))}–${String(Math.max(...values))})` : '');
  sections.push(
    ``,
    `## Explorer (Chromium; scripts/bench-explorer.ts)`,
    ``,
    `The views are computed in the page from each metric's published slice; DuckDB-WASM loads only for the SQL panel. Budgets (issue 17): on a first visit (fresh profile; network emulated at 10 Mbit/s down, 5 up, 40 ms round trip; CPU slowed 4x), a change of metric made right after the page's \`load\` event is on screen in ≤ ${String(b.firstVisitAnswerMs)} ms, with ≤ ${String(b.firstVisitBytes / 1024)} KB over the network before it and ≤ ${String(b.firstVisitBlockingMs)} ms total blocking time (long tasks beyond 50 ms from the change until 2 s of quiet, read from the browser's long-task entries under the same throttling; not Lighthouse's simulation); warm (the site's files cached, unthrottled) intent → first answer ≤ ${String(b.warmFirstAnswerMs)} ms; changed filter → redrawn views median ≤ ${String(b.redrawMedianMs)} ms, 95th percentile ≤ ${String(b.redrawP95Ms)} ms (${String(explorer[0]!.redraw_think_ms)} ms between changes). First visits: the median of ${String(explorer[0]!.first_visit_runs.length)}, range in brackets.`,
    ``,
    '| cube | cube rows | first visit: answer ms | KB before it | blocking ms | warm first answer ms | redraw median ms | redraw p95 ms | slowest changes (ms) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...explorer.map((e) => {
      const site = sites.find((s) => s.scale === e.scale);
      const runs = e.first_visit_runs;
      return `| ${String(e.scale)}x | ${(site?.cube_rows ?? 0).toLocaleString('en')} | ${String(e.first_visit_answer_ms)}${range(runs.map((r) => r.answer_ms))} (${mark(e.first_visit_answer_ms <= b.firstVisitAnswerMs)}) | ${String(Math.round(e.first_visit_bytes / 1024))} (${mark(e.first_visit_bytes <= b.firstVisitBytes)}) | ${String(e.first_visit_blocking_ms)}${range(runs.map((r) => r.blocking_ms))} (${mark(e.first_visit_blocking_ms <= b.firstVisitBlockingMs)}) | ${String(e.first_answer_warm_ms)}${range(e.first_answer_warm_runs_ms)} (${mark(e.first_answer_warm_ms <= b.warmFirstAnswerMs)}) | ${String(e.redraw_median_ms)} (${mark(e.redraw_median_ms <= b.redrawMedianMs)}) | ${String(e.redraw_p95_ms)} (${mark(e.redraw_p95_ms <= b.redrawP95Ms)}) | ${e.redraw_slowest_ms.slice(0, 3).join(', ')} |`;
    }),
  );
}
sections.push(
  ``,
  `## Disclosure control`,
  ``,
  `The attacker's audit (\`npm run audit\`, [disclosure.md](disclosure.md)) of the ${String(audit.scale)}x publication, ${String(audit.audited)} of its ${String(audit.blocks)} blocks drawn with seed 1: ${audit.targets.toLocaleString('en')} withheld values below k bounded (${audit.solves.toLocaleString('en')} LP solves) in ${String(audit.seconds)} s; findings: ${Object.entries(audit.findings).map(([rule, n]) => `${rule} ${String(n)}`).join(', ') || 'none'}${audit.exact > 0 ? ` (${String(audit.exact)} determined exactly)` : ''}.`,
);
if (share !== null) {
  sections.push(
    ``,
    `Metric cells of the 1x publication and the share published ("other" rows not counted), before issue 13 (each metric protected on its own, commit ${shareBefore.commit}) and now:`,
    ``,
    share,
  );
}
writeFileSync(join(outDir, 'docs/benchmarks.md'), `${sections.join('\n')}\n`);
console.log(`bench: wrote ${join(outDir, 'bench/results.json')} and ${join(outDir, 'docs/benchmarks.md')} in ${String(bench_seconds)} s`);
