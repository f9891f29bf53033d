/**
 * A file that cannot be used at all (missing column, wrong delimiter, not a CSV, bad
 * encoding). The ingest stops with exit code 2 and prints `message`, which names the file
 * and what to fix.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}
