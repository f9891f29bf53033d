import { booleanWords } from '../../src/lib/contract/booleans.ts';
import { compactText } from './cell-text.ts';
import { enumCode } from './enum-word.ts';

/**
 * The union_form written for a form that says there is a union but not which kind: "has a
 * union, form not stated" (being added to the contract's union_form enumeration).
 */
export const UNION_FORM_UNSPECIFIED = 'unspecified';

/** Words for "has a union" beyond the contract's yes words and union_form words (已建会 is one). */
const HAS_UNION = ['已建', '建会', '已建立', '有工会'];

/**
 * The union_form for a 是否建会 cell: a yes word (是, √, Y, 有 … from the contract's boolean
 * words, or 已建会) gives `unspecified`, a no word (否, ×, N, 无 …) gives `none`, and a
 * union_form word of the contract (单独建会, 联合建会, 未建会 …) gives its code. Undefined
 * for anything else.
 */
export function unionFormOf(cell: string): string | undefined {
  const key = compactText(cell).toLowerCase();
  if (key === '') return undefined;
  const named = enumCode('union_form', key);
  if (named !== undefined) return named;
  if (booleanWords.true.includes(key) || HAS_UNION.includes(key)) return UNION_FORM_UNSPECIFIED;
  if (booleanWords.false.includes(key)) return 'none';
  return undefined;
}
