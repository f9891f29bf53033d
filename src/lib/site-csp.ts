/**
 * The Content Security Policy of every page but the explorer's (src/lib/explorer/csp.ts):
 * everything from this site only, no inline script or style (charts carry their styling in
 * attributes and classes, scripts are files), images also from `blob:` (the share control
 * draws a PNG from the chart's SVG in the browser), no plugins. Pages carry it in a
 * `<meta http-equiv>` tag (src/components/DocumentHead.astro), and public/_headers sends it,
 * with each section's framing rule, which a <meta> policy cannot carry;
 * test/lib/explorer-files.test.ts checks that both say the same.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "img-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
