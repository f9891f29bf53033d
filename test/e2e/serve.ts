/**
 * A tiny static file server for the built site (dist/), for browser tests and
 * screenshots. Listens on 127.0.0.1 on an ephemeral port, serves directory indexes the
 * way static hosts do (trailing-slash URLs → index.html, directory without slash → 301),
 * answers missing paths with 404.html and status 404, supports byte ranges (DuckDB-WASM
 * reads files with range requests), and closes itself after an idle period so it can
 * never outlive the run that started it.
 *
 * Runs under plain Node (erasable TypeScript only) as well as under vitest.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { headersFor, type HeaderRule } from './static-headers.ts';

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

/** The content type served for a file name (binary default for unknown extensions). */
export function mimeType(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Options for {@link startStaticServer}. */
export interface StaticServerOptions {
  /** Directory to serve (default: dist/ under the working directory). */
  readonly root?: string;
  /** Close after this long without a request (default 120 s). */
  readonly idleTimeoutMs?: number;
  /** Rules of a `_headers` file (static-headers.ts) to answer with, as static hosts do (default: none). */
  readonly headers?: readonly HeaderRule[];
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

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  status: number,
  extra: Readonly<Record<string, string>> = {},
): void {
  const size = statSync(file).size;
  const headers: Record<string, string | number> = {
    ...extra,
    'Content-Type': mimeType(file),
    'Cache-Control': 'no-store',
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  };
  const range = status === 200 ? /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '') : null;
  if (range) {
    const [, a = '', b = ''] = range;
    let start = a === '' ? size - Number(b) : Number(a);
    let end = a === '' || b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (a === '' && b === '') start = size;
    start = Math.max(0, start);
    if (start > end || start >= size) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    end = Math.max(start, end);
    res.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': end - start + 1,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Length': size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Serve `root` (default dist/) on 127.0.0.1 with an ephemeral port.
 * Throws {@link MissingBuildError} when root has no index.html.
 */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = resolve(options.root ?? join(process.cwd(), 'dist'));
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  if (!existsSync(join(root, 'index.html'))) {
    throw new MissingBuildError(
      `No built site at ${root} (index.html missing). Run \`npm run build\` first.`,
    );
  }
  const notFoundPage = join(root, '404.html');

  let idleTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;

  const server = createServer((req, res) => {
    armIdleTimer();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const target = resolveInside(root, url.pathname);
    const extra = options.headers === undefined ? {} : headersFor(options.headers, url.pathname);
    if (target === null) {
      res.writeHead(400);
      res.end();
      return;
    }
    if (url.pathname.endsWith('/')) {
      const index = join(target, 'index.html');
      if (isFile(index)) {
        sendFile(req, res, index, 200, extra);
        return;
      }
    } else if (isFile(target)) {
      sendFile(req, res, target, 200, extra);
      return;
    } else if (isDirectory(target) && isFile(join(target, 'index.html'))) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      res.end();
      return;
    }
    if (isFile(notFoundPage)) {
      sendFile(req, res, notFoundPage, 404);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
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
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      process.stderr.write(`static server: idle for ${idleTimeoutMs} ms, closing\n`);
      void stop();
    }, idleTimeoutMs);
    idleTimer.unref();
  }

  const closed = new Promise<void>((done) => server.once('close', () => done()));

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready());
  });
  server.unref();
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
