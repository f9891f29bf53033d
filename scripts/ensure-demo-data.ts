import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { contract } from '../src/lib/contract/contract.ts';

/**
 * Generates the demo submission when any of its files is missing, so that `npm start` and
 * `npm run build` work on a fresh clone. Existing demo files are left alone.
 */
const dir = 'data/demo';
const missing = [...contract.tables.map((t) => t.file), 'submission.json'].filter((file) => !existsSync(join(dir, file)));
if (missing.length > 0) {
  console.log(`demo data: ${missing.join(', ')} missing in ${dir}; generating`);
  const result = spawnSync(process.execPath, ['scripts/generate-demo.ts', '--out', dir], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
