import { FormError } from './form-error.ts';
import { sniffEncoding, type TextEncoding } from '../text/sniff-encoding.ts';

/** The encodings a registration form saved from Excel comes in. */
export type FormEncoding = TextEncoding;

/** A decoded form: its text (without byte-order mark) and the encoding it was read as. */
export interface DecodedForm {
  readonly text: string;
  readonly encoding: FormEncoding;
}

/**
 * Decodes the bytes of a form. The encoding is taken from a byte-order mark (UTF-8, UTF-16LE,
 * UTF-16BE: Excel's "Unicode text"), else UTF-8 when the bytes are valid UTF-8, else GB18030
 * (Excel's "CSV" on Chinese Windows; GB18030 is a superset of GBK and GB2312). Throws a
 * FormError naming `file` for an empty or binary file, and for bytes that decode only with
 * replacement characters.
 */
export function decodeForm(bytes: Uint8Array, file: string): DecodedForm {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) throw new FormError(file, 'the file is empty; save the registration form from Excel again');
  const { encoding, bomBytes } = sniffEncoding(buf);
  const body = buf.subarray(bomBytes);
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!utf16 && body.includes(0)) {
    throw new FormError(file, 'the file contains NUL bytes: it is not a text file (a UTF-16 file needs its byte-order mark; save it from Excel as "CSV" or "Unicode text")');
  }
  if (utf16 && body.length % 2 !== 0) {
    throw new FormError(file, `the file starts with a ${encoding.toUpperCase()} byte-order mark but has an odd number of bytes: it is cut off or damaged; save it from Excel again`);
  }
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return { text: body.toString('utf8'), encoding };
  try {
    // Node's own decoder (the WHATWG Encoding Standard, with GB18030-2022's mapping); fatal: a byte
    // sequence that is not a character refuses the file rather than becoming U+FFFD.
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    const what = encoding === 'gb18030' ? 'neither UTF-8 nor GB18030/GBK' : `not valid ${encoding.toUpperCase()}`;
    throw new FormError(file, `the file is ${what} (it decodes only with replacement characters); save it from Excel as "CSV UTF-8 (comma delimited)"`);
  }
}
