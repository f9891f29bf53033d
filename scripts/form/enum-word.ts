import { contract } from '../../src/lib/contract/contract.ts';
import { vocabularyKey } from '../../src/lib/contract/vocabulary-key.ts';
import { enumVocabulary, type VocabularyEntry } from '../reference/enum-vocabulary.ts';

/**
 * What a cell names in the contract enumeration `enumName`: the code itself, its Chinese
 * word, one of its aliases (data/schemas/enums.json), or for ownership and industry a
 * registration type or a GB/T 4754 division of data/reference/, compared as
 * src/lib/contract/vocabulary-key.ts says (no case, spaces or punctuation; 企业/公司 optional).
 * Undefined when the cell names no value: the caller refuses the row rather than guess.
 */
export function enumEntry(enumName: string, cell: string): VocabularyEntry | undefined {
  const key = vocabularyKey(cell);
  if (key === '') return undefined;
  return enumVocabulary(enumName, enumDefinition(enumName)).get(key);
}

/** The code a cell names in the contract enumeration `enumName` (see {@link enumEntry}). */
export function enumCode(enumName: string, cell: string): string | undefined {
  return enumEntry(enumName, cell)?.code;
}

/** A contract enumeration; throws for a name the contract does not define. */
function enumDefinition(enumName: string) {
  const definition = contract.enums[enumName];
  if (definition === undefined) throw new Error(`the contract has no enumeration ${enumName}`);
  return definition;
}

/** The values of a contract enumeration; throws for a name the contract does not define. */
export function enumValues(enumName: string) {
  return enumDefinition(enumName).values;
}

/** The Chinese words of a contract enumeration, for messages: "私营、个体、港澳台 …". */
export function enumWords(enumName: string): string {
  return enumValues(enumName).map((v) => v.zh).join('、');
}
