/** A problem in a campaign target file, and how to print it. */

/** One problem: the file, the path of the bad value (`targets[2].metric`; '' for the whole file), a short lowercase message naming the bad value, and the line in the YAML when known. */
export interface TargetError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  readonly line?: number;
}

/** A path as a list of keys and array indexes. */
export type PathSegments = readonly (string | number)[];

/** Writes a path the way the errors print it: `targets[2].comparator.value`. */
export function formatPath(path: PathSegments): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** One line for a terminal or a build log: `ningxia-2020.yaml:12: targets[0].comparator.value: rate 55 is outside 0–1 (write 0.55)`. */
export function formatTargetError(error: TargetError): string {
  const where = error.line === undefined ? error.file : `${error.file}:${error.line}`;
  return error.path === '' ? `${where}: ${error.message}` : `${where}: ${error.path}: ${error.message}`;
}

/** Shows a value in a message: strings quoted, everything else as JSON (`'64000'`, `640000`, `null`). */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
