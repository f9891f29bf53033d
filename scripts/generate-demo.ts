/**
 * `npm run demo-data` — writes the SYNTHETIC demo data set (enterprises.csv, groups.csv,
 * members.csv, reported.csv) that stands in for federation returns. See data/demo/README.md.
 *
 *   node scripts/generate-demo.ts [--out DIR] [--scale N] [--seed S]
 *
 * Same seed and scale ⇒ byte-identical files. Exit codes: 0 ok, 1 generation failed, 2 bad
 * arguments.
 */
import { parseArgs } from 'node:util';
import { DEFAULTS, generateDemo } from './demo/generate.ts';

const USAGE = 'usage: node scripts/generate-demo.ts [--out DIR] [--scale N] [--seed S]';

/** Parsed command line. */
interface CliOptions {
  readonly outDir: string;
  readonly scale: number;
  readonly seed: number;
  readonly help: boolean;
}

class UsageError extends Error {}

function parseScale(text: string | undefined): number {
  if (text === undefined) return DEFAULTS.scale;
  const scale = /^\d+(\.\d+)?$|^\.\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) throw new UsageError(`--scale must be a number > 0 and ≤ 1000, got '${text}'`);
  return scale;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return DEFAULTS.seed;
  const seed = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a non-negative integer, got '${text}'`);
  return seed;
}

function parseCli(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const outDir = values.out ?? DEFAULTS.outDir;
  if (outDir.trim() === '') throw new UsageError('--out must not be empty');
  return { outDir, scale: parseScale(values.scale), seed: parseSeed(values.seed), help: values.help === true };
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`generate-demo: ${error.message.split('\n')[0] ?? ''} (${USAGE})\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n  --out DIR    output directory (default ${DEFAULTS.outDir})\n  --scale N    size multiplier, fractions allowed (default ${DEFAULTS.scale})\n  --seed S     non-negative integer seed (default ${DEFAULTS.seed})\n`);
    return 0;
  }
  try {
    await generateDemo({
      outDir: options.outDir,
      scale: options.scale,
      seed: options.seed,
      log: (line) => process.stderr.write(`generate-demo: ${line}\n`),
    });
    return 0;
  } catch (error) {
    process.stderr.write(`generate-demo: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
