/**
 * `/data/cube/<metric>.arrow`: the rows of one metric of the published cube, as an Arrow
 * IPC stream, which the explorer loads first (see CatalogCube.slices). Made at build time
 * from cube.arrow: the same protected cells, no others.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadCubeSlices } from '../../../site/explorer-build-data.ts';

export const getStaticPaths = (() => [...loadCubeSlices().keys()].map((metric) => ({ params: { metric } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const slice = loadCubeSlices().get(String(params.metric));
  if (slice === undefined) throw new Error(`cube slice: no metric ${String(params.metric)}`);
  return new Response(slice.bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/vnd.apache.arrow.stream' } });
};
