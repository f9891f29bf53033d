import cliProgress from 'cli-progress';
import { formatBytes } from '../../src/lib/format.ts';

/** Reports the ingest's stages: a live bar on a terminal, plain lines elsewhere (CI, logs). */
export interface Progress {
  /** Starts scanning a file of `total` bytes; returns a callback for bytes read so far. */
  scan(file: string, total: number): (bytesRead: number) => void;
  /** Ends the current bar, if any, and prints one line. */
  line(text: string): void;
}

/** Progress that prints nothing (tests, library use). */
export const silentProgress: Progress = { scan: () => () => {}, line: () => {} };

/**
 * Progress on `stream` (stdout, so that stderr carries only errors): a cli-progress bar per file when the stream is a terminal and CI is
 * not set, otherwise one plain line per stage.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  const interactive = stream.isTTY === true && !process.env.CI;
  let bar: cliProgress.SingleBar | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    scan(file, total) {
      stop();
      if (!interactive) {
        stream.write(`${file}: reading ${formatBytes('en', total)}\n`);
        return () => {};
      }
      bar = new cliProgress.SingleBar(
        { stream, format: `${file.padEnd(16)} {bar} {percentage}% | {done} of {size} | {speed}`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      const started = performance.now();
      bar.start(Math.max(total, 1), 0, { done: formatBytes('en', 0), size: formatBytes('en', total), speed: '' });
      return (bytesRead) => {
        const seconds = (performance.now() - started) / 1000;
        bar?.update(bytesRead, { done: formatBytes('en', bytesRead), speed: seconds > 0 ? `${formatBytes('en', bytesRead / seconds)}/s` : '' });
      };
    },
    line(text) {
      stop();
      stream.write(`${text}\n`);
    },
  };
}

