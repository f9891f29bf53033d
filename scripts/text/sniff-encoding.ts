import { isUtf8 } from 'node:buffer';

/** The encodings an office's file may come in. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a text file from its first bytes, the one rule the ingest and the form
 * importer share: its byte-order mark (UTF-8, UTF-16 LE or BE), else UTF-8 when the bytes are
 * valid UTF-8, else GB18030 (what Excel's "CSV" writes on Chinese Windows; it includes GBK and
 * GB2312). `partial`: the bytes are only the start of the file, which may end inside a
 * character, so only whole lines are judged.
 */
export function sniffEncoding(head: Uint8Array, partial = false): { encoding: TextEncoding; bomBytes: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomBytes: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const lastLf = head.lastIndexOf(0x0a);
  const whole = partial && lastLf >= 0 ? head.subarray(0, lastLf + 1) : head;
  return { encoding: isUtf8(whole) ? 'utf-8' : 'gb18030', bomBytes: 0 };
}
