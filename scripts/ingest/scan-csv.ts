import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isUtf8 } from 'node:buffer';
import { InputError } from './input-error.ts';
import { RecordScanner, stagedRecord, type SpecialRecord } from './record-scanner.ts';
import { sniffEncoding, type TextEncoding } from '../text/sniff-encoding.ts';

/** A row refused before its cells are looked at (wrong number of cells, open quote). */
export interface StructuralError {
  readonly line: number;
  readonly rule: 'field_count' | 'unterminated_quote';
  readonly message: string;
  readonly message_zh: string;
  readonly value: string;
}

/** What scanning one CSV file found. */
/** Encodings the ingest reads: what Excel writes on Chinese Windows. */
export type Encoding = TextEncoding;

export interface ScanResult {
  readonly encoding: Encoding;
  /** The cell separator: a comma, or a tab (Excel's "Unicode text"). */
  readonly delimiter: ',' | '\t';
  /** Lines above the header (a form's title, the reporting office), skipped and reported. */
  readonly titleLines: readonly number[];
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
  /**
   * Tells the header from a title row above it. Rows before the first that passes are title
   * rows, up to MAX_TITLE_ROWS; without it, the first row is the header.
   */
  readonly isHeader?: (cells: readonly string[]) => boolean;
  /**
   * The file is a workbook's sheets written as CSV (workbook-csv.ts): a row can then have more
   * cells than the header only when cells right of the header are filled, and says so.
   */
  readonly fromWorkbook?: boolean;
  /** Bytes read at a time (tests use tiny chunks to cross every boundary). */
  readonly chunkBytes?: number;
}

const LF = 0x0a;
const CHUNK_BYTES = 1 << 20;
/** Bytes looked at to tell UTF-8 from GB18030 and commas from tabs. */
const SAMPLE_BYTES = 1 << 20;
/** Most title rows allowed above the header. */
export const MAX_TITLE_ROWS = 10;
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
  const input = openSync(path, 'r');
  let output: number | undefined;
  try {
    const { encoding, bomBytes } = detectEncoding(input, file);
    // Node's own decoder (WHATWG Encoding Standard, GB18030-2022's mapping), streaming; bytes that
    // are no character become U+FFFD, which is looked for to name the line.
    const decoder = encoding === 'utf-8' || encoding === 'utf-8-bom' ? null : new TextDecoder(encoding, { ignoreBOM: true });
    let header: string[] | undefined;
    let delimiter: ',' | '\t' = ',';
    const blankLines: number[] = [];
    const titleLines: number[] = [];
    const structuralErrors: StructuralError[] = [];
    let firstRecordCells: string[] | undefined;

    const special = (record: SpecialRecord): Buffer | undefined => {
      if (header === undefined) {
        const text = record.bytes.toString('utf8');
        const cells = splitCells(text, delimiter);
        if (!record.content) {
          blankLines.push(record.line);
          return undefined;
        }
        firstRecordCells ??= cells;
        const isHeader = options.isHeader === undefined || options.isHeader(cells);
        if (!isHeader && titleLines.length < MAX_TITLE_ROWS) {
          titleLines.push(record.line);
          return undefined;
        }
        // Not recognized as a header: let the header check say what is wrong with the first row.
        header = isHeader ? cells : firstRecordCells;
        const staged = options.stagedHeader(header);
        scanner!.expectedFields = record.fields;
        return Buffer.from(`__line${delimiter}${staged.join(delimiter)}\n`);
      }
      if (!record.content) {
        blankLines.push(record.line);
        return undefined;
      }
      if (record.fields !== scanner!.expectedFields) {
        structuralErrors.push({
          line: record.line,
          rule: 'field_count',
          ...(options.fromWorkbook === true
            ? {
                message: 'row has cells filled right of the header’s last column; delete them, or give their column a header of the file',
                message_zh: '该行在表头最后一列的右侧还有内容；请删除，或为该列填写本文件的表头',
              }
            : {
                message: `row has ${record.fields} cells but the header has ${scanner!.expectedFields}; check for a stray ${delimiter === ',' ? 'comma' : 'tab'} or a missing cell`,
                message_zh: `该行有 ${record.fields} 个单元格，表头有 ${scanner!.expectedFields} 个；请检查多余的分隔符或缺少的单元格`,
              }),
          value: describe(record.bytes),
        });
        return undefined;
      }
      return stagedRecord(record.line, record.bytes, delimiter);
    };
    let scanner: RecordScanner | undefined;

    output = openSync(stagedPath, 'w');
    const out = output;
    const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let bytes = bomBytes;
    let position = bomBytes;
    /** Bytes after a chunk's last line feed, not yet checked as UTF-8. */
    let unchecked: Buffer = Buffer.alloc(0);
    let lines = 1;
    const write = (pieces: Buffer[]) => {
      for (const piece of pieces) {
        for (let off = 0; off < piece.length; ) off += writeSync(out, piece, off);
      }
    };
    for (let read: number; (read = readSync(input, chunk, 0, chunkBytes, position)) > 0; ) {
      position += read;
      bytes += read;
      let buf: Buffer = chunk.subarray(0, read);
      if (decoder === null) {
        // UTF-8 is checked up to the last line feed, which never falls inside a character.
        const lastLf = buf.lastIndexOf(LF);
        if (lastLf >= 0) {
          const head = unchecked.length > 0 ? Buffer.concat([unchecked, buf.subarray(0, lastLf + 1)]) : buf.subarray(0, lastLf + 1);
          if (!isUtf8(head)) throw notUtf8(file, scanner?.line ?? 1);
          unchecked = Buffer.from(buf.subarray(lastLf + 1));
        } else {
          unchecked = Buffer.concat([unchecked, buf]);
        }
      } else {
        const text = decoder.decode(buf, { stream: true });
        const bad = text.indexOf('\ufffd');
        if (bad >= 0) throw undecodable(file, encoding, lines + countLines(text.slice(0, bad)));
        lines += countLines(text);
        buf = Buffer.from(text, 'utf8');
      }
      if (scanner === undefined) {
        delimiter = detectDelimiter(file, buf);
        scanner = new RecordScanner(special, delimiter.charCodeAt(0));
      }
      write(scanner.push(buf));
      if (options.onProgress !== undefined) {
        options.onProgress(bytes);
        await yieldToEventLoop();
      }
    }
    if (decoder !== null) {
      const rest = decoder.decode();
      if (rest.includes('\ufffd')) throw undecodable(file, encoding, lines);
      if (rest !== '') {
        scanner ??= new RecordScanner(special, delimiter.charCodeAt(0));
        write(scanner.push(Buffer.from(rest, 'utf8')));
      }
    }
    if (unchecked.length > 0 && !isUtf8(unchecked)) throw notUtf8(file, scanner?.line ?? 1);
    if (scanner === undefined) throw new InputError(file, 'the file is empty; it needs at least a header row');
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
    if (header === undefined) {
      if (firstRecordCells !== undefined) options.stagedHeader(firstRecordCells);
      throw new InputError(file, 'the file is empty; it needs at least a header row');
    }
    const rowsStaged = scanner.staged;
    return { encoding, delimiter, titleLines, header, rowsRead: structuralErrors.length + rowsStaged, rowsStaged, blankLines, structuralErrors, bytes };
  } finally {
    closeSync(input);
    if (output !== undefined) closeSync(output);
  }
}

