/**
 * The reference vocabularies of data/reference/ (registration types, GB/T 4754 divisions) and
 * the vocabularies made from them with the contract (scripts/reference/): validated at load
 * with every problem placed, unambiguous, and reading the names offices write.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/lib/contract/contract.ts';
import { vocabularyKey } from '../../src/lib/contract/vocabulary-key.ts';
import { enumVocabulary } from '../../scripts/reference/enum-vocabulary.ts';
import { industryDivisions } from '../../scripts/reference/industry-divisions.ts';
import { ReferenceTableError } from '../../scripts/reference/reference-table.ts';
import { registrationTypes } from '../../scripts/reference/registration-types.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const read = (name: string, word: string) => enumVocabulary(name, contract.enums[name]!).get(vocabularyKey(word));

describe('registration types', () => {
  it('list the 2011 types with their codes, each in a category of the contract or in none', () => {
    const types = registrationTypes();
    const of2011 = types.filter((t) => t.scheme === '2011');
    expect(of2011.map((t) => t.code)).toContain('173');
    expect(of2011.every((t) => /^[0-9]{3}$/.test(t.code ?? ''))).toBe(true);
    // Every category of the contract but individual businesses (not an enterprise type of 2011) is reached.
    const reached = new Set(of2011.map((t) => t.ownership));
    for (const code of ['state', 'collective', 'private', 'hmt', 'foreign', 'mixed']) expect(reached.has(code), code).toBe(true);
    // A type that does not say its owners says why it is counted where it is.
    for (const code of ['150', '159', '160', '190']) expect(of2011.find((t) => t.code === code)?.note, code).toMatch(/counted as/);
  });

  it('read what offices write: names, codes, licence types and short names, with the usual variants', () => {
    const cases: [string, string][] = [
      ['中外合资企业', 'foreign'], ['港澳台投资企业', 'hmt'], ['外商独资企业', 'foreign'],
      ['110', 'state'], ['173', 'private'], ['173 私营有限责任公司', 'private'], ['230', 'hmt'], ['330', 'foreign'],
      ['港、澳、台商独资经营企业', 'hmt'], ['港澳台商独资经营企业', 'hmt'], ['有限责任公司（台港澳法人独资）', 'hmt'],
      ['有限责任公司(自然人投资或控股)', 'private'], ['国有公司', 'state'], ['国有', 'state'], ['个体工商户', 'individual'],
    ];
    for (const [word, code] of cases) expect(read('ownership', word)?.code, word).toBe(code);
    expect(read('ownership', '有限责任公司')).toMatchObject({ code: 'mixed', note: expect.stringMatching(/without its owners/) });
    // A heading that says nothing about ownership, and a word that is no type, are not read.
    expect(read('ownership', '内资企业')).toBeUndefined();
    expect(read('ownership', '公司')).toBeUndefined();
  });

  it('report every problem of a broken table with its line and column', async () => {
    const dir = await tempDir('uct-reference-');
    const path = join(dir, 'registration-types.csv');
    writeFileSync(path, 'scheme,code,name,ownership,note\n2011,17,私营企业,private,\nlicence,173,私营企业,privat,\n1998,,内资,,a note\n');
    let error: unknown;
    try {
      registrationTypes(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReferenceTableError);
    expect((error as ReferenceTableError).problems.map((p) => `${String(p.line)} ${p.column}`)).toEqual(['2 code', '3 code', '3 name', '3 ownership', '4 scheme', '4 note']);
    expect((error as Error).message).toContain('reference/registration-types.csv:3: column ownership: "privat" is none of state');
  });
});

describe('industry divisions', () => {
  it('put every division 01–97 of GB/T 4754-2017 in one section', () => {
    const divisions = industryDivisions();
    expect([...divisions.keys()]).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(divisions.get('36')).toBe('C');
    expect(divisions.get('54')).toBe('G');
    expect(read('industry', '36')?.code).toBe('C');
    expect(read('industry', '交通运输仓储和邮政业')?.code).toBe('G');
  });

  it('refuse overlapping ranges and unknown sections, with their lines', async () => {
    const dir = await tempDir('uct-reference-');
    const path = join(dir, 'industry-divisions.csv');
    writeFileSync(path, 'from,to,section\n01,05,A\n05,12,B\n13,1,Z\n');
    expect(() => industryDivisions(path)).toThrow(/industry-divisions.csv:3: column from: 05 overlaps[\s\S]*:4: column section: "Z"[\s\S]*:4: column to: "1" is not a two-digit/);
  });
});

describe('enumeration vocabularies', () => {
  it('are unambiguous for every enumeration of the contract', () => {
    for (const [name, definition] of Object.entries(contract.enums)) expect(enumVocabulary(name, definition).size, name).toBeGreaterThan(0);
  });

  it('are refused when two values would be read from one key', () => {
    const definition = { ...contract.enums.status!, values: [...contract.enums.status!.values, { code: 'dormant', en: 'Dormant', zh: '休眠', aliases: ['正常'] }] };
    expect(() => enumVocabulary('status', definition)).toThrow(/the vocabulary of status is ambiguous:\n"正常"/);
  });
});
