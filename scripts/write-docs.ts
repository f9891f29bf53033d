import { readFile, writeFile } from 'node:fs/promises';
import { contract } from '../src/lib/contract/contract.ts';
import { contractMarkdown, replaceGenerated } from './docs/contract-markdown.ts';

/** Regenerates the contract section of data/README.md from data/schemas. */
const path = 'data/README.md';
const current = await readFile(path, 'utf8');
const next = replaceGenerated(current, contractMarkdown(contract));
if (next !== current) await writeFile(path, next);
console.log(next === current ? `${path} is up to date` : `${path} updated`);
