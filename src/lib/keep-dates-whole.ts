/**
 * Dates and numbers that never break across lines. Chinese text may break between any two
 * characters, so "2020年12月31日" can end a line at "2020年12月31" with "日" on the next;
 * English breaks "31 Dec / 2020" at its spaces and "end- / 2020" at its hyphen. Every page's
 * HTML passes through `keepDatesWhole` (src/middleware.ts), which wraps each date, and each
 * number written with 万/亿, in `<span class="nowrap">` (global.css) wherever it is text
 * of the page: not inside attributes, scripts, styles, SVG, code, form options or the title.
 */

/** A date as the site writes it, or a number with 万/亿. */
const KEEP_WHOLE = new RegExp(
  [
    String.raw`\d{4}年\d{1,2}月(?:\d{1,2}日)?`,
    String.raw`\d{4}年底`,
    String.raw`\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}`,
    String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}`,
    String.raw`end-\d{4}`,
    String.raw`\d[\d,]*(?:\.\d+)?[万亿]`,
  ].join('|'),
  'g',
);

/** Elements whose text is left alone: raw text, SVG, code, and what cannot hold a span. */
const SKIP = new Set(['script', 'style', 'svg', 'math', 'pre', 'code', 'textarea', 'option', 'select', 'title', 'template', 'noscript', 'head']);
/** Elements whose content is raw text, to be skipped to their end tag unparsed. */
const RAW = new Set(['script', 'style', 'textarea', 'title']);

const TOKEN = /<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;

/** The text of a page with its dates and 万/亿 numbers wrapped so that they stay on one line. */
export function wrapDates(text: string): string {
  return text.replace(KEEP_WHOLE, (match) => `<span class="nowrap">${match}</span>`);
}

/** A page's HTML with every date (and 万/亿 number) in its text kept on one line. */
export function keepDatesWhole(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  let skipping = 0;
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(html); token !== null; token = TOKEN.exec(html)) {
    const text = html.slice(at, token.index);
    out += skipping > 0 ? text : wrapDates(text);
    out += token[0];
    at = TOKEN.lastIndex;
    const name = token[2]?.toLowerCase();
    if (name === undefined) continue;
    const closing = token[1] === '/';
    const selfClosing = token[3] === '/';
    if (RAW.has(name)) {
      if (closing) continue;
      const end = lower.indexOf(`</${name}`, at);
      const stop = end === -1 ? html.length : end;
      out += html.slice(at, stop);
      at = stop;
      TOKEN.lastIndex = stop;
      continue;
    }
    if (!SKIP.has(name) || selfClosing) continue;
    skipping += closing ? -1 : 1;
    if (skipping < 0) skipping = 0;
  }
  return out + (skipping > 0 ? html.slice(at) : wrapDates(html.slice(at)));
}
