import { compactText } from './cell-text.ts';

/** Shown instead of a value that could reveal a name, an address or a person. */
export const HIDDEN = '(hidden: it overlaps a name, address or chair name of the form)';

/** Shortest identifying text that is looked for (single characters would hide everything). */
const MIN_CHARS = 2;

/**
 * Makes a function that returns a cell value fit for a message or the report, or HIDDEN when it
 * contains, or is contained in, any of `secrets` (the form's enterprise names, addresses and
 * chair names), compared without whitespace. Used for every value the report quotes, so that a
 * name typed into the wrong column is not printed either.
 */
export function redactor(secrets: Iterable<string>): (value: string) => string {
  const compactSecrets = [...new Set([...secrets].map(compactText).filter((s) => s.length >= MIN_CHARS))];
  return (value) => {
    const compact = compactText(value);
    if (compact.length === 0) return value;
    const overlaps = compactSecrets.some((s) => compact.includes(s) || (compact.length >= MIN_CHARS && s.includes(compact)));
    return overlaps ? HIDDEN : value;
  };
}
