/**
 * A form or an argument that cannot be used (unreadable encoding, no header row, a bad
 * `--region`, a salt file inside the repository). The command stops with exit code 2 and prints
 * `message`, which names the file or option and what to fix. Messages never quote cells that
 * could hold an enterprise name, an address or a person's name.
 */
export class FormError extends Error {
  override readonly name = 'FormError';
  /** The file or option the problem is about. */
  readonly subject: string;
  constructor(subject: string, message: string) {
    super(`${subject}: ${message}`);
    this.subject = subject;
  }
}
