/**
 * Remove exports from a WebAssembly binary, leaving every other byte as it was.
 *
 * Only the export section is rewritten: the functions, globals, tables and memory stay in
 * the module (with the same indices), they are just no longer reachable by name from
 * JavaScript. Written by hand because the job is a few dozen lines of the binary format's
 * section framing (https://webassembly.github.io/spec/core/binary/modules.html), where a
 * general wasm toolkit (binaryen, wabt) would add a large dependency and re-encode the
 * whole 34 MB module.
 */

/** What was kept. */
export interface StripResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Exports before and after. */
  readonly before: number;
  readonly after: number;
}

/** An export: its name, kind (0 function, 1 table, 2 memory, 3 global, 4 tag) and index. */
export interface WasmExport {
  readonly name: string;
  readonly kind: number;
  readonly index: number;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const EXPORT_SECTION = 7;

/** A reader of the binary format's unsigned LEB128 numbers and names. */
class Reader {
  readonly bytes: Uint8Array;
  pos: number;
  constructor(bytes: Uint8Array, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new Error(`wasm: unexpected end at byte ${String(this.pos)}`);
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new Error(`wasm: LEB128 number too long at byte ${String(this.pos)}`);
    }
    return result;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error(`wasm: unexpected end at byte ${String(this.pos)}`);
    return this.bytes[this.pos++]!;
  }

  name(): string {
    const length = this.u32();
    const end = this.pos + length;
    if (end > this.bytes.length) throw new Error(`wasm: name runs past the end at byte ${String(this.pos)}`);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(this.bytes.subarray(this.pos, end));
    this.pos = end;
    return text;
  }
}

function leb(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** The sections of a module: id and the byte ranges of the whole section and of its body. */
function sections(bytes: Uint8Array): { id: number; start: number; bodyStart: number; end: number }[] {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('wasm: not a WebAssembly binary (no \\0asm header)');
  const out: { id: number; start: number; bodyStart: number; end: number }[] = [];
  const reader = new Reader(bytes, 8);
  while (reader.pos < bytes.length) {
    const start = reader.pos;
    const id = reader.byte();
    const size = reader.u32();
    const bodyStart = reader.pos;
    const end = bodyStart + size;
    if (end > bytes.length) throw new Error(`wasm: section ${String(id)} at byte ${String(start)} runs past the end`);
    out.push({ id, start, bodyStart, end });
    reader.pos = end;
  }
  return out;
}

/** The exports of a module, in order. */
export function wasmExports(bytes: Uint8Array): WasmExport[] {
  const section = sections(bytes).find((s) => s.id === EXPORT_SECTION);
  if (section === undefined) return [];
  const reader = new Reader(bytes, section.bodyStart);
  const count = reader.u32();
  const out: WasmExport[] = [];
  for (let i = 0; i < count; i += 1) out.push({ name: reader.name(), kind: reader.byte(), index: reader.u32() });
  if (reader.pos !== section.end) throw new Error(`wasm: export section ends at byte ${String(reader.pos)}, expected ${String(section.end)}`);
  return out;
}

/** The module with only the exports `keep` accepts. */
export function stripWasmExports(bytes: Uint8Array, keep: (name: string) => boolean): StripResult {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let before = 0;
  let after = 0;
  for (const section of sections(bytes)) {
    if (section.id !== EXPORT_SECTION) {
      parts.push(bytes.subarray(section.start, section.end));
      continue;
    }
    const reader = new Reader(bytes, section.bodyStart);
    before = reader.u32();
    const kept: Uint8Array[] = [];
    for (let i = 0; i < before; i += 1) {
      const start = reader.pos;
      const name = reader.name();
      reader.byte();
      reader.u32();
      if (keep(name)) kept.push(bytes.subarray(start, reader.pos));
    }
    if (reader.pos !== section.end) throw new Error(`wasm: export section ends at byte ${String(reader.pos)}, expected ${String(section.end)}`);
    after = kept.length;
    const count = Uint8Array.from(leb(after));
    const size = count.length + kept.reduce((n, k) => n + k.length, 0);
    parts.push(Uint8Array.from([EXPORT_SECTION, ...leb(size)]), count, ...kept);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return { bytes: out, before, after };
}
