/**
 * The one static server of the project, for `npm start`, the browser tests, the
 * screenshots and the benchmarks: it serves a built site (dist/) as the static hosts it
 * stands for do (Netlify, Cloudflare Pages, any CDN in front of a bucket).
 *
 * - Directory indexes: `/x/` → `x/index.html`; `/x` (a directory) → 301 to `/x/`; a
 *   missing path → 404.html with status 404.
 * - The site's `_headers` file (static-headers.ts; every matching rule applies), read from
 *   the root unless other rules are given.
 * - Revalidation: an ETag on every file and `Cache-Control: no-cache` unless `_headers`
 *   says otherwise (hashed files under /_astro/ are cached for a year), 304 on a match.
 * - Compression: text, JSON, SVG and WebAssembly are sent gzip-compressed to a client that
 *   accepts it, compressed once per file and kept, so the server's own work does not count
 *   in what a browser measures. Arrow and Parquet are sent as they are (DuckDB-WASM reads
 *   them with byte ranges, which always get the file's own bytes).
 * - Byte ranges (206, 416), HEAD, and only GET and HEAD.
 * - Listens on 127.0.0.1 only, on the given port or a free one, and closes itself after an
 *   idle period unless told to stay up (`npm start`).
 *
 * Runs under plain Node (erasable TypeScript only) as well as under vitest.
 */
import { createReadStream, existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { headersFor, parseHeaders, type HeaderRule } from './static-headers.ts';

/** Content types by file extension. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.arrow': 'application/vnd.apache.arrow.file',
  '.parquet': 'application/vnd.apache.parquet',
  '.pdf': 'application/pdf',
};

/** Content types sent compressed to a client that accepts gzip. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|manifest\+json|wasm)|image\/svg)/;

/** The content type served for a file name (binary default for unknown extensions). */
export function mimeType(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Options for {@link startStaticServer}. */
export interface StaticServerOptions {
  /** Directory to serve (default: dist/ under the working directory). */
  readonly root?: string;
  /** Port to listen on (default: a free one). */
  readonly port?: number;
  /** Close after this long without a request (default 120 s; `Infinity`: stay up). */
  readonly idleTimeoutMs?: number;
  /** Rules to answer with (default: the root's `_headers` file, if any; `false`: none). */
  readonly headers?: readonly HeaderRule[] | false;
  /** Send text gzip-compressed to clients that accept it (default true). */
  readonly compress?: boolean;
}

/** A running static server. */
export interface StaticServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  readonly port: number;
  /** Absolute URL of a site path: `url('/en/')`. */
  url(path: string): string;
  /** Stop the server (idempotent). */
  close(): Promise<void>;
  /** Resolves when the server has stopped, whether by close() or by the idle timeout. */
  readonly closed: Promise<void>;
}

/** Thrown when there is no built site to serve. */
export class MissingBuildError extends Error {
  override name = 'MissingBuildError';
}

/** Resolve the file for a URL path inside root, or null if it escapes root. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The stats of a file (not a directory), or undefined. */
const fileStat = (path: string): Stats | undefined => {
  const info = stat(path);
  return info?.isFile() === true ? info : undefined;
};

/** A byte range of a file of `size` bytes: the bytes, or null when it cannot be satisfied. */
function byteRange(header: string, size: number): { start: number; end: number } | null | undefined {
  const range = /^bytes=(\d*)-(\d*)$/.exec(header);
  if (range === null) return undefined;
  const [, a = '', b = ''] = range;
  if (a === '' && b === '') return null;
  let start = a === '' ? size - Number(b) : Number(a);
  let end = a === '' || b === '' ? size - 1 : Math.min(Number(b), size - 1);
  start = Math.max(0, start);
  if (start > end || start >= size) return null;
  end = Math.max(start, end);
  return { start, end };
}

/**
 * Serve `root` (default dist/) on 127.0.0.1.
 * Throws {@link MissingBuildError} when root has no index.html.
 */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = resolve(options.root ?? join(process.cwd(), 'dist'));
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  const compress = options.compress ?? true;
  if (!existsSync(join(root, 'index.html'))) {
    throw new MissingBuildError(`No built site at ${root} (index.html missing). Run \`npm run build\` first.`);
  }
  const headersFile = join(root, '_headers');
  const rules =
    options.headers === false ? [] : (options.headers ?? (existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : []));
  const notFoundPage = join(root, '404.html');
  const compressed = new Map<string, Buffer>();

  function sendFile(req: IncomingMessage, res: ServerResponse, file: string, info: Stats, status: 200 | 404, path: string): void {
    const size = info.size;
    const etag = `"${size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`;
    const type = mimeType(file);
    const headers: Record<string, string | number> = {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
      ETag: etag,
      ...(status === 200 ? headersFor(rules, path) : {}),
    };
    const head = req.method === 'HEAD';
    const range = status === 200 && req.headers.range !== undefined ? byteRange(req.headers.range, size) : undefined;
    if (range === null) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${String(size)}` }).end();
      return;
    }
    if (range !== undefined) {
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${String(range.start)}-${String(range.end)}/${String(size)}`, 'Content-Length': range.end - range.start + 1 });
      if (head) res.end();
      else createReadStream(file, range).pipe(res);
      return;
    }
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    if (compress && COMPRESSIBLE.test(type)) {
      headers.Vary = 'Accept-Encoding';
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const key = `${file}|${etag}`;
        let body = compressed.get(key);
        if (body === undefined) compressed.set(key, (body = gzipSync(readFileSync(file), { level: 9 })));
        res.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.byteLength });
        res.end(head ? undefined : body);
        return;
      }
    }
    res.writeHead(status, { ...headers, 'Content-Length': size });
    if (head) res.end();
    else createReadStream(file).pipe(res);
  }

  let idleTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;

  const server = createServer((req, res) => {
    armIdleTimer();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const target = resolveInside(root, url.pathname);
    if (target === null) {
      res.writeHead(400).end();
      return;
    }
    if (url.pathname.endsWith('/')) {
      const index = join(target, 'index.html');
      const info = fileStat(index);
      if (info !== undefined) return sendFile(req, res, index, info, 200, url.pathname);
    } else {
      const info = stat(target);
      if (info?.isFile() === true) return sendFile(req, res, target, info, 200, url.pathname);
      if (info?.isDirectory() === true && fileStat(join(target, 'index.html')) !== undefined) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
    }
    const missing = fileStat(notFoundPage);
    if (missing !== undefined) return sendFile(req, res, notFoundPage, missing, 404, url.pathname);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  });
  server.keepAliveTimeout = 1_000;

  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((done) => {
      if (idleTimer) clearTimeout(idleTimer);
      server.close(() => done());
      server.closeAllConnections();
    });
    return stopping;
  };

  function armIdleTimer(): void {
    if (!Number.isFinite(idleTimeoutMs)) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      process.stderr.write(`static server: idle for ${String(idleTimeoutMs)} ms, closing\n`);
      void stop();
    }, idleTimeoutMs);
    idleTimer.unref();
  }

  const closed = new Promise<void>((done) => server.once('close', () => done()));

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ready());
  });
  if (Number.isFinite(idleTimeoutMs)) server.unref();
  armIdleTimer();

  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${String(port)}`;
  return {
    origin,
    port,
    url: (path: string) => new URL(path, `${origin}/`).href,
    close: stop,
    closed,
  };
}
