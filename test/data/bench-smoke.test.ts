import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';

describe('npm run bench (smoke run at a tiny scale)', () => {
  it('measures the data build against the DuckDB floor and writes results and the table', async () => {
    const out = await tempDir();
    const result = spawnSync(process.execPath, ['scripts/bench.ts', '--scales', '0.02', '--no-site', '--out', out], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'bench/results.json'), 'utf8')) as { machine: { cores: number }; data: Record<string, number>[]; audit: { scale: number; audited: number } };
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.data[0]).toMatchObject({ scale: 0.02 });
    for (const key of ['input_rows', 'build_seconds', 'seconds_per_million_rows', 'peak_rss_mb', 'floor_seconds', 'floor_cube_seconds', 'build_over_floor', 'read_floor_seconds']) {
      expect(results.data[0]![key], key).toBeGreaterThan(0);
    }
    const markdown = readFileSync(join(out, 'docs/benchmarks.md'), 'utf8');
    expect(markdown).toMatch(/\| 0\.02x \|/);
    expect(results.audit).toMatchObject({ scale: 0.02 });
    expect(results.audit.audited).toBeGreaterThan(0);
    expect(markdown).toMatch(/attacker's audit .* withheld values below k bounded/);
  }, 120_000);
});
