/**
 * The built site fits common static hosts: no file in dist/ over 25 MiB (Cloudflare Pages'
 * limit per file). Published files too large for that are served gzip-compressed only
 * (src/lib/large-downloads.ts), and each compressed copy holds exactly the published file
 * that manifest.json describes (size and SHA-256), linked from the data page in both
 * languages.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LARGE_DOWNLOAD_BYTES } from '../../src/lib/large-downloads.ts';
import { loadManifest } from '../../src/site/site-published.ts';

const DIST = join(process.cwd(), 'dist');
const HOST_LIMIT = 25 * 1024 * 1024;

function* files(dir: string): Generator<{ path: string; bytes: number }> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) yield* files(path);
    else yield { path, bytes: stat.size };
  }
}

describe('large downloads', () => {
  it('leaves no file in the site over 25 MiB', () => {
    expect(existsSync(join(DIST, 'index.html')), 'build the site first').toBe(true);
    const over = [...files(DIST)].filter((f) => f.bytes > HOST_LIMIT).map((f) => `${f.path} ${String(f.bytes)}`);
    expect(over).toEqual([]);
  });

  it('serves each published file over the limit as a .gz holding exactly the file the manifest describes, linked from the data page', () => {
    const large = loadManifest().files.filter((f) => f.bytes > LARGE_DOWNLOAD_BYTES);
    // The demo publication has such files (the cube as CSV, metrics.json): the rule is exercised.
    expect(large.length).toBeGreaterThan(0);
    for (const file of large) {
      expect(existsSync(join(DIST, 'data', file.file)), `${file.file} left out`).toBe(false);
      const content = gunzipSync(readFileSync(join(DIST, 'data', `${file.file}.gz`)));
      expect(content.byteLength, file.file).toBe(file.bytes);
      expect(createHash('sha256').update(content).digest('hex'), file.file).toBe(file.sha256);
      for (const page of ['data/index.html', 'en/data/index.html']) {
        expect(readFileSync(join(DIST, page), 'utf8'), `${page} links ${file.file}.gz`).toContain(`href="/data/${file.file}.gz"`);
      }
    }
    // Smaller published files stay as they are.
    for (const file of loadManifest().files.filter((f) => f.bytes <= LARGE_DOWNLOAD_BYTES)) {
      expect(existsSync(join(DIST, 'data', file.file)), file.file).toBe(true);
    }
  });
});
