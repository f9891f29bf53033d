/**
 * The explorer's entry script, kept small: it waits for the reader's intent and only then
 * starts the explorer (src/explorer/app.ts, which brings Observable Plot and computes the
 * views from the metric slices; DuckDB-WASM only comes with the SQL panel).
 *
 * Intent is: focus inside the explorer, a pointer press or click in it, a change of one
 * of its controls, or scrolling its table into view (after the reader has scrolled). A
 * link that names a view (any explorer parameter in the query string) starts it at once,
 * and until it is drawn the default view on the page is marked as not the link's.
 * Until then the page shows the default view drawn at build time.
 *
 * Once the page has loaded and the browser is idle, the explorer's code and the first
 * metric's slice are fetched ahead, so that a reader's first change is answered at once;
 * with them, a worker loads the browser's number-formatting data (warm-intl.ts).
 *
 * The controls are in a fieldset disabled in the HTML (with JavaScript off they would do
 * nothing); this script enables it.
 *
 * Events that arrive before the explorer has taken over (a change, a click on a button)
 * are queued and handed to it, so the first click is not lost.
 */

import type { Catalog } from '../lib/explorer/catalog.ts';
import { hasStateParams } from '../lib/explorer/state-params.ts';
import { ElementWidths } from './element-widths.ts';
import { fetchChecked } from './fetch-checked.ts';
import type { BootQueue, ExplorerModule, Intent } from './hand-over.ts';
import { keepLanguage } from './language-link.ts';
import { warmIntl } from './warm-intl.ts';

const root = document.querySelector<HTMLElement>('[data-explorer]');

if (root !== null) {
  keepLanguage();
  for (const fieldset of root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-needs-script]')) fieldset.disabled = false;
  // The views' widths, observed from the start, so that the first change reads them without forcing a layout.
  const widths = new ElementWidths(root.querySelectorAll<HTMLElement>('[data-view] [data-body]'));
  let catalog: Catalog | null = null;
  const readCatalog = (): Catalog => (catalog ??= JSON.parse(document.getElementById('explorer-catalog')?.textContent ?? '{}') as Catalog);
  /** Slices being fetched, by metric, handed to the explorer. */
  const fetching = new Map<string, Promise<Uint8Array>>();
  let app: Promise<ExplorerModule> | null = null;
  /**
   * Fetch the explorer's code and the core slice of a metric: the one a change of the
   * metric control picked, or the one the link (or else the page) opens with.
   */
  const prefetch = (picked: string | null = null): Promise<ExplorerModule> => {
    const metric = picked ?? new URLSearchParams(location.search).get('m') ?? root.dataset.metric ?? '';
    const file = readCatalog().cube?.slices?.[metric];
    if (file !== undefined && !fetching.has(metric)) {
      const bytes = fetchChecked(file);
      bytes.catch(() => fetching.delete(metric));
      fetching.set(metric, bytes);
    }
    warmIntl();
    app ??= import('./app.ts');
    return app;
  };
  const events: { type: string; target: EventTarget | null }[] = [];
  let started = false;
  let listening = true;
  const cleanups: (() => void)[] = [];

  const queue: BootQueue = {
    events,
    release() {
      listening = false;
      for (const cleanup of cleanups) cleanup();
    },
  };

  const start = (kind: Intent['kind'], time: number, picked: string | null = null): void => {
    if (started) return;
    started = true;
    widths.settle();
    performance.mark('explorer:intent', { startTime: time });
    root.dataset.phase = 'loading';
    prefetch(picked)
      .then((module) => module.start(root, { kind, time }, queue, readCatalog(), fetching, widths))
      .catch((error: unknown) => {
        const box = root.querySelector<HTMLElement>('[data-error]');
        if (box !== null) {
          box.hidden = false;
          box.textContent = error instanceof Error ? error.message : String(error);
        }
        root.dataset.phase = 'error';
      });
  };

  const on = <K extends keyof HTMLElementEventMap>(type: K, handler: (event: HTMLElementEventMap[K]) => void): void => {
    const listener = (event: HTMLElementEventMap[K]) => {
      if (listening) handler(event);
    };
    root.addEventListener(type, listener, { capture: true });
    cleanups.push(() => root.removeEventListener(type, listener, { capture: true }));
  };

  on('focusin', (e) => start('focus', e.timeStamp));
  on('pointerdown', (e) => start('pointer', e.timeStamp));
  on('change', (e) => {
    events.push({ type: 'change', target: e.target });
    const picked = e.target instanceof HTMLSelectElement && e.target.name === 'm' ? e.target.value : null;
    start('change', e.timeStamp, picked);
  });
  on('click', (e) => {
    // A click on a button before the explorer has taken over is replayed once it is ready.
    const target = e.target instanceof Element ? e.target.closest('[data-action]') : null;
    if (target !== null) {
      e.preventDefault();
      events.push({ type: 'click', target });
    }
    start('click', e.timeStamp);
  });
  on('submit', (e) => {
    e.preventDefault();
    events.push({ type: 'submit', target: e.target });
    start('click', e.timeStamp);
  });

  // Scrolling the table into view, once the reader has scrolled.
  const table = root.querySelector('[data-table-section]');
  if (table !== null && 'IntersectionObserver' in window) {
    const arm = () => {
      window.removeEventListener('scroll', arm);
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          if (listening) start('scroll', performance.now());
        }
      });
      observer.observe(table);
      cleanups.push(() => observer.disconnect());
    };
    window.addEventListener('scroll', arm, { passive: true });
    cleanups.push(() => window.removeEventListener('scroll', arm));
  }

  if (hasStateParams(location.search)) {
    // The page shows the default view, not the link's, until the explorer has drawn it.
    root.dataset.stale = 'true';
    start('link', performance.now());
  } else {
    // Unless the reader started it first (then it fetches what their choice needs).
    const fetchAhead = () => {
      if (!started) void prefetch().catch(() => undefined);
    };
    const ahead = () => {
      if ('requestIdleCallback' in window) window.requestIdleCallback(fetchAhead, { timeout: 3000 });
      else setTimeout(fetchAhead, 500);
    };
    if (document.readyState === 'complete') ahead();
    else window.addEventListener('load', ahead, { once: true });
  }
}
