import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest/run-ingest.ts';
import { tempDir } from '../helpers/temp-dir.ts';

type Record = { kind: 'blank'; text: string } | { kind: 'row'; cells: readonly string[]; valid: boolean };

const cell = fc.string({ unit: fc.constantFrom('a', '1', '-', ' ', ',', '"', '\n', '\r\n', '是', '快递员', '2020-12-31', '640104'), maxLength: 6 });
const record: fc.Arbitrary<Record> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(' ', '', ',,,,', ' , ').map((text) => ({ kind: 'blank' as const, text })) },
  { weight: 3, arbitrary: fc.array(cell, { minLength: 5, maxLength: 5 }).map((cells) => ({ kind: 'row' as const, cells, valid: false })) },
  { weight: 4, arbitrary: fc.constant<Record>({ kind: 'row', cells: [], valid: true }) },
  { weight: 1, arbitrary: fc.array(cell, { minLength: 3, maxLength: 7 }).map((cells) => ({ kind: 'row' as const, cells, valid: false })) },
);

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Serializes records as groups.csv; returns the text and where each data record starts. */
function serialize(records: Record[], eol: string) {
  let text = `period,region_code,group,workers,members${eol}`;
  let line = 2;
  let valid = 0;
  const starts: number[] = [];
  const validLines: number[] = [];
  for (const [i, r] of records.entries()) {
    let body: string;
    if (r.kind === 'blank') body = r.text;
    else if (r.valid) {
      const day = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
      body = [day, '640104', 'courier', '10', String(valid++ % 10)].join(',');
    } else body = r.cells.map(quote).join(',');
    if (/^[ ,\r]*$/.test(body)) {
      // blank: not a row
    } else {
      starts.push(line);
      if (r.kind === 'row' && r.valid) validLines.push(line);
    }
    text += body + eol;
    line += 1 + (body.match(/\n/g)?.length ?? 0);
  }
  return { text, starts, validLines };
}

describe('row accounting (property)', () => {
  it('rows read = accepted + rejected; every error names a line where a row starts; valid rows are kept', async () => {
    const dir = await tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (records, eol, bom) => {
        const input = join(dir, `in-${run++}`);
        await mkdir(input);
        const { text, starts, validLines } = serialize(records, eol);
        await writeFile(join(input, 'groups.csv'), (bom ? '\ufeff' : '') + text);
        const report = await runIngest({ input, out: join(input, 'out'), report: join(input, 'reports'), db: join(input, 'w.duckdb') });
        const file = report.files[0]!;
        expect(file.rows_read).toBe(file.rows_accepted + file.rows_rejected);
        expect(file.rows_read).toBe(starts.length);
        const errorLines = new Set(file.errors.map((e) => e.line));
        for (const line of errorLines) expect(starts).toContain(line);
        for (const line of validLines) expect(errorLines.has(line), `valid row at line ${line} was rejected`).toBe(false);
        expect(file.rows_accepted).toBeGreaterThanOrEqual(validLines.length);
      }),
      { numRuns: 30, seed: 20261121 },
    );
    // Thirty whole ingests: about a minute on two cores, more when the machine is busy.
  }, 180_000);
});
