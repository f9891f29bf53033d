/**
 * The Content Security Policy the explorer works under, with no violation: scripts,
 * workers, styles, images and connections from this site only; WebAssembly may be
 * compiled (DuckDB-WASM) but no JavaScript is evaluated from strings; no inline script
 * or style. The explorer pages carry it in a `<meta http-equiv>` tag, and public/_headers
 * sends it as a header on static hosts that read that file (Netlify, Cloudflare Pages);
 * test/lib/explorer-files.test.ts checks that both say the same.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
