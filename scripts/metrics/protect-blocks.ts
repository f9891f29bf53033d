import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockInput } from '../../src/lib/disclosure/block-model.ts';
import type { BlockProtection } from '../../src/lib/disclosure/protect-block.ts';
import type { SourceId } from '../../src/lib/metrics/sources.ts';

/** A block as sent to a worker: the source by id and the region chains as data. */
export interface BlockJobInput extends Omit<BlockInput, 'source' | 'ancestors'> {
  readonly source: SourceId;
  /** Each leaf region of the block and the regions above it, leaf first. */
  readonly ancestors: Readonly<Record<string, readonly string[]>>;
}

/** One message to a worker. */
export interface BlockJob {
  readonly id: number;
  readonly input: BlockJobInput;
}

type Reply = { id: number; result: BlockProtection; heapBytes: number } | { id: number; error: string };

/**
 * A worker whose heap has grown beyond this after a block is replaced by a fresh one. V8
 * keeps a heap at the size the largest block needed, and garbage left by one block adds to
 * the next: at 30x the demo two workers held 2.5 GB by the end. A fresh worker costs a
 * fraction of a second.
 */
export const WORKER_HEAP_LIMIT_BYTES = 512 * 2 ** 20;

/**
 * Protects `count` blocks on worker threads, as many as the machine has cores (blocks are
 * independent: disclosure control never crosses a period or a province). A block's input is
 * made (`load`) only when a worker is free for it, so that few are in memory at once; the
 * largest blocks (by `size`) go first, so that the last to finish are small. A worker whose
 * heap has grown past WORKER_HEAP_LIMIT_BYTES is replaced after its block. Results come back
 * in block order; the first failure rejects.
 */
export async function protectBlocks(
  count: number,
  load: (block: number) => Promise<BlockJobInput>,
  size: (block: number) => number,
  threads = availableParallelism(),
): Promise<BlockProtection[]> {
  const results: BlockProtection[] = new Array(count);
  const queue = Array.from({ length: count }, (_, i) => i).sort((a, b) => size(b) - size(a));
  const live = new Set<Worker>();
  const spawn = () => {
    const worker = new Worker(new URL('./protect-worker.ts', import.meta.url));
    live.add(worker);
    return worker;
  };
  try {
    await Promise.all(
      Array.from(
        { length: Math.max(1, Math.min(threads, count)) },
        () =>
          new Promise<void>((resolve, reject) => {
            const serve = (worker: Worker) => {
              const next = () => {
                const id = queue.shift();
                if (id === undefined) return resolve();
                load(id).then((input) => worker.postMessage({ id, input } satisfies BlockJob), reject);
              };
              worker.on('message', (reply: Reply) => {
                if ('error' in reply) return reject(new Error(reply.error));
                results[reply.id] = reply.result;
                if (reply.heapBytes <= WORKER_HEAP_LIMIT_BYTES || queue.length === 0) return next();
                live.delete(worker);
                void worker.terminate();
                serve(spawn());
              });
              worker.on('error', reject);
              next();
            };
            serve(spawn());
          }),
      ),
    );
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  return results;
}
