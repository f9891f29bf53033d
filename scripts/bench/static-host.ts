/**
 * A local static host for the benchmarks that behaves like a CDN serving dist/: the
 * headers of public/_headers (hashed files under /_astro/ cached for a year), an ETag on
 * everything (a returning browser revalidates with 304), and gzip for text (HTML, CSS,
 * JavaScript, JSON, SVG, CSV), compressed once per file and kept, so that the server's own
 * work does not count in what the browser measures. WebAssembly and Arrow are sent as they
 * are (already dense; a CDN would compress the wasm, which only lowers the cold transfer).
 *
 * Listens on 127.0.0.1 only, on a free port.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mimeType } from '../../test/e2e/serve.ts';
import { headersFor, parseHeaders } from '../../test/e2e/static-headers.ts';

/** A running host. */
export interface StaticHost {
  url(path: string): string;
  close(): Promise<void>;
}

/** Content types worth compressing. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml)|image\/svg)/;

/** Serve `root` (a built site) until closed. */
export async function startStaticHost(root: string): Promise<StaticHost> {
  const headersFile = join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];
  const compressed = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let file = resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(400).end();
      return;
    }
    if (url.pathname.endsWith('/')) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.round(stat.mtimeMs).toString(16)}"`;
    const type = mimeType(file);
    const headers: Record<string, string> = { 'Content-Type': type, ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    // The same reading of _headers as the test server's: every matching rule applies.
    Object.assign(headers, headersFor(rules, url.pathname));
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    let body: Buffer = readFileSync(file);
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const key = `${file}|${etag}`;
      let gz = compressed.get(key);
      if (gz === undefined) compressed.set(key, (gz = gzipSync(body, { level: 9 })));
      body = gz;
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${String(port)}${path}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
