/**
 * docs/architecture.md stays true of the tree: every folder it names in backticks exists,
 * and every folder of src/ and src/lib/ (and the top-level folders of the code) is named.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(join(process.cwd(), 'docs/architecture.md'), 'utf8');
const folders = (path: string) =>
  readdirSync(join(process.cwd(), path), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${path}/${d.name}/`);

describe('docs/architecture.md', () => {
  it('names only folders and files that exist', () => {
    const named = [...doc.matchAll(/`((?:src|scripts|tools|test|data|docs)\/[^`*<>]*)`/g)].map((m) => m[1]!.replace(/\s.*$/, ''));
    expect(named.length).toBeGreaterThan(40);
    const missing = named.filter((path) => !existsSync(join(process.cwd(), path)));
    expect(missing).toEqual([]);
  });

  it('names every folder of src/ and src/lib/, and the code’s top-level folders', () => {
    const wanted = [...folders('src'), ...folders('src/lib'), 'scripts/', 'tools/', 'test/', 'data/metrics/', 'data/campaigns/'];
    const unnamed = wanted.filter((path) => !doc.includes(`\`${path}`));
    expect(unnamed).toEqual([]);
  });
});
