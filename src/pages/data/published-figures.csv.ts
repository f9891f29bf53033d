/**
 * `/data/published-figures.csv`: the real, published figures the context pages show
 * (data/reference/published-figures.csv), byte for byte, each with its source, vintage and
 * definition. Validated before it is served.
 */
import type { APIRoute } from 'astro';
import { publishedFiguresFile } from '../../site/published-figures.ts';

export const GET: APIRoute = () => new Response(publishedFiguresFile() as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
