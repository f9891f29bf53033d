import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsFileSchema } from '../../src/lib/contract/published.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { DefinitionError, loadTargets } from '../../scripts/metrics/load-targets.ts';
import { ingestInto } from '../helpers/ingest-into.ts';

const metrics = loadMetrics();

describe('campaign targets in the build', () => {
  it('publishes every target with its citation, and status rows for every measured one', async () => {
    const { out } = await ingestInto('test/fixtures/submissions/metrics-small');
    const json = metricsFileSchema.parse(JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')));
    const { targets } = loadTargets(metrics);
    expect(json.target_definitions.map((t) => t.id).sort()).toEqual(targets.map((t) => t.id).sort());
    for (const t of json.target_definitions) {
      expect(t.clause.zh.length, t.id).toBeGreaterThan(4);
      expect(t.clause.en.length, t.id).toBeGreaterThan(4);
      expect(t.document_date, t.id).toMatch(/^\d{4}/);
    }
    // The fixture is in Ningxia: its measured targets have status rows for the province and below.
    const ningxia = json.target_definitions.filter((t) => t.id.startsWith('ningxia-2020') && t.metric !== null);
    for (const t of ningxia) expect(json.targets.some((r) => r.target === t.id && r.region === '640000'), t.id).toBe(true);
    expect(json.targets.filter((r) => r.target === 'ningxia-2020-migrant-enrollment').map((r) => r.region)).toEqual(expect.arrayContaining(['640000', '640100', '640104']));
  });

  it('stops the build naming the file, line and field when a target file is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'targets-'));
    await cp('data/campaigns', dir, { recursive: true });
    const file = join(dir, 'ningxia-2020.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('metric: migrant_enrollment_rate', 'metric: migrant_rate').replace('deadline: 2020-12-31', 'deadline: 2019-06-30'));
    let error: unknown;
    try {
      loadTargets(metrics, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    const message = (error as Error).message;
    expect(message).toMatch(/ningxia-2020\.yaml:\d+: targets\[0\]\.metric: unknown metric 'migrant_rate'/);
    expect(message).toMatch(/ningxia-2020\.yaml:\d+: targets\[0\]\.deadline: /);
  });
});
