/**
 * A small Parquet writer for the explorer's downloads, so that a view can be taken away as
 * Parquet without a DuckDB extension (DuckDB-WASM loads Parquet support as an extension,
 * which the site does not use).
 *
 * One row group, one uncompressed data page (v1) per column, PLAIN encoding, optional
 * columns with definition levels (bit-packed). Column types: UTF-8 text, DOUBLE and
 * BOOLEAN. Metadata in the Thrift compact protocol, as the Parquet format specifies
 * (https://github.com/apache/parquet-format). Readable by DuckDB, pandas/pyarrow and R.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

/** A column type the writer supports. */
export type ParquetType = 'utf8' | 'double' | 'boolean';

/** A column: name, type and its values (null for a missing value). */
export interface ParquetColumn {
  readonly name: string;
  readonly type: ParquetType;
  readonly values: readonly (string | number | boolean | null)[];
}

// Parquet enums.
const TYPE = { boolean: 0, double: 5, utf8: 6 } as const;
const OPTIONAL = 1;
const CONVERTED_UTF8 = 0;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const PAGE_DATA = 0;
const UNCOMPRESSED = 0;

// Thrift compact protocol field types.
const T_TRUE = 1;
const T_FALSE = 2;
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
const T_STRUCT = 12;

/** A growable byte buffer. */
class Bytes {
  private buffer = new Uint8Array(1024);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buffer[this.length++] = b & 0xff;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  int32LE(n: number): void {
    this.reserve(4);
    new DataView(this.buffer.buffer, this.buffer.byteOffset).setInt32(this.length, n, true);
    this.length += 4;
  }

  float64LE(n: number): void {
    this.reserve(8);
    new DataView(this.buffer.buffer, this.buffer.byteOffset).setFloat64(this.length, n, true);
    this.length += 8;
  }

