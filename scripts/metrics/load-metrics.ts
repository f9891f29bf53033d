import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistry } from '../../src/lib/metrics/registry.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';

/** Reads and validates every data/metrics/*.json definition. */
export function loadMetrics(dir = 'data/metrics'): ReadonlyMap<string, MetricDefinition> {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const path = join(dir, name);
    try {
      files[path] = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path}: not valid JSON: ${(error as Error).message}`);
    }
  }
  return createRegistry(files);
}
