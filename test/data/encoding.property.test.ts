import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/lib/contract/contract.ts';
import { ingestInto } from '../helpers/ingest-into.ts';
import { query } from '../helpers/query.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const groups = contract.enums.group!.values.flatMap((v) => [v.code, v.zh, ...v.aliases]);
const row = fc.record({
  day: fc.integer({ min: 0, max: 3000 }),
  region: fc.constantFrom('640104', '640181', '640302', '640100', '640000'),
  group: fc.constantFrom(...groups),
  workers: fc.integer({ min: 0, max: 100000 }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  fullwidth: fc.boolean(),
});
const fullwidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('encodings (property)', () => {
  it('the same table written as UTF-8 and as GB18030 ingests to the same values', async () => {
    const dir = await tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        const lines = rows.map((r, i) => {
          const date = new Date(Date.UTC(2012, 0, 1 + r.day + i * 3001)).toISOString().slice(0, 10);
          const workers = r.fullwidth ? fullwidth(String(r.workers)) : String(r.workers);
          return [date, r.region, r.group, workers, String(Math.floor(r.workers * r.share))].join(',');
        });
        const text = `统计时点,区划代码,群体,从业人数,会员人数\n${lines.join('\n')}\n`;
        const results = [];
        for (const [encoding, bytes] of [['utf-8', Buffer.from(text, 'utf8')], ['gb18030', iconv.encode(text, 'gb18030')]] as const) {
          const input = join(dir, `${n}-${encoding}`);
          await mkdir(input);
          await writeFile(join(input, 'groups.csv'), bytes);
          const { report, db } = await ingestInto(input);
          expect(report.files[0]!.encoding).toBe(encoding);
          results.push({ accounting: [report.files[0]!.rows_read, report.files[0]!.rows_accepted], rows: await query(db, 'SELECT * FROM groups ORDER BY source_line') });
        }
        n++;
        expect(results[1]).toEqual(results[0]);
        expect(results[0]!.accounting).toEqual([rows.length, rows.length]);
      }),
      { numRuns: 12, seed: 5 },
    );
  });
});
