/** A SQL identifier, double-quoted, safe for any name. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal, single-quoted. */
export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