/**
 * The encoding of a file: from its byte-order mark (UTF-8, UTF-16 LE or BE), else UTF-8 when
 * its first megabyte is valid UTF-8, else GB18030 (what Excel's "CSV" writes on Chinese
 * Windows; it includes GBK).
 */
function detectEncoding(input: number, file: string): { encoding: Encoding; bomBytes: number } {
  const sample = Buffer.allocUnsafe(SAMPLE_BYTES);
  const read = readSync(input, sample, 0, SAMPLE_BYTES, 0);
  const head = sample.subarray(0, read);
  const sniffed = sniffEncoding(head, read === SAMPLE_BYTES);
  if (sniffed.bomBytes === 0 && head.includes(0)) throw new InputError(file, 'the file contains NUL bytes: it is not a text CSV file (an Excel workbook must be saved as CSV)');
  return sniffed;
}

/** Comma, unless the start of the file has more tabs than commas (Excel's "Unicode text"). */
function detectDelimiter(file: string, start: Buffer): ',' | '\t' {
  const text = start.subarray(0, 1 << 16).toString('utf8');
  const count = (ch: string) => text.split(ch).length - 1;
  const [commas, tabs, semicolons] = [count(','), count('\t'), count(';')];
  if (tabs > commas) return '\t';
  if (commas === 0 && semicolons > 0) {
    throw new InputError(file, 'columns are separated by semicolons; save the file as "CSV UTF-8 (comma delimited)"');
  }
  return ',';
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function undecodable(file: string, encoding: Encoding, line: number): InputError {
  return new InputError(
    file,
    `the file cannot be read as ${encoding.toUpperCase()} (characters that do not decode, at line ${line}); save it again as "CSV UTF-8 (comma delimited)"`,
  );
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
export function splitCells(text: string, delimiter = ','): string[] {
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
    } else if (ch === delimiter && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}
