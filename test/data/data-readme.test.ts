import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/lib/contract/contract.ts';
import { contractMarkdown, replaceGenerated } from '../../scripts/docs/contract-markdown.ts';

describe('data/README.md', () => {
  it('documents the contract exactly as data/schemas defines it (run npm run docs)', async () => {
    const text = await readFile('data/README.md', 'utf8');
    expect(replaceGenerated(text, contractMarkdown(contract))).toBe(text);
  });

  it('names every file, column, enum code and rule', async () => {
    const text = await readFile('data/README.md', 'utf8');
    for (const table of contract.tables) {
      expect(text).toContain(`\`${table.file}\``);
      for (const c of table.columns) expect(text).toContain(`\`${c.name}\``);
      for (const r of table.rules) expect(text).toContain(`\`${r.name}\``);
    }
    for (const e of Object.values(contract.enums)) for (const v of e.values) expect(text).toContain(`| \`${v.code}\` | ${v.en} | ${v.zh} |`);
  });
});
