import { contract } from '../../src/lib/contract/contract.ts';
import { compactText } from './cell-text.ts';

/**
 * The code of the contract enumeration `enumName` that a cell names exactly: the code itself,
 * its Chinese word or one of its aliases (data/schemas/enums.json), compared without case or
 * whitespace after NFKC. Undefined when the cell names no value: the caller refuses the row
 * rather than guess.
 */
export function enumCode(enumName: string, cell: string): string | undefined {
  const key = compactText(cell).toLowerCase();
  if (key === '') return undefined;
  for (const value of enumValues(enumName)) {
    for (const word of [value.code, value.zh, ...value.aliases]) {
      if (compactText(word).toLowerCase() === key) return value.code;
    }
  }
  return undefined;
}

/** The values of a contract enumeration; throws for a name the contract does not define. */
export function enumValues(enumName: string) {
  const definition = contract.enums[enumName];
  if (definition === undefined) throw new Error(`the contract has no enumeration ${enumName}`);
  return definition.values;
}

/** The Chinese words of a contract enumeration, for messages: "私营、个体、港澳台 …". */
export function enumWords(enumName: string): string {
  return enumValues(enumName).map((v) => v.zh).join('、');
}
