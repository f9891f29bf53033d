import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manifestSchema, publishedCellSchema, type PublishedCell } from '../../src/lib/contract/published.ts';
import { compileMetric } from '../../src/lib/metrics/compile-metric.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { runIngest } from '../../scripts/ingest/run-ingest.ts';
import { nativeEngine, type TestEngine } from '../helpers/engines.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { audit, type AuditRelation } from '../helpers/disclosure-audit.ts';

const metrics = loadMetrics();
const cases = [
  { name: 'small demo (scale 0.05), k = 5', k: 5, demoScale: '0.05', input: '' },
  { name: 'metrics-small fixture (counts reported above county level), k = 3', k: 3, demoScale: '', input: 'test/fixtures/submissions/metrics-small' },
];

describe.each(cases)('what npm run data publishes is protected and adds up: $name', ({ k, demoScale, input }) => {
  let out: string;
  let engine: TestEngine;
  let cells: PublishedCell[];

  beforeAll(async () => {
    const dir = await tempDir();
    let source = input;
    if (demoScale !== '') {
      source = join(dir, 'in');
      const generated = spawnSync(process.execPath, ['scripts/generate-demo.ts', '--out', source, '--scale', demoScale], { encoding: 'utf8' });
      expect(generated.status, generated.stderr).toBe(0);
    }
    out = join(dir, 'out');
    const db = join(dir, 'w.duckdb');
    await runIngest({ input: source, out, report: join(dir, 'reports'), db, k });
    engine = await nativeEngine(db);
    cells = z.array(publishedCellSchema).parse(await engine.query('SELECT * FROM published_cells'));
  }, 120_000);
  afterAll(() => engine?.close());

  it('publishes no value computed from fewer than k units', () => {
    const protectedMetrics = new Set([...metrics.values()].filter((m) => m.disclosure !== 'none').map((m) => m.id));
    const visible = cells.filter((c) => protectedMetrics.has(c.metric) && !c.suppressed);
    expect(visible.length).toBeGreaterThan(100);
    for (const c of visible) if (c.population !== null && c.population > 0) expect(c.population, JSON.stringify(c)).toBeGreaterThanOrEqual(k);
    for (const c of cells.filter((x) => x.suppressed)) expect([c.value, c.numerator, c.denominator, c.population]).toEqual([null, null, null, null]);
    expect(cells.filter((c) => c.suppressed).length).toBeGreaterThan(0);
  });

  it('keeps totals exact: published parts plus the "other" row add up to every published total', () => {
    // Parts of a total: its categories (per breakdown), or the regions below it (per category).
    const parts = new Map<string, PublishedCell[]>();
    const push = (key: string, c: PublishedCell) => parts.set(key, [...(parts.get(key) ?? []), c]);
    for (const c of cells) {
      if (c.breakdown !== 'all') push(`B|${c.metric}|${c.period}|${c.level}|${c.region}|${c.breakdown}`, c);
      if (c.parent !== null) push(`R|${c.metric}|${c.period}|${c.parent}|${c.breakdown}|${c.category}`, c);
    }
    let checked = 0;
    for (const total of cells.filter((c) => !c.suppressed && c.region !== 'other' && c.category !== 'other')) {
      const keys = [`R|${total.metric}|${total.period}|${total.region}|${total.breakdown}|${total.category}`];
      if (total.breakdown === 'all') {
        for (const dim of ['ownership', 'industry', 'size_band', 'group']) keys.push(`B|${total.metric}|${total.period}|${total.level}|${total.region}|${dim}`);
      }
      for (const key of keys) {
        const members = parts.get(key);
        if (members === undefined) continue;
        const shown = members.filter((m) => !m.suppressed);
        const hiddenWithoutOther = members.some((m) => m.suppressed) && !members.some((m) => m.region === 'other' || m.category === 'other');
        expect(hiddenWithoutOther, `${key}: suppressed parts but no "other" row`).toBe(false);
        const sum = (f: (c: PublishedCell) => number | null) => shown.reduce((n, p) => n + (f(p) ?? 0), 0);
        expect(sum((c) => c.numerator), key).toBeCloseTo(total.numerator ?? 0, 6);
        if (total.denominator !== null) expect(sum((c) => c.denominator), key).toBeCloseTo(total.denominator, 6);
        if (total.population !== null) expect(sum((c) => c.population), key).toBeCloseTo(total.population, 6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('lets no suppressed cell below k be recovered by subtracting published ones', async () => {
    let audited = 0;
    for (const metric of [...metrics.values()].filter((m) => m.disclosure !== 'none')) {
      const exact = await engine.query(compileMetric(metric));
      const exactPop = new Map(exact.map((e) => [`${e.period}|${e.level}|${e.region}|${e.breakdown}|${e.category}`, { pop: Number(e.population ?? 0), contrib: Number(e.contributors ?? 0) }]));
      const published = cells.filter((c) => c.metric === metric.id && c.region !== 'other' && c.category !== 'other');
      for (const period of new Set(published.map((c) => c.period))) {
        const inPeriod = published.filter((c) => c.period === period);
        const id = (c: PublishedCell) => `${c.period}|${c.level}|${c.region}|${c.breakdown}|${c.category}`;
        const relations: AuditRelation[] = [];
        const groupsOf = new Map<string, string[]>();
        for (const c of inPeriod) {
          if (c.parent !== null) {
            const key = `R|${c.parent}|${c.breakdown}|${c.category}`;
            groupsOf.set(key, [...(groupsOf.get(key) ?? []), id(c)]);
          }
          if (c.breakdown !== 'all') {
            const key = `B|${c.level}|${c.region}|${c.breakdown}`;
            groupsOf.set(key, [...(groupsOf.get(key) ?? []), id(c)]);
          }
        }
        const levelOf = new Map(inPeriod.filter((c) => c.breakdown === 'all').map((c) => [c.region, c.level]));
        for (const [key, members] of groupsOf) {
          const [kind, a, b, c] = key.split('|');
          const total = kind === 'R' ? `${period}|${levelOf.get(a!)}|${a}|${b}|${c}` : `${period}|${a}|${b}|all|all`;
          relations.push({ total, members });
        }
        const { derived, unknown } = audit(inPeriod.map((c) => ({ id: id(c), published: !c.suppressed })), relations);
        const sensitive = (key: string) => {
          const e = exactPop.get(key) ?? { pop: 0, contrib: 0 };
          return (e.pop > 0 && e.pop < k) || (e.contrib > 0 && e.contrib < k);
        };
        for (const key of derived) expect(sensitive(key), `${metric.id} ${key} can be recovered`).toBe(false);
        for (const set of unknown) {
          const pop = set.reduce((n, key) => n + (exactPop.get(key)?.pop ?? 0), 0);
          expect(pop === 0 || pop >= k, `${metric.id}: suppressed ${set.join(', ')} add up to ${pop}`).toBe(true);
        }
        audited++;
      }
    }
    expect(audited).toBeGreaterThan(20);
  });

  it('publishes no id, name or row: only aggregate files', async () => {
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')));
    expect(manifest.files.map((f) => f.file).sort()).toEqual(['cube.arrow', 'cube.csv', 'cube.parquet', 'metrics.json']);
    for (const file of ['metrics.json', 'cube.csv', 'summary.json']) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text).not.toMatch(/\bE[0-9a-f]{10}\b|\bM[0-9a-f]{10}\b|\bE0\d\d\b|\bM0\d\d\b|enterprise_id|member_id/);
    }
  });
});
