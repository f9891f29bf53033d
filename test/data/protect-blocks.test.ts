import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import type { BlockCell } from '../../src/lib/disclosure/block-model.ts';
import { protectBlock } from '../../src/lib/disclosure/protect-block.ts';
import { sources } from '../../src/lib/metrics/sources.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { protectBlocks, type BlockJobInput } from '../../scripts/metrics/protect-blocks.ts';

// Blocks of the groups source: a province P, prefecture A with counties A1, A2, A3; each county
// reports two of the eight groups (workers, members). Block b shifts the counts so that blocks
// differ, and some county × group cells hold fewer than k workers.
const metrics = loadMetrics();
const chains: Record<string, string[]> = { A1: ['A1', 'A', 'P'], A2: ['A2', 'A', 'P'], A3: ['A3', 'A', 'P'] };
const levelOf = (region: string) => (region === 'P' ? 'province' : region === 'A' ? 'prefecture' : 'county');

function block(b: number): BlockJobInput {
  const rows = [
    { region: 'A1', group: 'courier', workers: 2 + b, members: 1 },
    { region: 'A1', group: 'truck_driver', workers: 40, members: 12 + b },
    { region: 'A2', group: 'courier', workers: 30, members: 9 },
    { region: 'A2', group: 'security_guard', workers: 3, members: b % 2 },
    { region: 'A3', group: 'truck_driver', workers: 25 + b, members: 5 },
    { region: 'A3', group: 'security_guard', workers: 60, members: 20 },
    { region: 'A3', group: 'care_worker', workers: 3, members: 1 },
  ];
  const cells: BlockCell[] = [];
  const add = (region: string, breakdown: string, category: string, inside: typeof rows) => {
    const workers = inside.reduce((s, r) => s + r.workers, 0);
    if (workers === 0) return;
    const members = inside.reduce((s, r) => s + r.members, 0);
    cells.push({ metric: 'group_enrollment_rate', region, breakdown, category, numerator: members, denominator: workers, population: workers, contributors: null });
  };
  for (const region of ['P', 'A', 'A1', 'A2', 'A3']) {
    const inside = rows.filter((r) => chains[r.region]!.includes(region));
    add(region, 'all', 'all', inside);
    if (levelOf(region) !== 'county') for (const group of sources.groups.dims.group!) add(region, 'group', group, inside.filter((r) => r.group === group));
  }
  return {
    k: 5,
    source: 'groups',
    metrics,
    inner: {
      length: rows.length,
      region: rows.map((r) => r.region),
      dims: { group: rows.map((r) => r.group) },
      values: { workers: Float64Array.from(rows, (r) => r.workers), members: Float64Array.from(rows, (r) => r.members) },
    },
    ancestors: chains,
    cells,
    priority: cells.map((c) => (c.breakdown === 'all' ? 0 : 1) * 10 + ['province', 'prefecture', 'county'].indexOf(levelOf(c.region))),
    seed: 7 + b,
  };
}

describe('protectBlocks (worker threads)', async () => {
  const lp = await highsLoader();
  const inThread = (b: number) => {
    const { ancestors, source, ...rest } = block(b);
    return protectBlock({ ...rest, source: sources[source], ancestors: (leaf) => ancestors[leaf] ?? [leaf] }, lp).status;
  };
  const count = 5;

  it('returns each block what protectBlock decides for it, in block order', async () => {
    const done: [number, number][] = [];
    const results = await protectBlocks(count, async (b) => block(b), (b) => b, { threads: 2, done: (b, seconds) => done.push([b, seconds]) });
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: count }, (_, b) => inThread(b)));
    // Each block is reported done once, with the time it took.
    expect(done.map(([b]) => b).sort()).toEqual(Array.from({ length: count }, (_, b) => b));
    expect(done.every(([, seconds]) => seconds >= 0 && seconds < 60)).toBe(true);
    expect(results.every((r) => r.status.includes('primary') && r.status.includes('secondary'))).toBe(true);
  });

  it('runs a block again in an unbounded worker when a bounded one runs out of memory', async () => {
    // 4 MB of old generation is too little for a worker to load its code: every block fails in
    // its bounded worker and must be run again without the bound.
    const unbounded: number[] = [];
    const results = await protectBlocks(count, async (b) => block(b), (b) => b, { threads: 2, heapMb: 4, unbounded: (b) => unbounded.push(b) });
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: count }, (_, b) => inThread(b)));
    expect(unbounded.length).toBeGreaterThan(0);
  }, 60_000);
});
