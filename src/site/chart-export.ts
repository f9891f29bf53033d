/**
 * A chart as a standalone SVG image for briefings (Word, PowerPoint, WeChat): the chart
 * (or its small multiples) with its title, a subtitle saying what it is measured against,
 * the key, a source line, the data vintage, the page it comes from and, for demo data, a
 * "synthetic demo data" line. Everything is in the file: no stylesheet, script or external
 * font; text is set in a CJK-first system font stack (the reader's machine renders it; the
 * PNGs are rasterised from this SVG in the reader's browser).
 *
 * Pure string building (no DOM, no node:*), so the build and the tests share it.
 */
import { COLORS, textWidth } from '../charts/common.ts';
import type { KeyItem } from '../lib/chart-spec.ts';

/** The font stack of exported images: CJK fonts first so that Chinese never falls back to boxes. */
export const EXPORT_FONTS = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/** Width of every exported image, in SVG units (CSS pixels at 1x). */
export const EXPORT_WIDTH = 760;

const PAD = 24;
const INNER = EXPORT_WIDTH - 2 * PAD;
const TITLE_SIZE = 20;
const SUBTITLE_SIZE = 14;
const KEY_SIZE = 12;
const FOOT_SIZE = 11;
const PANEL_COLUMNS = 3;
const PANEL_GAP = 16;
const MAX_SCALE = 1.5;

/** What goes into an exported image; every text already in the image's language. */
export interface ExportInput {
  /** `lang` of the image's text. */
  readonly lang: string;
  readonly title: string;
  readonly subtitle: string;
  /** One chart SVG (as rendered for the page)… */
  readonly svg?: string;
  /** …or small multiples, each with a title. */
  readonly panels?: readonly { readonly title: string; readonly svg: string }[];
  readonly keyItems: readonly KeyItem[];
  /** Notes under the chart (the phases and milestones the key refers to), one line each. */
  readonly notes?: readonly string[];
  /** "Source: …" line. */
  readonly source: string;
  /** "Data as of …" line. */
  readonly vintage: string;
  /** The page URL (or path) of the chart. */
  readonly url: string;
  /** Set for synthetic data: the warning line shown above the title. */
  readonly synthetic?: string;
}

