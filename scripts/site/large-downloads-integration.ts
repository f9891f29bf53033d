/**
 * An Astro integration that leaves out of the built site the published files it serves
 * compressed (src/lib/large-downloads.ts): Astro copies public/data whole, and the endpoint
 * src/pages/data/[file].gz.ts has written each large file's `.gz` beside it. The build fails
 * if a compressed copy is missing, so that a download link never points at nothing.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { largeDownloads } from '../../src/lib/large-downloads.ts';

/** A minimal Astro integration shape (the project does not depend on Astro's types here). */
export interface LargeDownloadsIntegration {
  readonly name: string;
  readonly hooks: { 'astro:build:done': (options: { dir: URL }) => void };
}

/** The integration. */
export function largeDownloadsIntegration(): LargeDownloadsIntegration {
  return {
    name: 'large-downloads',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const data = join(fileURLToPath(dir), 'data');
        if (!existsSync(data)) return;
        const files = readdirSync(data)
          .filter((file) => statSync(join(data, file)).isFile())
          .map((file) => ({ file, bytes: statSync(join(data, file)).size }));
        for (const file of largeDownloads(files)) {
          if (!existsSync(join(data, `${file}.gz`))) throw new Error(`large-downloads: dist/data/${file}.gz was not written; its download link would be broken`);
          rmSync(join(data, file));
        }
      },
    },
  };
}
