/**
 * The printed page of a briefing pack, as CSS that only a build can write: the page's margin
 * boxes (CSS Paged Media) carry the synthetic-data banner at the top of every printed page and
 * the site, data vintage and page number at the foot, and links print their address. The
 * words come from the translation files, so the stylesheet is written per locale at build time
 * (src/pages/[...lang]/briefing/print.css.ts): a strict Content Security Policy allows no
 * inline style, and no attribute can reach a margin box.
 */

/** What a briefing pack's printed pages say in their margins. */
export interface PrintPageText {
  /** Top of every page (the synthetic-data banner); null prints nothing there. */
  readonly banner: string | null;
  /** Foot of every page, left: the site and the data vintage. */
  readonly foot: string;
  /** Foot of every page, right: a template with `{page}` and `{pages}`. */
  readonly pageNumber: string;
  /** The site's origin (SITE_URL), put before a printed root-relative link; '' when unknown. */
  readonly origin: string;
}

/** A CSS string literal: `"…"`, with quotes, backslashes and line breaks escaped. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * A `content` value from a template whose `{page}` and `{pages}` become the page counters:
 * `"第 {page} 页，共 {pages} 页"` → `"第 " counter(page) " 页，共 " counter(pages) " 页"`.
 * Throws on any other placeholder.
 */
export function counterContent(template: string): string {
  return template
    .split(/(\{[^}]*\})/)
    .filter((part) => part !== '')
    .map((part) => {
      if (!part.startsWith('{')) return cssString(part);
      if (part === '{page}' || part === '{pages}') return `counter(${part.slice(1, -1)})`;
      throw new Error(`print page: unknown placeholder ${part} in ${JSON.stringify(template)}`);
    })
    .join(' ');
}

/** The print stylesheet of a briefing pack's pages. */
export function printPageCss(text: PrintPageText): string {
  const margin = 'font-family: var(--font-sans); font-size: 7.5pt; line-height: 1.3; color: #000;';
  const banner =
    text.banner === null
      ? ''
      : `    @top-center {
      content: ${cssString(text.banner)};
      ${margin}
      font-weight: 700;
      vertical-align: bottom;
      padding-bottom: 1.5mm;
      border-bottom: 1pt solid #000;
    }
`;
  return `/* Written by the build (src/lib/print-page-css.ts): the margins of a briefing pack's printed pages. */
@media print {
  @page {
${banner}    @bottom-left {
      content: ${cssString(text.foot)};
      ${margin}
      vertical-align: top;
      padding-top: 1.5mm;
    }
    @bottom-right {
      content: ${counterContent(text.pageNumber)};
      ${margin}
      vertical-align: top;
      padding-top: 1.5mm;
      white-space: nowrap;
    }
  }

  /* A printed link says where it goes; not in tables and tiles, whose words name the page. */
  .briefing__main a[href^="/"]:not(table a, .facts a)::after {
    content: " <" ${text.origin === '' ? '' : `${cssString(text.origin)} `}attr(href) ">";
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
}
`;
}
