import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isUtf8 } from 'node:buffer';
import { InputError } from './input-error.ts';
import { RecordScanner, stagedRecord, type SpecialRecord } from './record-scanner.ts';

/** A row refused before its cells are looked at (wrong number of cells, open quote). */
export interface StructuralError {
  readonly line: number;
  readonly rule: 'field_count' | 'unterminated_quote';
  readonly message: string;
  readonly message_zh: string;
  readonly value: string;
}

/** What scanning one CSV file found. */
export interface ScanResult {
  readonly encoding: 'utf-8' | 'utf-8-bom';
  /** Header cells as written in the file (trimmed). */
  readonly header: readonly string[];
  /** Data rows read: every non-blank record after the header. */
  readonly rowsRead: number;
  /** Rows written to the staged file (rows read minus structural errors). */
  readonly rowsStaged: number;
  /** Lines that were blank (or held only commas and spaces), skipped and reported. */
  readonly blankLines: readonly number[];
  readonly structuralErrors: readonly StructuralError[];
  readonly bytes: number;
}

/** How the staged copy is written. */
export interface ScanOptions {
  /** Called with the number of bytes read so far, once per chunk. */
  readonly onProgress?: (bytesRead: number) => void;
  /**
   * Checks the header cells and returns the staged file's column names (the line column is
   * added in front). Throws an InputError for a header that cannot be used.
   */
  readonly stagedHeader: (header: readonly string[]) => readonly string[];
  /** Bytes read at a time (tests use tiny chunks to cross every boundary). */
  readonly chunkBytes?: number;
}

const LF = 0x0a;
const CHUNK_BYTES = 1 << 20;
const MAX_VALUE_CHARS = 200;

/**
 * Streams a UTF-8 CSV file once and writes a staged copy in which every record is prefixed
 * with the line it starts on (the header is line 1, as an editor or Excel shows it), so the
 * database can report errors by line. Records whose cell count differs from the header's
 * are refused here, blank records are skipped and counted, and the encoding is checked.
 * Memory holds one chunk and at most one record that spans chunks.
 *
 * Hand-written rather than a CSV library: it only finds record boundaries and counts cells
 * (typed parsing is DuckDB's), and a byte loop does that without an object per record.
 */
export async function scanCsv(
  path: string,
  file: string,
  stagedPath: string,
  options: ScanOptions,
): Promise<ScanResult> {
  let encoding: ScanResult['encoding'] = 'utf-8';
  let header: string[] | undefined;
  const blankLines: number[] = [];
  const structuralErrors: StructuralError[] = [];

  const special = (record: SpecialRecord): Buffer | undefined => {
    if (header === undefined) {
      const text = record.bytes.toString('utf8');
      if (text.trim() === '') throw new InputError(file, 'line 1 is empty; the first line must be the header row');
      header = splitCells(text);
      if (header.length === 1) {
        if (text.includes('\t')) {
          throw new InputError(file, 'columns are separated by tabs; save the file as "CSV UTF-8 (comma delimited)"');
        }
        if (text.includes(';')) {
          throw new InputError(file, 'columns are separated by semicolons; save the file as "CSV UTF-8 (comma delimited)"');
        }
      }
      scanner.expectedFields = record.fields;
      return Buffer.from(`__line,${options.stagedHeader(header).join(',')}\n`);
    }
    if (!record.content) {
      blankLines.push(record.line);
      return undefined;
    }
    if (record.fields !== scanner.expectedFields) {
      structuralErrors.push({
        line: record.line,
        rule: 'field_count',
        message: `row has ${record.fields} cells but the header has ${scanner.expectedFields}; check for a stray comma or a missing cell`,
        message_zh: `该行有 ${record.fields} 个单元格，表头有 ${scanner.expectedFields} 个；请检查多余的逗号或缺少的单元格`,
        value: describe(record.bytes),
      });
      return undefined;
    }
    return stagedRecord(record.line, record.bytes);
  };
  const scanner = new RecordScanner(special);

  const input = openSync(path, 'r');
  const output = openSync(stagedPath, 'w');
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  // The first read takes at least four bytes, enough to see a byte-order mark.
  const chunk = Buffer.allocUnsafe(Math.max(chunkBytes, 4));
  let bytes = 0;
  /** Bytes after a chunk's last line feed, not yet checked as UTF-8. */
  let unchecked: Buffer = Buffer.alloc(0);
  const write = (pieces: Buffer[]) => {
    for (const piece of pieces) {
      for (let off = 0; off < piece.length; ) off += writeSync(output, piece, off);
    }
  };
  try {
    for (let read: number; (read = readSync(input, chunk, 0, bytes === 0 ? chunk.length : chunkBytes, null)) > 0; ) {
      let buf = chunk.subarray(0, read);
      if (bytes === 0) {
        if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
          throw new InputError(file, 'the file is UTF-16 ("Unicode text"); save it as "CSV UTF-8 (comma delimited)"');
        }
        if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          encoding = 'utf-8-bom';
          buf = buf.subarray(3);
        }
        if (buf.includes(0)) throw new InputError(file, 'the file contains NUL bytes: it is not a text CSV file');
      }
      bytes += read;
      // UTF-8 is checked up to the last line feed, which never falls inside a character.
      const lastLf = buf.lastIndexOf(LF);
      if (lastLf >= 0) {
        const head = unchecked.length > 0 ? Buffer.concat([unchecked, buf.subarray(0, lastLf + 1)]) : buf.subarray(0, lastLf + 1);
        if (!isUtf8(head)) throw notUtf8(file, scanner.line);
        unchecked = Buffer.from(buf.subarray(lastLf + 1));
      } else {
        unchecked = Buffer.concat([unchecked, buf]);
      }
      write(scanner.push(buf));
      if (options.onProgress !== undefined) {
        options.onProgress(bytes);
        await yieldToEventLoop();
      }
    }
    if (unchecked.length > 0 && !isUtf8(unchecked)) throw notUtf8(file, scanner.line);
    if (scanner.inQuotes) {
      structuralErrors.push({
        line: scanner.recordLine,
        rule: 'unterminated_quote',
        message: 'a quoted cell that starts on this line is never closed; everything after it was read as one cell',
        message_zh: '从该行开始的带引号单元格没有结束引号；其后的内容都被读成了一个单元格',
        value: describe(scanner.openRecord),
      });
    } else {
      const last = scanner.end();
      if (last !== undefined) write([last]);
    }
    if (header === undefined) throw new InputError(file, 'the file is empty; it needs at least a header row');
  } finally {
    closeSync(input);
    closeSync(output);
  }
  const rowsStaged = scanner.staged;
  return { encoding, header: header ?? [], rowsRead: structuralErrors.length + rowsStaged, rowsStaged, blankLines, structuralErrors, bytes };
}

function describe(record: Buffer): string {
  const text = record.toString('utf8');
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function notUtf8(file: string, line: number): InputError {
  return new InputError(
    file,
    `the file is not valid UTF-8 (first problem at or before line ${line}; it may be GBK/GB18030); save it as "CSV UTF-8 (comma delimited)"`,
  );
}

/** Splits one CSV record into trimmed cells, honouring quotes and doubled quotes. */
export function splitCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}