/** Escape text for XML character data and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Break a text into lines no wider than `width` at `size` (at spaces for Latin text, anywhere for CJK). */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  // Tokens: addresses and runs of Latin word characters (kept whole), or single other characters.
  const tokens = text.match(/(?:https?:\/\/|\/)\S+\s*|[A-Za-z0-9%.,;:'’()\-–/]+\s*|\s+|./gsu) ?? [];
  for (const token of tokens) {
    if (line !== '' && textWidth(`${line}${token}`.trimEnd(), size) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** The size of a chart SVG from its viewBox (or width/height). */
export function svgSize(svg: string): { width: number; height: number } {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const box = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(open);
  if (box) return { width: Number(box[1]), height: Number(box[2]) };
  const w = /\swidth="([\d.]+)"/.exec(open);
  const h = /\sheight="([\d.]+)"/.exec(open);
  if (w && h) return { width: Number(w[1]), height: Number(h[1]) };
  throw new Error('chart-export: chart SVG without viewBox or size');
}

/** Place a chart SVG at (x, y) scaled to `width`: its accessibility attributes and classes are dropped. */
function placeSvg(svg: string, x: number, y: number, width: number): { markup: string; height: number } {
  const size = svgSize(svg);
  const height = Math.round((size.height * width) / size.width * 10) / 10;
  const markup = svg.replace(/^<svg\b[^>]*>/, (open) => {
    const kept = open
      .replace(/\s(?:aria-[a-z]+|role|class|width|height|x|y|style)="[^"]*"/g, '')
      .replace(/^<svg/, `<svg x="${x}" y="${y}" width="${width}" height="${height}" overflow="visible"`);
    return kept.includes('viewBox') ? kept : kept.replace(/^<svg/, `<svg viewBox="0 0 ${size.width} ${size.height}"`);
  });
  return { markup, height };
}

function textLines(lines: readonly string[], x: number, y: number, size: number, attrs: string): { markup: string; height: number } {
  const lead = Math.round(size * 1.35);
  const markup = lines
    .map((line, i) => `<text x="${x}" y="${y + size + i * lead}" font-size="${size}" ${attrs}>${xmlEscape(line)}</text>`)
    .join('');
  return { markup, height: lines.length * lead };
}

/** A swatch of the key at (x, y): 24 wide, centred on y + 6. */
function swatch(item: KeyItem, x: number, y: number): string {
  const c = xmlEscape(item.color);
  const mid = y + 6;
  switch (item.kind) {
    case 'line':
      return `<line x1="${x}" x2="${x + 24}" y1="${mid}" y2="${mid}" stroke="${c}" stroke-width="3"/>`;
    case 'dash':
      return `<line x1="${x}" x2="${x + 24}" y1="${mid}" y2="${mid}" stroke="${c}" stroke-width="2" stroke-dasharray="5 3"/>`;
    case 'dot':
      return `<line x1="${x}" x2="${x + 24}" y1="${mid}" y2="${mid}" stroke="${c}" stroke-width="2" stroke-dasharray="2 3"/>`;
    case 'rule':
      return `<line x1="${x + 12}" x2="${x + 12}" y1="${y - 1}" y2="${y + 13}" stroke="${c}" stroke-width="1.5"/>`;
    case 'rule-dotted':
      return `<line x1="${x + 12}" x2="${x + 12}" y1="${y - 1}" y2="${y + 13}" stroke="${c}" stroke-width="2" stroke-dasharray="2 2"/>`;
    case 'band':
      return `<rect x="${x + 4}" y="${y}" width="16" height="12" fill="${c}" stroke="${COLORS.grid}"/>`;
    case 'bar':
      return `<rect x="${x + 4}" y="${y}" width="16" height="12" fill="${c}"/>`;
    case 'circle':
      return `<circle cx="${x + 12}" cy="${mid}" r="5" fill="${c}"/>`;
    case 'diamond':
      return `<path d="M${x + 12} ${mid - 6}L${x + 18} ${mid}L${x + 12} ${mid + 6}L${x + 6} ${mid}Z" fill="${c}"/>`;
    case 'triangle':
      return `<path d="M${x + 12} ${mid - 6}L${x + 18} ${mid + 5}L${x + 6} ${mid + 5}Z" fill="${c}"/>`;
  }
}

/**
 * A key swatch on its own, for the key under a chart on the page: the drawing of the exported
 * image's key (the same shapes, colours in attributes, so no inline style is needed).
 */
export function keySwatchSvg(item: KeyItem): string {
  return `<svg class="chart-key__swatch" width="24" height="15" viewBox="0 -1 24 15" aria-hidden="true" focusable="false">${swatch(item, 0, 0)}</svg>`;
}

/** The key, flowed left to right over as many rows as it needs. */
function keyRows(items: readonly KeyItem[], y: number): { markup: string; height: number } {
  if (items.length === 0) return { markup: '', height: 0 };
  const row = 20;
  let x = PAD;
  let top = y;
  const parts: string[] = [];
  for (const item of items) {
    const width = 30 + Math.min(textWidth(item.label, KEY_SIZE), INNER - 30) + 18;
    if (x > PAD && x + width > PAD + INNER) {
      x = PAD;
      top += row;
    }
    parts.push(swatch(item, x, top + 2));
    parts.push(`<text x="${x + 30}" y="${top + KEY_SIZE + 1}" font-size="${KEY_SIZE}" fill="${COLORS.ink}">${xmlEscape(item.label)}</text>`);
    x += width;
  }
  return { markup: parts.join(''), height: top - y + row };
}

/** The standalone SVG of a chart (see the module comment). */
export function exportSvg(input: ExportInput): string {
  const parts: string[] = [];
  let y = PAD - 4;
  if (input.synthetic !== undefined) {
    const warn = textLines(wrapText(input.synthetic, INNER, 13), PAD, y, 13, `font-weight="700" fill="${COLORS.bad}"`);
    parts.push(warn.markup);
    y += warn.height + 4;
  }
  const title = textLines(wrapText(input.title, INNER, TITLE_SIZE), PAD, y, TITLE_SIZE, `font-weight="700" fill="${COLORS.ink}"`);
  parts.push(title.markup);
  y += title.height + 2;
  if (input.subtitle !== '') {
    const sub = textLines(wrapText(input.subtitle, INNER, SUBTITLE_SIZE), PAD, y, SUBTITLE_SIZE, `fill="${COLORS.muted}"`);
    parts.push(sub.markup);
    y += sub.height;
  }
  y += 8;
  const key = keyRows(input.keyItems, y);
  parts.push(key.markup);
  y += key.height + (key.height > 0 ? 6 : 0);

  if (input.svg !== undefined && input.svg !== '') {
    // Single charts at most 1.5 times their drawn size, so that their text stays in proportion.
    const chart = placeSvg(input.svg, PAD, y, Math.min(INNER, svgSize(input.svg).width * MAX_SCALE));
    parts.push(chart.markup);
    y += chart.height + 12;
  }
  const panels = input.panels ?? [];
  if (panels.length > 0) {
    const width = (INNER - PANEL_GAP * (PANEL_COLUMNS - 1)) / PANEL_COLUMNS;
    for (let start = 0; start < panels.length; start += PANEL_COLUMNS) {
      const row = panels.slice(start, start + PANEL_COLUMNS);
      // Titles first, so that the charts of a row line up under titles of one or two lines.
      const heads = row.map((panel, i) => textLines(wrapText(panel.title, width, 13), PAD + i * (width + PANEL_GAP), y, 13, `font-weight="700" fill="${COLORS.ink}"`));
      const headHeight = Math.max(...heads.map((h) => h.height));
      let rowHeight = 0;
      row.forEach((panel, i) => {
        const chart = placeSvg(panel.svg, PAD + i * (width + PANEL_GAP), y + headHeight + 2, width);
        parts.push(heads[i]!.markup, chart.markup);
        rowHeight = Math.max(rowHeight, headHeight + 2 + chart.height);
      });
      y += rowHeight + 14;
    }
  }

  const notes = (input.notes ?? []).flatMap((note) => wrapText(note, INNER, KEY_SIZE));
  if (notes.length > 0) {
    const block = textLines(notes, PAD, y - 6, KEY_SIZE, `fill="${COLORS.ink}"`);
    parts.push(block.markup);
    y += block.height + 6;
  }
  parts.push(`<line x1="${PAD}" x2="${PAD + INNER}" y1="${y}" y2="${y}" stroke="${COLORS.grid}"/>`);
  y += 4;
  const foot = textLines(
    [...wrapText(input.source, INNER, FOOT_SIZE), ...wrapText(`${input.vintage} · ${input.url}`, INNER, FOOT_SIZE)],
    PAD,
    y,
    FOOT_SIZE,
    `fill="${COLORS.muted}"`,
  );
  parts.push(foot.markup);
  y += foot.height + PAD - 8;
  const height = Math.ceil(y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" lang="${xmlEscape(input.lang)}" width="${EXPORT_WIDTH}" height="${height}" viewBox="0 0 ${EXPORT_WIDTH} ${height}" ` +
    `font-family="${xmlEscape(EXPORT_FONTS)}" style="color:${COLORS.ink}">` +
    `<title>${xmlEscape(input.title)}</title>` +
    `<style>text{white-space:pre}</style>` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    parts.join('') +
    '</svg>\n'
  );
}
