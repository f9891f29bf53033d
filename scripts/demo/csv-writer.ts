/**
 * A streaming CSV file writer: lines are batched into ~64 KiB chunks and handed to a file stream,
 * and the caller awaits 'drain' whenever the stream asks for backpressure, so memory stays flat
 * however many rows are written.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { csvLine } from './csv.ts';

const CHUNK_CHARS = 64 * 1024;

/** Writes one CSV file line by line. */
export class CsvWriter {
  readonly path: string;
  readonly #stream: WriteStream;
  #chunk = '';
  #rows = 0;
  #failure: Error | undefined;

  /** Opens `path` for writing and queues the header line. */
  constructor(path: string, columns: readonly string[]) {
    this.path = path;
    this.#stream = createWriteStream(path, { encoding: 'utf8' });
    this.#stream.on('error', (error: Error) => {
      this.#failure = error;
    });
    this.#chunk = `${csvLine(columns)}\n`;
  }

  /** Data rows written so far (header excluded). */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Appends one encoded line. Returns a promise to await when the stream wants the producer to
   * pause (backpressure), otherwise undefined — so the hot path stays synchronous.
   */
  write(line: string): Promise<void> | undefined {
    this.#chunk += `${line}\n`;
    this.#rows++;
    if (this.#chunk.length < CHUNK_CHARS) return undefined;
    return this.#flush();
  }

  #flush(): Promise<void> | undefined {
    if (this.#failure !== undefined) throw this.#failure;
    const chunk = this.#chunk;
    this.#chunk = '';
    if (chunk.length === 0 || this.#stream.write(chunk)) return undefined;
    return this.#drain();
  }

  async #drain(): Promise<void> {
    // events.once rejects if the stream emits 'error' while we wait.
    await once(this.#stream, 'drain');
  }

  /** Flushes the last chunk and closes the file. */
  async close(): Promise<void> {
    const pending = this.#flush();
    if (pending !== undefined) await pending;
    await new Promise<void>((resolve, reject) => {
      this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** Abandons the file (used when generation fails; the temp directory is removed afterwards). */
  destroy(): void {
    this.#stream.destroy();
  }
}
