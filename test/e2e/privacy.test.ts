import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Values that identify people or enterprises, seeded into the input; none may be published. */
const SECRETS = ['张三', '李四有限公司', '11010519491231002X', '13800138000', '13912345678', 'E-ZHANGSAN-HOME'];

/** Every file below a folder. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('nothing identifying gets out', () => {
  const root = mkdtempSync(join(tmpdir(), 'privacy-'));
  const project = join(root, 'project');

  beforeAll(() => {
    // A copy of the project (tracked files only) with its own public/data and dist.
    const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f !== '');
    for (const file of files) {
      mkdirSync(join(project, dirname(file)), { recursive: true });
      cpSync(file, join(project, file));
    }
    symlinkSync(join(process.cwd(), 'node_modules'), join(project, 'node_modules'), 'dir');
    // The small fixture, seeded with personal data in the places an office might put it.
    const input = join(root, 'input');
    cpSync('test/fixtures/submissions/metrics-small', input, { recursive: true });
    const members = readFileSync(join(input, 'members.csv'), 'utf8');
    writeFileSync(
      join(input, 'members.csv'),
      members +
        '张三,640104,2020-05-07,,online,enterprise,true,f,\n' +
        '11010519491231002X,640104,2020-05-07,,online,enterprise,true,f,\n' +
        '13800138000,640104,2020-05-07,,online,enterprise,true,f,\n' +
        'M900,640104,2020-05-07,,13912345678,enterprise,true,f,\n',
    );
    const enterprises = readFileSync(join(input, 'enterprises.csv'), 'utf8');
    const row = enterprises.split('\n')[1]!.split(',');
    writeFileSync(
      join(input, 'enterprises.csv'),
      enterprises + [row[0], '李四有限公司', ...row.slice(2)].join(',') + '\n' + [row[0], 'E-ZHANGSAN-HOME', ...row.slice(2)].join(',').replace(',private,', ',张三,') + '\n',
    );
    const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
    const ingest = spawnSync(process.execPath, ['scripts/ingest.ts', '--input', input], { cwd: project, encoding: 'utf8', env });
    expect(ingest.status, ingest.stderr).toBe(0);
    const build = spawnSync(process.execPath, [join(process.cwd(), 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: project, encoding: 'utf8', env });
    expect(build.status, build.stderr + build.stdout.slice(-2000)).toBe(0);
  }, 600_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rejects the seeded rows, and keeps them only in the reports folder', () => {
    const rejects = readFileSync(join(project, 'reports/rejects/members.csv'), 'utf8') + readFileSync(join(project, 'reports/rejects/enterprises.csv'), 'utf8');
    expect(rejects).toMatch(/personal_data/);
    expect(readdirSync(project)).toEqual(expect.arrayContaining(['reports', 'dist', 'public']));
  });

  it('publishes none of them in public/data or anywhere in the built site', () => {
    const published = [...walk(join(project, 'public')), ...walk(join(project, 'dist'))];
    expect(published.length).toBeGreaterThan(10);
    for (const file of published) {
      // A gzip file (the wasm module, the cube's slices, large downloads) is searched unpacked.
      const bytes = readFileSync(file);
      const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
      for (const secret of SECRETS) expect(text.includes(secret), `${secret} in ${file.slice(project.length)}`).toBe(false);
    }
    for (const file of published) expect(file.slice(project.length), 'no reject file is published').not.toMatch(/rejects|report\.json|\.duckdb/);
  });
});
