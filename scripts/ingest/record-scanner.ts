const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const ZERO = 0x30;

/** A record the scanner could not stage: the header, a blank record, or a wrong field count. */
export interface SpecialRecord {
  readonly line: number;
  readonly fields: number;
  /** False when the record holds nothing but commas, spaces and quotes-less emptiness. */
  readonly content: boolean;
  readonly bytes: Buffer;
}

/**
 * Finds CSV record boundaries in a byte stream (RFC 4180 quoting, LF or CRLF line ends) and
 * writes each ordinary record prefixed with the line it starts on. Records that need a
 * decision (the first one, blank ones, ones whose field count differs from `expectedFields`,
 * ones that span chunks) are handed to `special`, which returns the bytes to stage, if any.
 * Synchronous and allocation-free per record so the hot loop stays optimized.
 */
export class RecordScanner {
  /** Line the next byte is on (1-based). */
  line = 1;
  /** Line the current record started on. */
  recordLine = 1;
  inQuotes = false;
  fields = 1;
  content = false;
  /** Records staged so far, header excluded. */
  staged = 0;
  /** Field count of ordinary records; 0 until the header is known. */
  expectedFields = 0;
  private carry: Buffer[] = [];
  /** Output buffer, reused across chunks: what push returns is valid until the next push. */
  private out: Buffer = Buffer.alloc(0);
  private readonly special: (record: SpecialRecord) => Buffer | undefined;
  /** The cell separator: a comma, or a tab in Excel's "Unicode text". */
  readonly delimiter: number;

  constructor(special: (record: SpecialRecord) => Buffer | undefined, delimiter = 0x2c) {
    this.special = special;
    this.delimiter = delimiter;
  }

  /**
   * Scans one chunk; returns the staged bytes it produced. The chunk may be reused by the
   * caller afterwards, and the returned buffers are only valid until the next call.
   */
  push(buf: Buffer): Buffer[] {
    const written: Buffer[] = [];
    if (this.out.length < buf.length * 2 + 64) this.out = Buffer.allocUnsafe(buf.length * 2 + 64);
    let out = this.out;
    let pos = 0;
    let segment = 0;
    let start = 0;
    let line = this.line;
    let recordLine = this.recordLine;
    let q = this.inQuotes;
    let f = this.fields;
    let ct = this.content;
    const expected = this.expectedFields;
    const delimiter = this.delimiter;
    const n = buf.length;
    for (let i = 0; i < n; i++) {
      const c = buf[i]!;
      if (c === QUOTE) {
        q = !q;
        ct = true;
      } else if (c === delimiter) {
        if (!q) f++;
      } else if (c === LF) {
        line++;
        if (q) continue;
        if (this.carry.length === 0 && ct && f === expected) {
          let end = i;
          if (end > start && buf[end - 1] === CR) end--;
          if (pos + (end - start) + 16 > out.length) {
            written.push(out.subarray(segment, pos));
            out = Buffer.allocUnsafe(Math.max(n, (end - start) * 2 + 64));
            pos = 0;
            segment = 0;
          }
          this.staged++;
          pos = writeDigits(out, pos, recordLine);
          out[pos++] = delimiter;
          pos += buf.copy(out, pos, start, end);
          out[pos++] = LF;
        } else {
          this.carry.push(buf.subarray(start, i));
          const staged = this.finish(recordLine, f, ct);
          if (staged !== undefined) {
            written.push(out.subarray(segment, pos), staged);
            segment = pos;
          }
        }
        start = i + 1;
        recordLine = line;
        f = 1;
        ct = false;
      } else if (c !== CR && c !== SPACE && c !== delimiter) {
        ct = true;
      }
    }
    this.line = line;
    this.recordLine = recordLine;
    this.inQuotes = q;
    this.fields = f;
    this.content = ct;
    if (start < n) this.carry.push(Buffer.from(buf.subarray(start)));
    written.push(out.subarray(segment, pos));
    return written;
  }

  /** Ends the stream: returns the last record's staged bytes, or `undefined`. Call once. */
  end(): Buffer | undefined {
    if (this.carry.length === 0) return undefined;
    return this.finish(this.recordLine, this.fields, this.content);
  }

  /** The bytes of a record left open by an unterminated quote, if any. */
  get openRecord(): Buffer {
    return Buffer.concat(this.carry);
  }

  private finish(line: number, fields: number, content: boolean): Buffer | undefined {
    let bytes = this.carry.length === 1 ? this.carry[0]! : Buffer.concat(this.carry);
    this.carry = [];
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    const wasHeader = this.expectedFields === 0;
    const staged = this.special({ line, fields, content, bytes });
    if (staged !== undefined && !wasHeader) this.staged++;
    return staged;
  }
}

/** A staged record: its line number, the delimiter, the record, a line feed. */
export function stagedRecord(line: number, record: Buffer, delimiter = ','): Buffer {
  return Buffer.concat([Buffer.from(`${line}${delimiter}`), record, Buffer.from('\n')]);
}

/** Writes the decimal digits of a non-negative integer into `out` at `pos`; returns the new position. */
function writeDigits(out: Buffer, pos: number, value: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  let v = value;
  for (let k = pos + digits - 1; k >= pos; k--) {
    out[k] = ZERO + (v % 10);
    v = Math.floor(v / 10);
  }
  return pos + digits;
}
