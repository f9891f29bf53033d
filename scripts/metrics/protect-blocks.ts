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
 * The old generation a worker's heap may hold (V8 collects harder near it), and past which a
 * worker is replaced after its block. Unbounded, V8 keeps a heap at about twice what the
 * largest block it has run needed, and garbage left by one block adds to the next: at 30x the
 * demo two workers took the build to 3.8 GB. The largest 30x block needs less than this; a block
 * that needs more runs again in a worker without the bound.
 */
export const WORKER_HEAP_MB = 384;

/**
 * The young generation of a bounded worker. Left to V8, a bound on the old generation also
 * shrinks the young one, and the many short-lived vectors of an elimination then cost about a
 * sixth more time at 1x the demo.
 */
export const WORKER_YOUNG_MB = 64;

/**
 * Protects `count` blocks on worker threads, as many as the machine has cores (blocks are
 * independent: disclosure control never crosses a period or a province). A block's input is
 * made (`load`) only when a worker is free for it, so that few are in memory at once; the
 * largest blocks (by `size`) go first, so that the last to finish are small. A worker's heap
 * is bounded (`heapMb`, default WORKER_HEAP_MB); a worker whose heap is past it after a block
 * is replaced, and a block that needs more runs again in an unbounded worker. Results come
 * back in block order; the first failure rejects.
 */
export async function protectBlocks(
  count: number,
  load: (block: number) => Promise<BlockJobInput>,
  size: (block: number) => number,
  options: {
    readonly threads?: number;
    /** The bound of a worker's old generation (default WORKER_HEAP_MB). */
    readonly heapMb?: number;
    /** Called when a block ran out of memory in a bounded worker and is run again without the bound. */
    readonly unbounded?: (block: number) => void;
    /** Called when a block is protected, with the seconds from sending it to its result. */
    readonly done?: (block: number, seconds: number) => void;
  } = {},
): Promise<BlockProtection[]> {
  const { threads = availableParallelism(), heapMb = WORKER_HEAP_MB } = options;
  const results: BlockProtection[] = new Array(count);
  const queue = Array.from({ length: count }, (_, i) => i).sort((a, b) => size(b) - size(a));
  const live = new Set<Worker>();
  const spawn = (bounded = true) => {
    const worker = new Worker(new URL('./protect-worker.ts', import.meta.url), bounded ? { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } } : {});
    live.add(worker);
    return worker;
  };
  try {
    await Promise.all(
      Array.from(
        { length: Math.max(1, Math.min(threads, count)) },
        () =>
          new Promise<void>((resolve, reject) => {
            const serve = (worker: Worker, first?: number) => {
              let current: number | undefined;
              let sent = 0;
              const next = () => {
                const id = first ?? queue.shift();
                first = undefined;
                current = id;
                if (id === undefined) return resolve();
                load(id).then((input) => {
                  sent = performance.now();
                  worker.postMessage({ id, input } satisfies BlockJob);
                }, reject);
              };
              worker.on('message', (reply: Reply) => {
                if ('error' in reply) return reject(new Error(reply.error));
                results[reply.id] = reply.result;
                options.done?.(reply.id, (performance.now() - sent) / 1000);
                if (reply.heapBytes <= heapMb * 2 ** 20 || queue.length === 0) return next();
                live.delete(worker);
                void worker.terminate();
                serve(spawn());
              });
              worker.on('error', (error: Error & { code?: string }) => {
                live.delete(worker);
                if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY' || current === undefined) return reject(error);
                options.unbounded?.(current);
                serve(spawn(false), current);
              });
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
