import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../scripts/ingest/scan-csv.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const text = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', '1'), maxLength: 80 });
const options = { stagedHeader: (h: readonly string[]) => h.map((_, i) => `c${i}`) };

describe('scanCsv (property)', () => {
  it('gives the same staged file and counts whatever the chunk size', async () => {
    const dir = await tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), fc.integer({ min: 1, max: 9 }), async (body, bom, chunkBytes) => {
        const path = join(dir, `f${n++}.csv`);
        await writeFile(path, `${bom ? '\ufeff' : ''}a,b,c\n${body}`);
        const whole = await scanCsv(path, 'f.csv', `${path}.whole`, options);
        const small = await scanCsv(path, 'f.csv', `${path}.small`, { ...options, chunkBytes });
        expect(small).toEqual(whole);
        expect(await readFile(`${path}.small`, 'utf8')).toBe(await readFile(`${path}.whole`, 'utf8'));
        expect(whole.rowsRead).toBe(whole.rowsStaged + whole.structuralErrors.length);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('prefixes each record with the line it starts on, across quoted line breaks', async () => {
    const dir = await tempDir();
    const path = join(dir, 'f.csv');
    await writeFile(path, 'a,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n3\r\n4,"open');
    const result = await scanCsv(path, 'f.csv', `${path}.staged`, { ...options, chunkBytes: 3 });
    expect(await readFile(`${path}.staged`, 'utf8')).toBe('__line,c0,c1\n2,1,"x\r\ny"\n5,2,z\n');
    expect(result).toMatchObject({ rowsRead: 4, rowsStaged: 2, blankLines: [4] });
    expect(result.structuralErrors.map((e) => [e.line, e.rule])).toEqual([[6, 'field_count'], [7, 'unterminated_quote']]);
  });
});
