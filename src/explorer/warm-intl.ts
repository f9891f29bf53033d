/**
 * Load the browser's number and date formatting data off the main thread, while the
 * explorer's code and data download.
 *
 * The first `Intl.NumberFormat` a page makes is expensive: in Chromium it loads ICU's data,
 * about 100–190 ms on the main thread with the CPU slowed 4x, and Observable Plot makes
 * one as its module is evaluated. ICU keeps that data for the whole renderer process, so
 * once a worker has made a formatter, the main thread's first one costs under a
 * millisecond (measured in the same emulation). The worker is tiny, ends by itself, and
 * costs nothing where a browser keeps no such shared data.
 */
import workerUrl from './warm-intl.worker.ts?worker&url';

let started = false;

/** Start the warm-up once, for the page's language and the `en-US` Observable Plot uses. */
export function warmIntl(): void {
  if (started || typeof Worker === 'undefined') return;
  started = true;
  try {
    const worker = new Worker(workerUrl);
    worker.postMessage([...new Set([document.documentElement.lang || 'en-US', 'en-US'])]);
  } catch {
    // A browser that refuses the worker formats on the main thread, as it would anyway.
  }
}
