import { describe, expect, it } from 'vitest';
import { contract, validateContract } from '../../src/lib/contract/contract.ts';
import enums from '../../data/schemas/enums.json' with { type: 'json' };
import groups from '../../data/schemas/groups.json' with { type: 'json' };

describe('the input contract', () => {
  it('defines the four files of a submission', () => {
    expect(contract.tables.map((t) => t.file)).toEqual(['enterprises.csv', 'groups.csv', 'members.csv', 'reported.csv']);
  });

  it('gives every column and enum value a Chinese form', () => {
    for (const table of contract.tables) for (const c of table.columns) expect(c.zh, `${table.file}.${c.name}`).toMatch(/\p{Script=Han}/u);
    for (const [name, e] of Object.entries(contract.enums)) for (const v of e.values) expect(v.zh, `${name}.${v.code}`).toMatch(/\p{Script=Han}/u);
  });

  it('has the reason codes and eight groups of the documents', () => {
    expect(contract.enums.no_union_reason!.values.map((v) => v.code)).toEqual([
      'employer_resistance', 'too_few_workers', 'high_turnover', 'no_activist', 'unaware', 'in_progress', 'other',
    ]);
    expect(contract.enums.group!.values).toHaveLength(8);
  });
});

describe('validateContract', () => {
  it('collects every problem with its path instead of stopping at the first', () => {
    const badEnums = structuredClone(enums) as Record<string, { values: { code: string; zh: string; aliases: string[] }[] }>;
    badEnums.gender!.values[1]!.aliases.push('女');
    const badGroups = structuredClone(groups) as { columns: { enum?: string }[]; rules: { column: string; message: { en: string } }[]; key: string[] };
    badGroups.columns[2]!.enum = 'groups_typo';
    badGroups.rules[0]!.column = 'member';
    badGroups.rules[0]!.message.en = 'too many {memberz}';
    badGroups.key.push('year');
    const { contract: result, issues } = validateContract(badEnums, { 'groups.json': badGroups });
    expect(result).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['enums.json.gender', 'groups.json.columns.2.enum', 'groups.json.rules.0.column', 'groups.json.rules.0.message', 'groups.json.key']),
    );
    expect(issues.find((i) => i.path === 'enums.json.gender')!.message).toBe('"女" names both f and m');
  });

  it('reports schema violations with their path', () => {
    const { issues } = validateContract(enums, { 'groups.json': { ...groups, columns: [{ name: 'Bad Name', type: 'text' }] } });
    expect(issues.some((i) => i.path.startsWith('groups.json.columns.0'))).toBe(true);
  });
});
