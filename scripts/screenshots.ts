/**
 * Headless screenshots of every page of the built site (dist/) in both languages, at
 * phone (390 px) and desktop (1280 px) widths, full page, into screenshots/
 * (gitignored). Run `npm run build` first, then `npm run screenshots`.
 *
 * Files are named `<page>--<width>.png`, e.g. `en-data--390.png`, `home--1280.png`, with the
 * first screen alone in `<page>--<width>-top.png`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkBrowser, launchBrowser } from '../tools/browser.ts';
import { startStaticServer } from '../tools/static-server.ts';
import { listSitePages, pageSlug } from './site-pages.ts';

/** Viewport widths (px) and the height of the first screen at each. */
const VIEWPORTS: readonly { width: number; height: number }[] = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

const OUT_DIR = join(process.cwd(), 'screenshots');

async function main(): Promise<void> {
  const availability = checkBrowser();
  if (!availability.available) {
    process.exitCode = 1;
    return;
  }
  const server = await startStaticServer({ idleTimeoutMs: 120_000 });
  const browser = await launchBrowser();
  try {
    rmSync(OUT_DIR, { recursive: true, force: true });
    mkdirSync(OUT_DIR, { recursive: true });
    const pages = listSitePages();
    const page = await browser.context.newPage();
    for (const sitePage of pages) {
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(server.url(sitePage.path), { waitUntil: 'networkidle' });
        const file = join(OUT_DIR, `${pageSlug(sitePage.path)}--${String(viewport.width)}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.screenshot({ path: file.replace(/\.png$/, '-top.png'), fullPage: false });
        process.stdout.write(`${file}\n`);
      }
    }
    process.stdout.write(`${String(pages.length * VIEWPORTS.length)} screenshots in ${OUT_DIR}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
