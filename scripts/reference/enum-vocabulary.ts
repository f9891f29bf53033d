import type { EnumDefinition } from '../../src/lib/contract/definitions.ts';
import { keyVariants, vocabularyKey } from '../../src/lib/contract/vocabulary-key.ts';
import { industryDivisions } from './industry-divisions.ts';
import { registrationTypes } from './registration-types.ts';

/** What a word of a vocabulary means. */
export interface VocabularyEntry {
  /** The contract's code. */
  readonly code: string;
  /** The word as the vocabulary writes it. */
  readonly word: string;
  /** Why a word that does not say enough is read as `code` (registration types without their owners). */
  readonly note: string | null;
}

/** Vocabularies made, by the enumeration's definition. */
const cache = new WeakMap<EnumDefinition, ReadonlyMap<string, VocabularyEntry>>();

/**
 * Every word an office may write for a value of the contract's enumeration `name` (defined by
 * `definition`), by key (src/lib/contract/vocabulary-key.ts): each value's code, Chinese word
 * and aliases; for `ownership` the registration types of data/reference/registration-types.csv
 * by name, by 2011 code and by code and name; for `industry` the GB/T 4754 division codes of
 * data/reference/industry-divisions.csv. Each with its suffix variants (国有企业, 国有公司, 国有).
 * Throws when two values would be read from the same key: a vocabulary never guesses.
 */
export function enumVocabulary(name: string, definition: EnumDefinition): ReadonlyMap<string, VocabularyEntry> {
  const cached = cache.get(definition);
  if (cached !== undefined) return cached;
  const words: VocabularyEntry[] = definition.values.flatMap((v) => [v.code, v.zh, ...v.aliases].map((word) => ({ code: v.code, word, note: null })));
  if (name === 'ownership') {
    for (const type of registrationTypes()) {
      if (type.ownership === null) continue;
      const entry = (word: string) => ({ code: type.ownership!, word, note: type.note });
      words.push(entry(type.name));
      if (type.code !== null) words.push(entry(type.code), entry(`${type.code}${type.name}`));
    }
  }
  if (name === 'industry') {
    for (const [division, section] of industryDivisions()) words.push({ code: section, word: division, note: null });
  }
  // Reference words only for codes this enumeration has (a test's contract may have others).
  const codes = new Set(definition.values.map((v) => v.code));
  const usable = words.filter((w) => codes.has(w.code));
  const vocabulary = new Map<string, VocabularyEntry>();
  const clashes: string[] = [];
  // Exact keys first, so that a word's own key is never taken by another word's variant.
  for (const pass of ['exact', 'variants'] as const) {
    for (const entry of usable) {
      for (const key of pass === 'exact' ? [vocabularyKey(entry.word)] : keyVariants(entry.word)) {
        const earlier = vocabulary.get(key);
        if (earlier === undefined) vocabulary.set(key, entry);
        else if (earlier.code !== entry.code) clashes.push(`"${key}" (from ${entry.word}) would be both ${earlier.code} (from ${earlier.word}) and ${entry.code}`);
      }
    }
  }
  if (clashes.length > 0) throw new Error(`the vocabulary of ${name} is ambiguous:\n${clashes.join('\n')}`);
  cache.set(definition, vocabulary);
  return vocabulary;
}
