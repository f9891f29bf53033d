/**
 * Valid HTML: the Nu HTML Checker (the W3C validator's engine, npm `vnu-jar`, run with Java)
 * finds no error on any page of the built site, in either language (all ~3,200 HTML files of
 * dist/, about 30 s).
 *
 * Java missing: an error in CI (CI set; .ci/run installs a headless JRE), else skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSitePages } from '../../scripts/site-pages.ts';

const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const JAVA = existsSync('/usr/bin/java') ? '/usr/bin/java' : undefined;
if (JAVA === undefined && process.env.CI) throw new Error('java missing: apt-get install -y default-jre-headless (the HTML check is required in CI)');
if (JAVA === undefined) process.stderr.write('\n[e2e] Skipping the HTML check: no java\n\n');

/** One message of the checker's JSON output. */
interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url: string;
  readonly lastLine?: number;
  readonly message: string;
  readonly extract?: string;
}

describe.skipIf(JAVA === undefined || !existsSync(join(DIST, 'index.html')))('HTML validity (Nu HTML Checker)', () => {
  it('finds no error on any page, in either language', () => {
    expect(listSitePages(DIST).length).toBeGreaterThan(1000);
    const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
    let output: string;
    try {
      output = execFileSync(JAVA!, ['-jar', jar, '--format', 'json', '--errors-only', '--skip-non-html', DIST], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, timeout: 240_000 });
    } catch (error) {
      // The checker exits 1 when it reports errors; they are on stderr as JSON.
      const failed = error as { stderr?: string; stdout?: string };
      output = failed.stderr || failed.stdout || '';
    }
    const messages = output.trim() === '' ? [] : (JSON.parse(output) as { messages: VnuMessage[] }).messages;
    const errors = messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => `${m.url.replace(`file:${DIST}`, '')}:${String(m.lastLine ?? '?')}: ${m.message}`);
    expect(errors).toEqual([]);
  }, 300_000);
});
