/**
 * Server-side rendering support for the chart modules (src/charts/): a DOM document from
 * linkedom for Observable Plot to build its SVG in at build time, and the ids that tie a
 * chart's SVG to its title and text summary. Never import this from client code.
 */
import { parseHTML } from 'linkedom';
import type { ChartDocument, SvgAttributes } from '../charts/common.ts';

let documentCache: ChartDocument | undefined;

/** One shared linkedom document for every chart of the build. */
export function chartDocument(): ChartDocument {
  documentCache ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as ChartDocument;
  return documentCache;
}

/** The ids of a chart's title and summary elements (rendered by ChartFigure.astro). */
export function chartIds(id: string): { title: string; summary: string } {
  return { title: `${id}-title`, summary: `${id}-summary` };
}

/** The SVG attributes that name a chart by its title and describe it by its summary. */
export function chartAttrs(id: string): SvgAttributes {
  const ids = chartIds(id);
  return { labelledBy: ids.title, describedBy: ids.summary };
}

/** The SVG attributes of panel `index` of a set of small multiples: named by the panel's title, described by the figure's summary. */
export function panelAttrs(id: string, index: number): SvgAttributes {
  return { labelledBy: chartIds(`${id}-p${index}`).title, describedBy: chartIds(id).summary };
}
