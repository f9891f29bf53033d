/**
 * The key a vocabulary word is compared by (src/lib/contract/vocabulary-key.ts) is the same in
 * JavaScript (`npm run import-form`) and in DuckDB (`npm run data`): the SQL run for real on
 * the words offices write and on random text of the characters that matter.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocabularyKey, vocabularyKeySql } from '../../src/lib/contract/vocabulary-key.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** The keys DuckDB computes for texts (NFKC-normalized first, as the ingest cleans every cell). */
async function sqlKeys(texts: readonly string[]): Promise<string[]> {
  await connection.run('CREATE OR REPLACE TEMP TABLE words (i INTEGER, v VARCHAR)');
  const appender = await connection.createAppender('words');
  texts.forEach((text, i) => {
    appender.appendInteger(i);
    appender.appendVarchar(text.normalize('NFKC'));
    appender.endRow();
  });
  appender.closeSync();
  const reader = await connection.runAndReadAll(`SELECT ${vocabularyKeySql('v')} AS k FROM words ORDER BY i`);
  return reader.getRowObjects().map((r) => String(r.k));
}

describe('vocabulary key', () => {
  it('reads the ways offices write a registration type as one key', () => {
    const key = vocabularyKey('港、澳、台商独资经营企业');
    for (const written of ['港澳台商独资经营企业', ' 港、澳、台商 独资经营企业 ', '台港澳商独资经营企业', '港，澳，台商独资经营企业']) expect(vocabularyKey(written), written).toBe(key);
    expect(vocabularyKey('有限责任公司（台港澳法人独资）')).toBe(vocabularyKey('有限责任公司(港澳台法人独资)'));
    expect(vocabularyKey('ＳＴＡＴＥ')).toBe('state');
    expect(vocabularyKey('合资经营企业 (港或澳、台资)')).toBe('合资经营企业港或澳台资');
  });

  it('is the same in DuckDB as in JavaScript for the words offices write', async () => {
    const words = ['中外合资企业', '港、澳、台商独资经营企业', '有限责任公司（台港澳法人独资）', '173 私营有限责任公司', 'ＳＴＡＴＥ', 'Private', '私\u3000营', '国有\t企业', '港澳台—投资', '【外资】企业', '个体·工商户', '合资经营企业(港或澳、台资)'];
    expect(await sqlKeys(words)).toEqual(words.map(vocabularyKey));
  });

  it('is the same in DuckDB as in JavaScript for any text of the characters that matter (property)', async () => {
    const chars = [...'港澳台商投资企业公司有限责任私营国有外资中合作ABCabc012 \t\u3000\u00a0、，,.。·;；:：()（）[]【】_-—–ＡＢ１（）'];
    const texts = fc.sample(fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((a) => a.join('')), { numRuns: 400, seed: 18 });
    expect(await sqlKeys(texts)).toEqual(texts.map(vocabularyKey));
  });
});
