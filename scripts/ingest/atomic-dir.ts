import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temporary folder beside `target`, moved into its place by `commit` or removed by `discard`. */
export interface PendingDir {
  readonly path: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Starts writing a folder that replaces `target` only once complete, so a reader never sees
 * it half-written: the new content goes to a temporary sibling that is renamed into place.
 */
export async function pendingDir(target: string): Promise<PendingDir> {
  await mkdir(dirname(target), { recursive: true });
  const path = await mkdtemp(join(dirname(target), `.${basename(target)}.tmp-`));
  return {
    path,
    async commit() {
      const old = `${path}.old`;
      let moved = false;
      try {
        await rename(target, old);
        moved = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      await rename(path, target);
      if (moved) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(path, { recursive: true, force: true });
    },
  };
}
