/**
 * Checks that every target quotes its document: each `clause.zh` must occur verbatim in the
 * document's full text (data/sources/<file>), character for character, line breaks included.
 * Pure; the caller reads the text.
 */
import type { TargetError } from './target-error.ts';
import type { TargetFile } from './target-schema.ts';

/**
 * Returns one error per clause that is not a verbatim substring of `sourceText`.
 *
 * @param targets a validated target file
 * @param file the target file's name, for the errors
 * @param sourceText the document's full text
 * @param sourceName the text's file name, for the messages
 */
export function checkClauses(targets: TargetFile, file: string, sourceText: string, sourceName: string): TargetError[] {
  const errors: TargetError[] = [];
  targets.targets.forEach((target, i) => {
    if (sourceText.includes(target.clause.zh)) return;
    const head = target.clause.zh.length > 24 ? `${target.clause.zh.slice(0, 24)}…` : target.clause.zh;
    errors.push({ file, path: `targets[${i}].clause.zh`, message: `'${head}' is not verbatim in ${sourceName}` });
  });
  return errors;
}
