/**
 * Observable Plot's SVG made fit for the site's pages and exports, for the build's charts
 * (src/charts/common.ts) and the explorer's (src/explorer/charts.ts) alike.
 *
 * Works on any DOM (the browser's, linkedom's at build time); imports nothing.
 */

/**
 * Remove from a Plot `<svg>` what the site cannot carry, and set its font size as an attribute:
 * - Plot's `<style>` and the root's `style` attribute (the Content Security Policy allows no
 *   inline style; the site's stylesheet styles `.chart-svg`), and its font family;
 * - the marks' aria-labels ("rule", "line"…), which ARIA prohibits on elements without a role
 *   (the SVG is one image, named and described by the page);
 * - `font-variant="tabular-nums"` on axis groups: not an attribute HTML allows on `<g>`, and
 *   ignored by Office; the stylesheet sets tabular figures for chart text.
 */
export function tidyPlotSvg(svg: Element, fontSize: number): void {
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const element of [...svg.querySelectorAll('[aria-label], [aria-description]')]) {
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-description');
  }
  for (const element of [...svg.querySelectorAll('[font-variant]')]) element.removeAttribute('font-variant');
  svg.removeAttribute('style');
  svg.removeAttribute('font-family');
  svg.setAttribute('font-size', String(fontSize));
}
