/**
 * The explorer's entry script, kept small: it waits for the reader's intent and only then
 * loads the explorer (src/explorer/app.ts, which brings Observable Plot and DuckDB-WASM).
 *
 * Intent is: focus inside the explorer, a pointer press or click in it, a change of one
 * of its controls, or scrolling its table into view (after the reader has scrolled). A
 * link that names a view (any explorer parameter in the query string) loads it at once.
 * Until then the page shows the default view drawn at build time.
 *
 * Events that arrive before the explorer has taken over (a change, a click on a button)
 * are queued and handed to it, so the first click is not lost.
 */

import type { Catalog } from '../lib/explorer/catalog.ts';
import { hasStateParams } from '../lib/explorer/state-params.ts';
import { startDuckdbWorker } from './duckdb-worker-start.ts';
import type { BootQueue, Intent } from './hand-over.ts';
import { keepLanguage } from './language-link.ts';

const root = document.querySelector<HTMLElement>('[data-explorer]');

if (root !== null) {
  keepLanguage();
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

  const start = (kind: Intent['kind'], time: number): void => {
    if (started) return;
    started = true;
    performance.mark('explorer:intent', { startTime: time });
    root.dataset.phase = 'loading';
    // DuckDB-WASM starts (and the cube downloads) while the explorer's own code loads.
    const catalog = JSON.parse(document.getElementById('explorer-catalog')?.textContent ?? '{}') as Catalog;
    const worker = startDuckdbWorker();
    const engine = import('./engine.ts').then((m) => m.startEngine(catalog, worker));
    engine.catch(() => undefined);
    import('./app.ts')
      .then((app) => app.start(root, { kind, time }, queue, catalog, engine))
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
    start('change', e.timeStamp);
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

  if (hasStateParams(location.search)) start('link', performance.now());
}
