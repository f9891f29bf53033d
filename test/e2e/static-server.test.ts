/**
 * The static server (tools/static-server.ts): MIME types, directory indexes, trailing-slash
 * redirects, 404 page, byte ranges, the `_headers` rules of its root, ETag revalidation,
 * gzip, path traversal, and the idle timeout. No browser needed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingBuildError, mimeType, startStaticServer, type StaticServer } from '../../tools/static-server.ts';

/** A raw GET that does not normalise `..` segments the way fetch() does. */
function rawGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'uct-serve-'));
    mkdirSync(join(root, 'en'));
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(root, '404.html'), '<h1>missing</h1>');
    writeFileSync(join(root, 'en', 'index.html'), '<h1>en</h1>');
    writeFileSync(join(root, 'data', 'duckdb.wasm'), Buffer.from([0, 97, 115, 109]));
    writeFileSync(join(root, 'data', 'table.arrow'), '0123456789');
    writeFileSync(join(root, 'data', 'summary.json'), `{"cells":[${'1,'.repeat(500)}1]}`);
    writeFileSync(join(root, '_headers'), '# rules\n/en/*\n  X-Section: english\n/en/\n  X-Section: home\n/data/*\n  Cache-Control: public, max-age=60\n');
    writeFileSync(join(tmpdir(), 'uct-serve-secret.txt'), 'secret');
    server = await startStaticServer({ root, idleTimeoutMs: 60_000 });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'uct-serve-secret.txt'), { force: true });
  });

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url('/en/')).toBe(`${server.origin}/en/`);
  });

  it('serves directory indexes as HTML', async () => {
    const res = await fetch(server.url('/en/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>en</h1>');
  });

  it('redirects a directory without trailing slash', async () => {
    const res = await fetch(server.url('/en?x=1'), { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/en/?x=1');
  });

  it('serves .wasm, .arrow and .json with their MIME types', async () => {
    const wasm = await fetch(server.url('/data/duckdb.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    const arrow = await fetch(server.url('/data/table.arrow'));
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.file');
    const json = await fetch(server.url('/data/summary.json'));
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(mimeType('x.parquet')).toBe('application/vnd.apache.parquet');
    expect(mimeType('x.unknown')).toBe('application/octet-stream');
  });

  it('answers byte ranges', async () => {
    const res = await fetch(server.url('/data/table.arrow'), { headers: { Range: 'bytes=2-5' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await res.text()).toBe('2345');
    const tail = await fetch(server.url('/data/table.arrow'), { headers: { Range: 'bytes=-3' } });
    expect(await tail.text()).toBe('789');
    const bad = await fetch(server.url('/data/table.arrow'), { headers: { Range: 'bytes=20-' } });
    expect(bad.status).toBe(416);
  });

  it('sends the headers of every _headers rule that matches, as static hosts do', async () => {
    expect((await fetch(server.url('/en/'))).headers.get('x-section')).toBe('english, home');
    expect((await fetch(server.url('/'))).headers.get('x-section')).toBeNull();
    expect((await fetch(server.url('/data/summary.json'))).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await fetch(server.url('/'))).headers.get('cache-control')).toBe('no-cache');
    const bare = await startStaticServer({ root, headers: false, idleTimeoutMs: 60_000 });
    try {
      expect((await fetch(bare.url('/en/'))).headers.get('x-section')).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it('revalidates with an ETag', async () => {
    const first = await fetch(server.url('/data/summary.json'));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await fetch(server.url('/data/summary.json'), { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('compresses text and WebAssembly for clients that accept gzip, never Arrow or a range', async () => {
    const json = await fetch(server.url('/data/summary.json'), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(json.headers.get('content-encoding')).toBe('gzip');
    expect(Number(json.headers.get('content-length'))).toBeLessThan(200);
    expect(JSON.parse(await json.text()).cells).toHaveLength(501);
    const wasm = await fetch(server.url('/data/duckdb.wasm'), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(wasm.headers.get('content-encoding')).toBe('gzip');
    expect([...new Uint8Array(await wasm.arrayBuffer())]).toEqual([0, 97, 115, 109]);
    const arrow = await fetch(server.url('/data/table.arrow'), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(arrow.headers.get('content-encoding')).toBeNull();
    const range = await fetch(server.url('/data/summary.json'), { headers: { 'Accept-Encoding': 'gzip', Range: 'bytes=0-1' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-encoding')).toBeNull();
    expect(await range.text()).toBe('{"');
    const identity = await fetch(server.url('/data/summary.json'), { headers: { 'Accept-Encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
  });

  it('answers missing paths with 404.html and status 404', async () => {
    const res = await fetch(server.url('/nowhere/'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('<h1>missing</h1>');
  });

  it('never serves files outside its root', async () => {
    expect(await rawGet(server.port, '/../uct-serve-secret.txt')).not.toBe(200);
    expect(await rawGet(server.port, '/%2e%2e/uct-serve-secret.txt')).not.toBe(200);
  });

  it('refuses to start without a built site', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'uct-empty-'));
    try {
      await expect(startStaticServer({ root: empty })).rejects.toBeInstanceOf(MissingBuildError);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('closes itself when idle', async () => {
    const idle = await startStaticServer({ root, idleTimeoutMs: 200 });
    const res = await fetch(idle.url('/'));
    expect(res.status).toBe(200);
    await expect(
      Promise.race([
        idle.closed.then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000)),
      ]),
    ).resolves.toBe('closed');
  });
});
