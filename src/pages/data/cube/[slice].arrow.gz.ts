/**
 * `/data/cube/<metric>.arrow.gz` and `/data/cube/<metric>.detail.arrow.gz`: a metric's core
 * and detail slices of the published cube (src/lib/explorer/cube-slice.ts), Arrow IPC
 * streams compressed with gzip here, so that they travel compressed whatever serves the
 * site; the explorer decompresses them (src/explorer/fetch-checked.ts). Made at build time
 * from cube.arrow: the same protected cells, no others.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadCubeSlices } from '../../../site/explorer-build-data.ts';

export const getStaticPaths = (() => [...loadCubeSlices().keys()].map((slice) => ({ params: { slice } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const slice = loadCubeSlices().get(String(params.slice));
  if (slice === undefined) throw new Error(`cube slice: no slice ${String(params.slice)}`);
  return new Response(slice.gzip as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/gzip' } });
};
