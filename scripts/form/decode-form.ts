import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FormError } from './form-error.ts';

/** The encodings a registration form saved from Excel comes in. */
export type FormEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** A decoded form: its text (without byte-order mark) and the encoding it was read as. */
export interface DecodedForm {
  readonly text: string;
  readonly encoding: FormEncoding;
}

const REPLACEMENT = '\uFFFD';

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
  let encoding: FormEncoding;
  let body: Buffer;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = buf.subarray(3);
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    encoding = 'utf-16le';
    body = buf.subarray(2);
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    encoding = 'utf-16be';
    body = buf.subarray(2);
  } else {
    body = buf;
    encoding = isUtf8(buf) ? 'utf-8' : 'gb18030';
  }
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!utf16 && body.includes(0)) {
    throw new FormError(file, 'the file contains NUL bytes: it is not a text file (a UTF-16 file needs its byte-order mark; save it from Excel as "CSV" or "Unicode text")');
  }
  if (utf16 && body.length % 2 !== 0) {
    throw new FormError(file, `the file starts with a ${encoding.toUpperCase()} byte-order mark but has an odd number of bytes: it is cut off or damaged; save it from Excel again`);
  }
  const text = encoding === 'utf-8' || encoding === 'utf-8-bom' ? body.toString('utf8') : iconv.decode(body, encoding, { stripBOM: false });
  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom' && (text.includes(REPLACEMENT) || !text.isWellFormed())) {
    const what = encoding === 'gb18030' ? 'neither UTF-8 nor GB18030/GBK' : `not valid ${encoding.toUpperCase()}`;
    throw new FormError(file, `the file is ${what} (it decodes only with replacement characters); save it from Excel as "CSV UTF-8 (comma delimited)"`);
  }
  return { text, encoding };
}
