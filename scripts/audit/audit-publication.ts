import { DuckDBInstance } from '@duckdb/node-api';
import type { PublishedCell } from '../../src/lib/contract/published.ts';
import { seededRandom } from '../../src/lib/disclosure/seeded-random.ts';
import { sources, type SourceId } from '../../src/lib/metrics/sources.ts';
import { loadMetrics } from '../metrics/load-metrics.ts';
import { attackerSystem } from './attacker-system.ts';
import { readBlockCells } from './block-cells.ts';
import { withNeighbourCells } from './neighbour-cells.ts';
import { boundTargets } from './bound-targets.ts';
import { highs } from './interval-solver.ts';
import { readPublication } from './read-publication.ts';

/** Something the audit found: files that disagree, a model that does not reproduce a number, or a withheld value an attacker can narrow. */
export interface Finding {
  readonly rule: 'files' | 'model' | 'interval' | 'structural' | 'infeasible' | 'unfinished';
  /** Where: a file and cell key, or a block and cell. */
  readonly where: string;
  readonly detail: string;
  /** For a withheld value: its measure's kind, true value and the attacker's interval. */
  readonly kind?: string;
  readonly value?: number;
  readonly interval?: readonly [number, number] | null;
}

export interface AuditOptions {
  /** The published data directory (public/data). */
  readonly dataDir: string;
  /** The warehouse the publication was built from (the true values). */
  readonly dbPath: string;
  /** Audit this many blocks, drawn with `seed`; all when absent. */
  readonly sample?: number;
  readonly seed?: number;
  /** Audit only the blocks of these sources (all when absent). */
  readonly sources?: readonly SourceId[];
  /** Audit only the blocks of these provinces (codes such as 640000; all when absent). */
  readonly provinces?: readonly string[];
  /** Seconds the audit may spend bounding one block; what is not decided by then is an "unfinished" finding. */
  readonly blockSeconds?: number;
  /** Reports progress. */
  readonly progress?: (line: string) => void;
}

export interface AuditResult {
  readonly k: number;
  readonly blocks: number;
  readonly audited: number;
  /** Withheld values below k that were bounded. */
  readonly targets: number;
  readonly solves: number;
  readonly findings: readonly Finding[];
  readonly seconds: number;
}

const provinceOf = (c: PublishedCell) => `${(c.region === 'other' ? c.parent! : c.region).slice(0, 2)}0000`;

/**
 * The attacker's audit of a publication: reads every published file, checks they agree, then
 * for each block (source, period, province) bounds every withheld value below k by linear
 * programming over everything published (HiGHS), and compares the interval with the
 * protection level of its kind (docs/disclosure.md).
 */
export async function auditPublication(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(options.dbPath, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const publication = await readPublication(connection, options.dataDir);
  const findings: Finding[] = publication.disagreements.map((d) => ({ rule: 'files', where: `${d.file} ${d.key}`.trim(), detail: d.detail }));
  // The metrics the publication publishes: a metric with no row at all was not published (every
  // published metric has rows), so its absence tells the attacker nothing, not zeros.
  const present = new Set(publication.cells.map((c) => c.metric));
  const definitions = new Map([...loadMetrics()].filter(([id]) => present.has(id)));
  const k = publication.k;

  const blocks: { source: SourceId; period: string; province: string; rows: PublishedCell[] }[] = [];
  for (const sourceId of (['enterprises', 'groups', 'members'] as const).filter((s) => options.sources?.includes(s) ?? true)) {
    const metrics = new Set([...definitions.values()].filter((m) => m.source === sourceId && m.disclosure !== 'none').map((m) => m.id));
    const rows = publication.cells.filter((c) => metrics.has(c.metric));
    for (const [block, list] of Map.groupBy(rows, (c) => `${c.period}|${provinceOf(c)}`)) {
      const [period, province] = block.split('|') as [string, string];
      if (options.provinces !== undefined && !options.provinces.includes(province)) continue;
      blocks.push({ source: sourceId, period, province, rows: list });
    }
  }
  let chosen = blocks;
  if (options.sample !== undefined && options.sample < blocks.length) {
    const random = seededRandom(options.seed ?? 1);
    chosen = blocks.map((b) => ({ b, r: random() })).sort((x, y) => x.r - y.r).slice(0, options.sample).map((x) => x.b);
  }
  const runtime = await highs();
  let targets = 0;
  let solves = 0;
  for (const [i, block] of chosen.entries()) {
    const source = sources[block.source];
    const cells = await readBlockCells(connection, block.source, block.period, block.province);
    const metrics = [...definitions.values()].filter((m) => m.source === block.source && m.disclosure !== 'none');
    const system = attackerSystem({ source, metrics, rows: block.rows, province: block.province, cells, k });
    const name = `${block.source} ${block.period} ${block.province}`;
    for (const m of system.mismatches) findings.push({ rule: 'model', where: m.row === null ? name : `${name} ${describe(m.row)}`, detail: m.detail });
    const t0 = performance.now();
    const neighbours = () => {
      const widened = withNeighbourCells(cells, source);
      return { system: attackerSystem({ source, metrics, rows: block.rows, province: block.province, cells: widened.cells, k, real: widened.real }), places: widened.cells };
    };
    const result = boundTargets(runtime, system, cells, options.blockSeconds === undefined ? Infinity : t0 + options.blockSeconds * 1000, neighbours);
    solves += result.solves;
    targets += system.targets.length;
    for (const f of result.findings) {
      findings.push({ rule: f.rule, where: `${name} ${describe(f.target.row)} ${f.target.measure}`, detail: f.detail, kind: f.target.kind, value: f.target.value, interval: f.interval });
    }
    options.progress?.(`${i + 1}/${chosen.length} ${name}: ${system.targets.length} targets, ${system.stats.variables} variables, ${result.local} of ${result.solved} bounded locally (${Object.entries(result.stages).map(([step, s]) => `${step} ${s.passed}/${s.entered} in ${s.seconds.toFixed(1)} s`).join(', ')}), ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  connection.closeSync();
  instance.closeSync();
  return { k, blocks: blocks.length, audited: chosen.length, targets, solves, findings, seconds: (performance.now() - started) / 1000 };
}

const describe = (c: PublishedCell) => `${c.metric} ${c.level} ${c.region}${c.region === 'other' ? `<${c.parent}` : ''} ${c.breakdown}=${c.category}`;
