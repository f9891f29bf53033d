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

type Reply = { id: number; result: BlockProtection } | { id: number; error: string };

/**
 * Protects blocks on worker threads, as many as the machine has cores (blocks are
 * independent: disclosure control never crosses a period or a province). Largest blocks go
 * first, so that the last to finish are small. Results come back in input order; the first
 * failure rejects.
 */
export async function protectBlocks(inputs: readonly BlockJobInput[], threads = availableParallelism()): Promise<BlockProtection[]> {
  const results: BlockProtection[] = new Array(inputs.length);
  const queue = inputs.map((_, i) => i).sort((a, b) => inputs[b]!.inner.length - inputs[a]!.inner.length);
  const workers = Array.from({ length: Math.max(1, Math.min(threads, inputs.length)) }, () => new Worker(new URL('./protect-worker.ts', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const id = queue.shift();
              if (id === undefined) return resolve();
              worker.postMessage({ id, input: inputs[id]! } satisfies BlockJob);
            };
            worker.on('message', (reply: Reply) => {
              if ('error' in reply) return reject(new Error(reply.error));
              results[reply.id] = reply.result;
              next();
            });
            worker.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
