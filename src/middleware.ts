/**
 * Every page as it is built: its dates and 万/亿 numbers kept on one line
 * (src/lib/keep-dates-whole.ts). Other responses (data, images, stylesheets) pass unchanged.
 */
import { defineMiddleware } from 'astro:middleware';
import { keepDatesWhole } from './lib/keep-dates-whole.ts';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  return new Response(keepDatesWhole(await response.text()), { status: response.status, headers: response.headers });
});
