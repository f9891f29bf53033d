/**
 * Fetch one of the site's data files, decompress it if it came gzip-compressed (the cube's
 * slices are `.gz` files, so that they travel compressed whatever serves them; a server
 * that sends them with its own `Content-Encoding` hands them over decoded already), and
 * check it against the catalog's SHA-256 of its content, so that a view is never drawn
 * from a stale or damaged file. Small and free of DuckDB: the entry script (boot.ts)
 * starts the first fetch.
 */
import type { CatalogFile } from '../lib/explorer/catalog.ts';
import { EngineError } from './engine-error.ts';

/** SHA-256 of bytes, hex (null where the browser offers no digest, e.g. on plain http). */
async function sha256(bytes: Uint8Array): Promise<string | null> {
  if (globalThis.crypto?.subtle === undefined) return null;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether bytes start with gzip's magic number. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Gzip-compressed bytes, decompressed. The bytes are streamed as they are: wrapping them
 * in a Blob first cost Chromium about 12 ms per slice on the main thread (the blob is
 * registered with the browser process).
 */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
  const stream = source.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The content of a data file of the site; an {@link EngineError} of stage `data` when it does not load or does not match. */
export async function fetchChecked(file: CatalogFile): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(file.path, { credentials: 'same-origin' });
  } catch (error) {
    throw new EngineError('data', error instanceof Error ? error.message : String(error), file.path);
  }
  if (!response.ok) throw new EngineError('data', `HTTP ${String(response.status)} ${response.statusText}`.trim(), file.path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
    if (isGzip(bytes)) bytes = await gunzip(bytes);
  } catch (error) {
    throw new EngineError('data', error instanceof Error ? error.message : String(error), file.path);
  }
  const digest = await sha256(bytes);
  if (digest !== null && file.sha256 !== '' && digest !== file.sha256) {
    throw new EngineError('data', `SHA-256 ${digest.slice(0, 12)}… ≠ manifest ${file.sha256.slice(0, 12)}…`, file.path);
  }
  return bytes;
}
