/**
 * Worker thread of protectBlocks(): protects the blocks it is sent, one at a time, and says
 * with each result how large its heap has grown.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import highsLoader from 'highs';
import { protectBlock } from '../../src/lib/disclosure/protect-block.ts';
import { sources } from '../../src/lib/metrics/sources.ts';
import type { BlockJob } from './protect-blocks.ts';

const lp = await highsLoader();

parentPort!.on('message', (job: BlockJob) => {
  try {
    const { ancestors, source, ...rest } = job.input;
    const result = protectBlock({ ...rest, source: sources[source], ancestors: (leaf) => ancestors[leaf] ?? [leaf] }, lp);
    parentPort!.postMessage({ id: job.id, result, heapBytes: getHeapStatistics().total_heap_size });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
