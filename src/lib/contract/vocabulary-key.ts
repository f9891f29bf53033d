/**
 * How a word an office writes is compared with the words of a vocabulary (the contract's
 * enumerations and data/reference's registration types): written once here for JavaScript
 * and for SQL, so that `npm run import-form` and `npm run data` read a cell the same way
 * (test/engines/vocabulary-key.test.ts runs both on the same words).
 *
 * A key is the text after Unicode NFKC (full-width brackets, letters and digits become
 * ASCII), lower-cased, without whitespace or the punctuation offices vary
 * (、，,.。·;；:：()（）[]【】 and dashes), with 台港澳 read as 港澳台 (港、澳、台 loses its
 * commas already). Suffix variants (a trailing 企业 or 公司) are the vocabulary's side:
 * {@link keyVariants}.
 */

/**
 * The characters a key leaves out, as a regular-expression class that JavaScript and DuckDB
 * (RE2) read alike: whitespace written out (RE2's `\\s` is ASCII only, JavaScript's is not),
 * and the punctuation offices vary.
 */
const IGNORED = '[ \\t\\n\\r\\f\\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff、，,.。·;；:：()（）\\[\\]【】_\\-—–]';

/** The key of a word as written. */
export function vocabularyKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(new RegExp(IGNORED, 'gu'), '').replaceAll('台港澳', '港澳台');
}

/**
 * SQL for the key of the VARCHAR expression `v`, which is NFKC-normalized already (the
 * ingest cleans every cell with `nfkc()`; NFKC is not built into DuckDB).
 */
export function vocabularyKeySql(v: string): string {
  return `replace(regexp_replace(lower(${v}), '${IGNORED.replaceAll("'", "''")}', '', 'g'), '台港澳', '港澳台')`;
}

/** Trailing words a vocabulary name may be written with or without. */
const SUFFIXES = ['企业', '公司'] as const;

/**
 * The keys a vocabulary word is known by: its key, and (for a word of more than the suffix)
 * the same with a trailing 企业 or 公司 swapped, added or dropped: 国有企业, 国有公司 and 国有.
 */
export function keyVariants(word: string): string[] {
  const key = vocabularyKey(word);
  const suffix = SUFFIXES.find((s) => key.endsWith(s) && key.length > s.length);
  const stem = suffix === undefined ? key : key.slice(0, -suffix.length);
  // A bare stem of one character (国, 外) would be too loose to match.
  if (stem.length < 2) return [key];
  return [...new Set([key, stem, ...SUFFIXES.map((s) => stem + s)])];
}
