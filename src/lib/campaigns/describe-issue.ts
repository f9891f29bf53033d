/**
 * Turns zod issues into short lowercase messages that name the bad value, in the style of
 * Observable Plot's errors: `expected string, got number 640000 (quote it: "640000")`.
 */
import type { z } from 'zod';
import { show, type PathSegments } from './target-error.ts';

/** A zod issue (parse with `{ reportInput: true }` so that messages can name the value). */
export type ZodIssue = z.ZodError['issues'][number];

/** A located message, before the file and line are added. */
export interface IssueMessage {
  readonly path: PathSegments;
  readonly message: string;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function pathOf(issue: ZodIssue): (string | number)[] {
  return issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** One or more messages for one zod issue (an unknown-keys issue gives one per key). */
export function describeIssue(issue: ZodIssue): IssueMessage[] {
  const path = pathOf(issue);
  const input: unknown = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return [{ path, message: 'missing' }];
      const expected = issue.expected === 'object' ? 'mapping' : issue.expected === 'array' ? 'list' : issue.expected;
      const hint = issue.expected === 'string' && typeof input === 'number' ? ` (quote it: "${input}")` : '';
      const got = typeof input === 'object' ? kind(input) : `${kind(input)} ${show(input)}`;
      return [{ path, message: `expected ${expected}, got ${got}${hint}` }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key '${key}'` }));
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String).join(', ') : '';
        const holder = input as Record<string, unknown> | undefined;
        const value = typeof holder === 'object' && holder !== null ? holder[issue.discriminator] : undefined;
        const message = value === undefined ? `missing ${issue.discriminator}; known: ${options}` : `unknown ${issue.discriminator} ${show(value)}; known: ${options}`;
        return [{ path, message }];
      }
      return [{ path, message: `no allowed form matches ${show(input)}` }];
    }
    default: {
      const base = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
      if (input === undefined || input === '') return [{ path, message: base }];
      return [{ path, message: `${base}, got ${show(input)}` }];
    }
  }
}