  /** Unsigned LEB128 varint (up to 2^53). */
  varint(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  /** Zigzag varint, as the compact protocol writes i16, i32 and i64. */
  zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  toUint8Array(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** A Thrift value: a number field is i32 unless marked i64. */
type ThriftValue =
  | { readonly i32: number }
  | { readonly i64: number }
  | { readonly binary: Uint8Array }
  | { readonly bool: boolean }
  | { readonly struct: ThriftStruct }
  | { readonly list: { readonly type: 'i32' | 'binary' | 'struct'; readonly items: readonly ThriftValue[] } };

/** A struct: field id → value (absent optional fields are left out). */
type ThriftStruct = readonly (readonly [number, ThriftValue])[];

const encoder = new TextEncoder();
const text = (s: string): ThriftValue => ({ binary: encoder.encode(s) });
const i32 = (n: number): ThriftValue => ({ i32: n });
const i64 = (n: number): ThriftValue => ({ i64: n });

function fieldType(value: ThriftValue): number {
  if ('i32' in value) return T_I32;
  if ('i64' in value) return T_I64;
  if ('binary' in value) return T_BINARY;
  if ('bool' in value) return value.bool ? T_TRUE : T_FALSE;
  if ('struct' in value) return T_STRUCT;
  return T_LIST;
}

function writeValue(out: Bytes, value: ThriftValue): void {
  if ('i32' in value) out.zigzag(value.i32);
  else if ('i64' in value) out.zigzag(value.i64);
  else if ('binary' in value) {
    out.varint(value.binary.length);
    out.bytes(value.binary);
  } else if ('struct' in value) writeStruct(out, value.struct);
  else if ('list' in value) {
    const elementType = value.list.type === 'i32' ? T_I32 : value.list.type === 'binary' ? T_BINARY : T_STRUCT;
    const size = value.list.items.length;
    if (size < 15) out.byte((size << 4) | elementType);
    else {
      out.byte(0xf0 | elementType);
      out.varint(size);
    }
    for (const item of value.list.items) writeValue(out, item);
  }
  // Booleans are written in the field header.
}

function writeStruct(out: Bytes, fields: ThriftStruct): void {
  let last = 0;
  for (const [id, value] of fields) {
    const type = fieldType(value);
    const delta = id - last;
    if (delta > 0 && delta <= 15) out.byte((delta << 4) | type);
    else {
      out.byte(type);
      out.zigzag(id);
    }
    writeValue(out, value);
    last = id;
  }
  out.byte(0); // stop
}

/** Definition levels (1 present, 0 null) as a bit-packed RLE-hybrid run, with its 4-byte length. */
function definitionLevels(values: readonly unknown[]): Uint8Array {
  const run = new Bytes();
  const groups = Math.ceil(values.length / 8);
  run.varint(groups * 2 + 1);
  for (let g = 0; g < groups; g += 1) {
    let byte = 0;
    for (let b = 0; b < 8; b += 1) {
      const v = values[g * 8 + b];
      if (g * 8 + b < values.length && v !== null && v !== undefined) byte |= 1 << b;
    }
    run.byte(byte);
  }
  const out = new Bytes();
  out.int32LE(run.length);
  out.bytes(run.toUint8Array());
  return out.toUint8Array();
}

/** The present values of a column, PLAIN-encoded. */
function plainValues(column: ParquetColumn): Uint8Array {
  const out = new Bytes();
  const present = column.values.filter((v) => v !== null && v !== undefined);
  if (column.type === 'double') {
    for (const v of present) out.float64LE(Number(v));
  } else if (column.type === 'utf8') {
    for (const v of present) {
      const bytes = encoder.encode(String(v));
      out.int32LE(bytes.length);
      out.bytes(bytes);
    }
  } else {
    for (let i = 0; i < present.length; i += 8) {
      let byte = 0;
      for (let b = 0; b < 8 && i + b < present.length; b += 1) if (present[i + b] === true) byte |= 1 << b;
      out.byte(byte);
    }
  }
  return out.toUint8Array();
}

const MAGIC = encoder.encode('PAR1');

/** A Parquet file holding the columns (all of the same length). */
export function writeParquet(columns: readonly ParquetColumn[], createdBy = 'union-campaign-tracker explorer'): Uint8Array {
  const rows = columns[0]?.values.length ?? 0;
  for (const c of columns) {
    if (c.values.length !== rows) throw new Error(`parquet: column ${c.name} has ${String(c.values.length)} values, expected ${String(rows)}`);
  }
  const file = new Bytes();
  file.bytes(MAGIC);
  const chunks: ThriftValue[] = [];
  let totalBytes = 0;
  for (const column of columns) {
    const levels = definitionLevels(column.values);
    const data = plainValues(column);
    const pageSize = levels.length + data.length;
    const header = new Bytes();
    writeStruct(header, [
      [1, i32(PAGE_DATA)],
      [2, i32(pageSize)],
      [3, i32(pageSize)],
      [5, { struct: [[1, i32(rows)], [2, i32(ENCODING_PLAIN)], [3, i32(ENCODING_RLE)], [4, i32(ENCODING_RLE)]] }],
    ]);
    const offset = file.length;
    file.bytes(header.toUint8Array());
    file.bytes(levels);
    file.bytes(data);
    const size = file.length - offset;
    totalBytes += size;
    chunks.push({
      struct: [
        [2, i64(offset)],
        [
          3,
          {
            struct: [
              [1, i32(TYPE[column.type])],
              [2, { list: { type: 'i32', items: [i32(ENCODING_PLAIN), i32(ENCODING_RLE)] } }],
              [3, { list: { type: 'binary', items: [text(column.name)] } }],
              [4, i32(UNCOMPRESSED)],
              [5, i64(rows)],
              [6, i64(size)],
              [7, i64(size)],
              [9, i64(offset)],
            ],
          },
        ],
      ],
    });
  }
  const schema: ThriftValue[] = [
    { struct: [[4, text('schema')], [5, i32(columns.length)]] },
    ...columns.map((c): ThriftValue => {
      const fields: [number, ThriftValue][] = [[1, i32(TYPE[c.type])], [3, i32(OPTIONAL)], [4, text(c.name)]];
      if (c.type === 'utf8') fields.push([6, i32(CONVERTED_UTF8)], [10, { struct: [[1, { struct: [] }]] }]);
      return { struct: fields };
    }),
  ];
  const meta = new Bytes();
  writeStruct(meta, [
    [1, i32(1)],
    [2, { list: { type: 'struct', items: schema } }],
    [3, i64(rows)],
    [4, { list: { type: 'struct', items: [{ struct: [[1, { list: { type: 'struct', items: chunks } }], [2, i64(totalBytes)], [3, i64(rows)]] }] } }],
    [6, text(createdBy)],
  ]);
  file.bytes(meta.toUint8Array());
  file.int32LE(meta.length);
  file.bytes(MAGIC);
  return file.toUint8Array();
}
