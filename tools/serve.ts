/**
 * `npm start`'s server: the built site (dist/) on http://127.0.0.1:4321/ with the headers,
 * revalidation and compression of a static host (static-server.ts), until interrupted.
 *
 *   node tools/serve.ts [--port 4321] [--root dist]
 */
import { parseArgs } from 'node:util';
import { startStaticServer } from './static-server.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4321' }, root: { type: 'string', default: 'dist' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`serve: --port must be a port number, not ${JSON.stringify(values.port)}\n`);
  process.exit(2);
}
try {
  const server = await startStaticServer({ root: values.root, port, idleTimeoutMs: Infinity });
  process.stdout.write(`Serving ${values.root} at ${server.url('/')} (English: ${server.url('/en/')}). Ctrl-C stops.\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
