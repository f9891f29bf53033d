/**
 * Launch the system Chromium (/usr/bin/chromium) headless through playwright-core, with
 * a fresh temporary profile that is deleted on close, and no background networking.
 *
 * When Chromium is missing: in CI (process.env.CI set) that is an error — the browser
 * suites must run there; elsewhere the suites are skipped with a printed explanation.
 * Never downloads a browser.
 *
 * Runs under plain Node (erasable TypeScript only) as well as under vitest.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where the tests expect Chromium (Debian's `chromium` package). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Command-line switches: headless, no sandbox (runs as root in CI), no network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser suites can run, and why not. */
export type BrowserAvailability =
  | { readonly available: true }
  | { readonly available: false; readonly reason: string };

/**
 * Check for Chromium. Throws when it is missing in CI; otherwise reports why the browser
 * suites will be skipped (and prints that once to stderr).
 */
export function checkBrowser(executable: string = CHROMIUM_PATH): BrowserAvailability {
  if (existsSync(executable)) return { available: true };
  const reason =
    `Chromium not found at ${executable}. Install it with ` +
    '`apt-get install -y chromium fonts-noto-cjk` (never `npx playwright install`).';
  if (process.env.CI) {
    throw new Error(`${reason} The browser tests are required in CI (CI is set).`);
  }
  process.stderr.write(`\n[e2e] Skipping browser suites: ${reason}\n\n`);
  return { available: false, reason };
}

/** A running browser: one context on a fresh profile. */
export interface LaunchedBrowser {
  readonly context: BrowserContext;
  /** Close the browser and delete its profile (idempotent). */
  close(): Promise<void>;
}

/** Options for {@link launchBrowser}. */
export interface LaunchOptions {
  /** Initial viewport (default 1280×800). */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Launch timeout in ms (default 60 s). */
  readonly timeoutMs?: number;
}

/** Launch headless Chromium with a fresh temporary profile. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'uct-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'UTC',
      timeout: options.timeoutMs ?? 60_000,
      serviceWorkers: 'block',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    context,
    close: () => {
      closing ??= context
        .close()
        .catch(() => undefined)
        .finally(() => rmSync(profile, { recursive: true, force: true }));
      return closing;
    },
  };
}
