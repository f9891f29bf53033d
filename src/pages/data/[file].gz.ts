/**
 * `/data/<file>.gz`: a published file too large for common static hosts
 * (src/lib/large-downloads.ts), gzip-compressed; the original is left out of the site
 * (scripts/site/large-downloads-integration.ts). Its content is the published file itself,
 * byte for byte, as manifest.json describes it (size and SHA-256 of the uncompressed file).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { compressedPublishedFile, largePublishedFiles } from '../../site/site-published.ts';

export const getStaticPaths = (() => largePublishedFiles().map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(compressedPublishedFile(String(params.file)) as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/gzip' } });
