/**
 * Where a line of a workbook's CSV came from (scripts/ingest/sheet-lines.ts), the same in
 * JavaScript (the report) and in DuckDB (the rejects file, the per-sheet counts and the
 * duplicate messages): run for real on random sheet layouts.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineListSql, lineSql, locateLine, partOfLine, type SheetPart } from '../../scripts/ingest/sheet-lines.ts';

/** Sheets laid out as workbookAsCsv lays them: one header line, then each sheet's rows in turn. */
const layouts = fc.array(fc.record({ headerRow: fc.integer({ min: 1, max: 11 }), rows: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 4 }).map((sheets) => {
  let next = 2;
  return sheets.map((s, i): SheetPart => {
    const part = { sheet: `表${String(i + 1)}'`, headerRow: s.headerRow, titleRows: [], firstLine: next, rows: s.rows };
    next += s.rows;
    return part;
  });
});

describe('sheet lines', () => {
  it('locates every line the same way in JavaScript and DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await fc.assert(
        fc.asyncProperty(layouts, async (parts) => {
          const last = parts.reduce((n, p) => n + p.rows, 1);
          const at = lineSql(parts, 'line');
          const rows = (await connection.runAndReadAll(`SELECT line, ${at.part} AS part, ${at.sheet} AS sheet, ${at.row} AS "row" FROM range(1, ${String(last + 2)}) AS t(line) ORDER BY line`)).getRowObjectsJS();
          for (const r of rows) {
            const line = Number(r.line);
            const js = locateLine(parts, line);
            expect({ part: Number(r.part), sheet: r.sheet, row: r.row === null ? null : Number(r.row) }).toEqual({ part: partOfLine(parts, line), sheet: js?.sheet ?? null, row: js?.row ?? null });
          }
          // Every sheet row below the header appears once, in order.
          const located = rows.map((r) => locateLine(parts, Number(r.line))).filter((x) => x !== undefined);
          expect(located).toEqual(parts.flatMap((p) => Array.from({ length: p.rows }, (_, i) => ({ sheet: p.sheet, row: p.headerRow + 1 + i }))));
        }),
        { numRuns: 60 },
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('lists lines in words, by sheet for a workbook', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const parts: SheetPart[] = [
        { sheet: '石家庄', headerRow: 1, titleRows: [], firstLine: 2, rows: 3 },
        { sheet: '唐山', headerRow: 2, titleRows: [1], firstLine: 5, rows: 4 },
      ];
      const text = async (list: { en: string; zh: string }) => (await connection.runAndReadAll(`SELECT ${list.en} AS en, ${list.zh} AS zh`)).getRowObjectsJS()[0];
      expect(await text(lineListSql(parts, '[3, 6]'))).toEqual({ en: 'sheet "石家庄" row 3, sheet "唐山" row 4', zh: '“石家庄”表第 3 行、“唐山”表第 4 行' });
      expect(await text(lineListSql(undefined, '[3, 6]'))).toEqual({ en: 'lines 3, 6', zh: '第 3、6 行' });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
