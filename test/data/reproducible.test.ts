import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestInto } from '../helpers/ingest-into.ts';

describe('reproducible output', () => {
  it('gives byte-identical published files for two builds of the same input', async () => {
    const input = 'test/fixtures/submissions/metrics-small';
    const [a, b] = [await ingestInto(input), await ingestInto(input)];
    const files = (await readdir(a.out)).sort();
    expect(files).toEqual((await readdir(b.out)).sort());
    expect(files).toEqual(expect.arrayContaining(['metrics.json', 'cube.arrow', 'cube.parquet', 'cube.csv', 'manifest.json', 'summary.json']));
    for (const file of files) expect(Buffer.compare(await readFile(join(a.out, file)), await readFile(join(b.out, file))), file).toBe(0);
  });
});
