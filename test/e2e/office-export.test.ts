/**
 * Exported chart images as Office sees them: a sample of the built site's SVG exports, one of
 * every kind in both languages, converted to PDF by LibreOffice (`soffice --headless
 * --convert-to pdf`, Debian's libreoffice-draw), and read back with `pdftotext` (poppler-utils):
 * every text of the SVG — title, value labels, target and deadline labels, axes, key, source,
 * vintage, URL — must be in the PDF. Labels drawn with a `paint-order` halo used to vanish here.
 *
 * LibreOffice missing: an error in CI (CI set; .ci/run installs it), else the suite is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
const PDFTOTEXT = existsSync('/usr/bin/pdftotext') ? '/usr/bin/pdftotext' : undefined;
const available = SOFFICE !== undefined && PDFTOTEXT !== undefined;
if (!available && process.env.CI) {
  throw new Error('LibreOffice (soffice) or pdftotext missing: apt-get install -y libreoffice-draw-nogui poppler-utils (the Office export test is required in CI)');
}
if (!available) process.stderr.write('\n[e2e] Skipping the Office export test: soffice or pdftotext not installed\n\n');

const KINDS = ['-progress', '-rank', '-trends', '-compare', '-provinces', '-prefectures'] as const;

/** One exported SVG of each kind and language: the first by name, for a stable sample. */
function sample(): string[] {
  const images = join(DIST, 'images');
  const vintage = readdirSync(images).sort().at(-1);
  if (vintage === undefined) throw new Error(`no exported images in ${images}`);
  const files = readdirSync(join(images, vintage)).filter((f) => f.endsWith('.svg')).sort();
  return KINDS.flatMap((kind) =>
    ['zh-CN', 'en'].map((lang) => {
      const file = files.find((f) => f.includes(`${kind}.`) && f.endsWith(`.${lang}.svg`));
      if (file === undefined) throw new Error(`no exported ${kind} image in ${lang}`);
      return join(images, vintage, file);
    }),
  );
}

/** Every text an SVG shows (its <text> elements), without spaces, which PDF text extraction moves. */
function svgTexts(svg: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return [...document.querySelectorAll('text')]
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ''))
    .filter((text) => text !== '');
}

describe.skipIf(!available || !existsSync(join(DIST, 'images')))('exported SVG in LibreOffice', () => {
  let out: string;
  let files: string[];

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'uct-office-'));
    files = sample();
    // One LibreOffice run converts them all, with a profile of its own (none is left behind).
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(out, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], {
      stdio: 'pipe',
      timeout: 240_000,
    });
  }, 300_000);

  afterAll(() => {
    if (out !== undefined) rmSync(out, { recursive: true, force: true });
  });

  it('keeps every label of every kind of chart, in both languages', () => {
    expect(files).toHaveLength(KINDS.length * 2);
    for (const file of files) {
      const pdf = join(out, file.split('/').at(-1)!.replace(/\.svg$/, '.pdf'));
      expect(existsSync(pdf), `${pdf} was written`).toBe(true);
      const text = execFileSync(PDFTOTEXT!, ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      const texts = svgTexts(readFileSync(file, 'utf8'));
      expect(texts.length, file).toBeGreaterThan(5);
      const missing = texts.filter((t) => !text.includes(t));
      expect(missing, `${file}: texts LibreOffice did not draw`).toEqual([]);
    }
  });
});
