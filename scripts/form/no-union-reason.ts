import { compactText } from './cell-text.ts';
import { enumValues } from './enum-word.ts';

/**
 * Keywords offices use for the reasons, beyond the words of the contract enumeration
 * no_union_reason (which are matched too). Matched as substrings of the compacted text.
 */
export const REASON_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  employer_resistance: ['老板', '企业主', '不同意', '不支持', '不配合', '拒绝', '不准备'],
  too_few_workers: ['人少', '人数少', '人员少', '人数不足'],
  high_turnover: ['流动', '季节性', '临时工'],
  no_activist: ['无人', '没人牵头', '没有人牵头'],
  unaware: ['不了解', '不清楚', '不知道', '不懂'],
  in_progress: ['筹建', '正在组建', '准备'],
};

/** The reason code for a 未建会原因 cell, and whether anything in the text matched. */
export interface ReasonResult {
  /** A no_union_reason code, or undefined for an empty cell. */
  readonly code: string | undefined;
  /** False when the text matched nothing and was written as `other`: it is listed in the report. */
  readonly matched: boolean;
}

interface Needle {
  readonly word: string;
  readonly code: string;
}

let needles: Needle[] | undefined;

function allNeedles(): Needle[] {
  if (needles === undefined) {
    needles = [];
    for (const value of enumValues('no_union_reason')) {
      for (const word of [value.zh, ...value.aliases]) needles.push({ word: compactText(word), code: value.code });
    }
    for (const [code, words] of Object.entries(REASON_KEYWORDS)) {
      for (const word of words) needles.push({ word: compactText(word), code });
    }
  }
  return needles;
}

/**
 * Maps the free text of 未建会原因 to a no_union_reason code: a code written as such, else the
 * contract's Chinese words and aliases and the keywords above found anywhere in the text (the
 * match that starts first wins; at the same place, the longer one), else `other`. An empty cell
 * gives no code.
 */
export function mapNoUnionReason(cell: string): ReasonResult {
  const text = compactText(cell);
  if (text === '') return { code: undefined, matched: true };
  const codes = enumValues('no_union_reason').map((v) => v.code);
  if (codes.includes(text.toLowerCase())) return { code: text.toLowerCase(), matched: true };
  let best: { at: number; length: number; code: string } | undefined;
  for (const { word, code } of allNeedles()) {
    const at = text.indexOf(word);
    if (at < 0) continue;
    if (best === undefined || at < best.at || (at === best.at && word.length > best.length)) best = { at, length: word.length, code };
  }
  return best === undefined ? { code: 'other', matched: false } : { code: best.code, matched: true };
}
