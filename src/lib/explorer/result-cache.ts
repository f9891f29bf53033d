/**
 * Query results kept in memory by their SQL, the least recently used dropped first. The
 * published cube never changes while the page is open, so a result stays right.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

/** A least-recently-used map from SQL to rows. */
export class ResultCache<T> {
  private readonly entries = new Map<string, T>();
  /** The most results kept. */
  readonly capacity: number;

  /** Keeps at most `capacity` results. */
  constructor(capacity: number) {
    this.capacity = capacity;
    if (!(capacity >= 1)) throw new Error(`result cache: capacity must be at least 1, got ${String(capacity)}`);
  }

  /** The result of `sql`, if kept (and marks it as just used). */
  get(sql: string): T | undefined {
    const value = this.entries.get(sql);
    if (value !== undefined) {
      this.entries.delete(sql);
      this.entries.set(sql, value);
    }
    return value;
  }

  /** Whether the result of `sql` is kept (without marking it used). */
  has(sql: string): boolean {
    return this.entries.has(sql);
  }

  /** Keep the result of `sql`. */
  set(sql: string, value: T): void {
    this.entries.delete(sql);
    this.entries.set(sql, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Number of results kept. */
  get size(): number {
    return this.entries.size;
  }
}
