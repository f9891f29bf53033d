/**
 * Reads and validates campaign target files (data/campaigns/<document>.yaml). Pure — no
 * node:* imports — so the same code runs in the build, in tests and in the browser.
 *
 * Every problem is collected, not only the first: YAML syntax errors (then nothing else can
 * be checked), schema errors with their path, and the contextual rules of target-rules.ts.
 * Each error carries the YAML line of the offending value where it can be found.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { describeIssue, type IssueMessage } from './describe-issue.ts';
import type { MetricInfo } from './groups.ts';
import { formatPath, show, type PathSegments, type TargetError } from './target-error.ts';
import { checkTargetRules } from './target-rules.ts';
import { targetFileSchema, type Target, type TargetFile } from './target-schema.ts';

export type { TargetError } from './target-error.ts';
export type { MetricInfo } from './groups.ts';

/** The metric registry as the validator sees it: id → unit (and, optionally, whether it takes groups). */
export type MetricMap = ReadonlyMap<string, MetricInfo>;

interface Inspection {
  readonly raw: unknown;
  readonly targets?: TargetFile;
  readonly errors: TargetError[];
  readonly lineOf: (path: PathSegments) => number | undefined;
}

/** The 1-based line of the deepest node on `path` that exists in the document. */
function lineFinder(doc: Document, counter: LineCounter): (path: PathSegments) => number | undefined {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

function firstLine(message: string): string {
  const line = (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
  return line.charAt(0).toLowerCase() + line.slice(1);
}

/** Orders errors by their line in the YAML, unlocated ones last; stable, so errors on one line keep their order. */
function byLine(a: TargetError, b: TargetError): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity);
}

function inspect(text: string, file: string, metrics: MetricMap, documents: readonly string[]): Inspection {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  const lineOf = lineFinder(doc, counter);
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0) {
    const errors = syntax.map((e): TargetError => {
      const line = e.linePos?.[0].line;
      const where = line === undefined ? '' : ` at line ${line}`;
      return { file, path: '', message: `yaml syntax error${where}: ${firstLine(e.message)}`, ...(line === undefined ? {} : { line }) };
    });
    return { raw: undefined, errors, lineOf };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    // e.g. an alias expanding beyond the parser's limit
    return { raw: undefined, errors: [{ file, path: '', message: `yaml error: ${firstLine(e instanceof Error ? e.message : String(e))}` }], lineOf };
  }
  const located = (issue: IssueMessage): TargetError => {
    const line = lineOf(issue.path);
    return { file, path: formatPath(issue.path), message: issue.message, ...(line === undefined ? {} : { line }) };
  };
  const parsed = targetFileSchema.safeParse(raw, { reportInput: true });
  const issues = parsed.success ? [] : parsed.error.issues.flatMap(describeIssue);
  issues.push(...checkTargetRules(raw, { metrics, documents }));
  const errors = issues.map(located);
  // Stable: by line, unlocated last; the schema's errors stay before the rules' on one line.
  errors.sort(byLine);
  return parsed.success && errors.length === 0 ? { raw, targets: parsed.data, errors, lineOf } : { raw, errors, lineOf };
}

/**
 * Parses and validates one target file.
 *
 * @param text the YAML text
 * @param file the file name, used in the errors (e.g. `ningxia-2020.yaml`)
 * @param metrics the known metrics: id → unit ('rate' values must lie in 0–1, 'count' values be whole and ≥ 0)
 * @param documents the known document ids (data/campaigns/documents.json)
 * @returns the validated file (with defaults applied) when there is no error, and every error found
 */
export function parseTargetFile(
  text: string,
  file: string,
  metrics: MetricMap,
  documents: readonly string[],
): { targets?: TargetFile; errors: TargetError[] } {
  const { targets, errors } = inspect(text, file, metrics, documents);
  return targets === undefined ? { errors } : { targets, errors };
}

/** A target with the document and region of the file it came from. */
export type LoadedTarget = Target & { readonly document: string; readonly region: string; readonly file: string };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Validates every target file and checks them against each other: target ids unique across
 * files, one file per document, and each file named after its document (`<document>.yaml`).
 *
 * @param files file name (or path) → YAML text
 * @returns the valid files by name, all their targets in file order, and every error found.
 * A file with any error is left out of `files` and `targets`; callers should fail on errors.
 */
export function loadAllTargets(
  files: Readonly<Record<string, string>>,
  metrics: MetricMap,
  documents: readonly string[],
): { files: Record<string, TargetFile>; targets: LoadedTarget[]; errors: TargetError[] } {
  const valid: Record<string, TargetFile> = {};
  const targets: LoadedTarget[] = [];
  const errors: TargetError[] = [];
  const idOwner = new Map<string, string>();
  const documentOwner = new Map<string, string>();

  for (const [file, text] of Object.entries(files)) {
    const inspection = inspect(text, file, metrics, documents);
    const cross: TargetError[] = [];
    const problem = (path: PathSegments, message: string) => {
      const line = inspection.lineOf(path);
      cross.push({ file, path: formatPath(path), message, ...(line === undefined ? {} : { line }) });
    };
    const raw = inspection.raw;
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const record = raw as Record<string, unknown>;
      const document = record.document;
      if (typeof document === 'string') {
        const other = documentOwner.get(document);
        if (other !== undefined) problem(['document'], `document ${show(document)} already has a target file: ${other}`);
        else documentOwner.set(document, file);
        if (baseName(file) !== `${document}.yaml`) problem(['document'], `${show(document)} should be in a file named ${document}.yaml, not ${baseName(file)}`);
      }
      if (Array.isArray(record.targets)) {
        record.targets.forEach((target: unknown, i) => {
          const id = typeof target === 'object' && target !== null ? (target as Record<string, unknown>).id : undefined;
          if (typeof id !== 'string') return;
          const owner = idOwner.get(id);
          if (owner !== undefined && !owner.startsWith(`${file} `)) problem(['targets', i, 'id'], `duplicate target id ${show(id)} (also in ${owner})`);
          else if (owner === undefined) idOwner.set(id, `${file} targets[${i}]`);
        });
      }
    }
    errors.push(...[...inspection.errors, ...cross].sort(byLine));
    if (inspection.targets !== undefined && cross.length === 0) {
      const parsed = inspection.targets;
      valid[file] = parsed;
      for (const target of parsed.targets) targets.push({ ...target, document: parsed.document, region: parsed.region, file });
    }
  }
  return { files: valid, targets, errors };
}
