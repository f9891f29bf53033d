/**
 * The demo generator as a tool: deterministic output, atomic writes, a strict CLI, and
 * streaming generation whose memory does not grow with the scale.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILES, SUBMISSION_FILE, demoBatches, generateDemo } from '../../scripts/demo/generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const CLI = join(ROOT, 'scripts/generate-demo.ts');
const GENERATE_MODULE = join(ROOT, 'scripts/demo/generate.ts');
const SEED = 20260101;

let work = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'demo-generator-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function readAll(dir: string): Promise<Record<string, Buffer>> {
  const entries = await Promise.all(DEMO_FILES.map(async (file) => [file, await readFile(join(dir, file))] as const));
  return Object.fromEntries(entries);
}

function runCli(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(NODE, [CLI, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'UTC' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolveRun({ status, stdout, stderr }));
  });
}

describe('determinism', () => {
  it('gives byte-identical files for the same seed and scale, different files for another seed', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => join(work, name));
    await generateDemo({ outDir: a ?? '', scale: 0.05, seed: SEED });
    await generateDemo({ outDir: b ?? '', scale: 0.05, seed: SEED });
    await generateDemo({ outDir: c ?? '', scale: 0.05, seed: SEED + 1 });
    const [filesA, filesB, filesC] = await Promise.all([a, b, c].map((dir) => readAll(dir ?? '')));
    for (const file of DEMO_FILES) {
      expect(filesA?.[file]?.equals(filesB?.[file] ?? Buffer.alloc(0)), `${file} same seed`).toBe(true);
      expect(filesA?.[file]?.equals(filesC?.[file] ?? Buffer.alloc(0)), `${file} other seed`).toBe(false);
    }
  });

  it('yields the same typed rows when iterated twice', () => {
    const take = (n: number): string[] => {
      const out: string[] = [];
      for (const batch of demoBatches({ scale: 0.02, seed: 7 })) {
        for (const s of batch.enterprises) out.push(`${s.enterpriseId}|${s.period.iso}|${s.employees}|${s.members}|${s.unionForm}`);
        if (out.length >= n) break;
      }
      return out;
    };
    expect(take(2000)).toEqual(take(2000));
  });
});

describe('streaming', () => {
  it('starts yielding rows at once even at an absurd scale (nothing is materialised up front)', () => {
    const started = performance.now();
    let rows = 0;
    for (const batch of demoBatches({ scale: 1000, seed: SEED })) {
      rows += batch.enterprises.length;
      if (rows >= 20_000) break;
    }
    expect(rows).toBeGreaterThanOrEqual(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('keeps peak memory flat when the scale grows tenfold', async () => {
    const peakRss = (scale: number, out: string): Promise<number> =>
      new Promise((resolvePeak, reject) => {
        const code = `const { generateDemo } = await import(${JSON.stringify(GENERATE_MODULE)});
await generateDemo({ outDir: ${JSON.stringify(out)}, scale: ${scale}, seed: ${SEED} });
process.stdout.write(String(process.resourceUsage().maxRSS));`;
        const child = spawn(NODE, ['--input-type=module', '-e', code], { cwd: ROOT });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('error', reject);
        child.on('close', (status) => (status === 0 ? resolvePeak(Number(stdout) * 1024) : reject(new Error(`exit ${status}`))));
      });
    const [small, large] = await Promise.all([peakRss(0.2, join(work, 'rss-small')), peakRss(2, join(work, 'rss-large'))]);
    const { size } = await stat(join(work, 'rss-large', 'enterprises.csv'));
    // The large run writes ~90 MB of enterprises.csv alone; holding it would show in the peak.
    expect(size).toBeGreaterThan(70 * 1024 * 1024);
    expect(large - small).toBeLessThan(50 * 1024 * 1024);
  }, 60_000);
});

describe('output directory', () => {
  it('replaces only the four CSV files and leaves no temporary directory behind', async () => {
    const out = join(work, 'keep');
    await generateDemo({ outDir: out, scale: 0.02, seed: SEED });
    await writeFile(join(out, 'README.md'), 'docs stay\n');
    await generateDemo({ outDir: out, scale: 0.02, seed: SEED + 5 });
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('docs stay\n');
    expect((await readdir(out)).sort()).toEqual(['README.md', ...DEMO_FILES, SUBMISSION_FILE].sort());
    expect(JSON.parse(await readFile(join(out, SUBMISSION_FILE), 'utf8'))).toMatchObject({ synthetic: true, generator: { seed: SEED + 5, scale: 0.02 } });
    expect((await readdir(work)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});

describe('command line', () => {
  it('writes the four files and reports rows and elapsed time on stderr', async () => {
    const out = join(work, 'cli');
    const result = await runCli(['--out', out, '--scale', '0.02', '--seed', '11']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/enterprises\.csv: .* \d+ rows/);
    expect(result.stderr).toMatch(/wrote 4 CSV files and submission\.json to .* in \d+\.\d s/);
    expect((await readdir(out)).sort()).toEqual([...DEMO_FILES, SUBMISSION_FILE].sort());
  });

  it.concurrent.each([
    [['--scale', '0']],
    [['--scale', 'lots']],
    [['--scale', '-1']],
    [['--seed', '1.5']],
    [['--seed', 'abc']],
    [['--out', '']],
    [['--bogus']],
    [['positional']],
  ])('rejects %j with a one-line error and exit code 2', async (args) => {
    const result = await runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^generate-demo: /);
  });
});
