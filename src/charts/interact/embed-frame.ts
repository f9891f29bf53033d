/**
 * The embed view's half of the resize protocol (the host's half is public/embed.js): tell
 * the parent window the document's height whenever it changes (load, fonts, the iframe's
 * width changing and the chart reflowing). The message carries nothing but a type, the
 * chart id and a height, so posting it to any origin discloses nothing.
 */

/** The type of the height message (public/embed.js listens for it). */
export const EMBED_MESSAGE = 'uct-embed-height';

/** The message the embed view posts to its parent. */
export interface EmbedHeightMessage {
  readonly type: typeof EMBED_MESSAGE;
  readonly id: string;
  readonly height: number;
}

/** Post the height now and whenever it changes; a no-op outside a frame. */
export function reportHeight(win: Window, doc: Document): void {
  if (win.parent === win) return;
  let last = -1;
  const post = (): void => {
    const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: EmbedHeightMessage = { type: EMBED_MESSAGE, id: doc.body.dataset.chartId ?? '', height };
    win.parent.postMessage(message, '*');
  };
  new ResizeObserver(post).observe(doc.documentElement);
  win.addEventListener('load', post);
  void doc.fonts?.ready.then(post);
  post();
}
