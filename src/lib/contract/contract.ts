import { z } from 'zod';
import enumsJson from '../../../data/schemas/enums.json' with { type: 'json' };
import enterprisesJson from '../../../data/schemas/enterprises.json' with { type: 'json' };
import groupsJson from '../../../data/schemas/groups.json' with { type: 'json' };
import membersJson from '../../../data/schemas/members.json' with { type: 'json' };
import reportedJson from '../../../data/schemas/reported.json' with { type: 'json' };
import {
  enumDefinition,
  tableDefinition,
  type EnumDefinition,
  type TableDefinition,
} from './definitions.ts';

/** The validated input contract: enumerations and the four files of a submission. */
export interface Contract {
  readonly enums: Readonly<Record<string, EnumDefinition>>;
  readonly tables: readonly TableDefinition[];
}

/** A problem found in the contract definitions, with the path of the offending value. */
export interface DefinitionIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Validates raw definitions and checks their cross-references (enum names, rule and key
 * columns, unique aliases). Returns every issue found rather than stopping at the first.
 */
export function validateContract(
  enums: unknown,
  tables: Record<string, unknown>,
): { contract?: Contract; issues: DefinitionIssue[] } {
  const issues: DefinitionIssue[] = [];
  const collect = (file: string, error: z.ZodError) => {
    for (const issue of error.issues) {
      issues.push({ path: [file, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  };
  const parsedEnums = z.record(z.string(), enumDefinition).safeParse(enums);
  if (!parsedEnums.success) collect('enums.json', parsedEnums.error);
  const parsedTables: TableDefinition[] = [];
  for (const [file, raw] of Object.entries(tables)) {
    const parsed = tableDefinition.safeParse(raw);
    if (parsed.success) parsedTables.push(parsed.data);
    else collect(file, parsed.error);
  }
  const enumMap = parsedEnums.success ? parsedEnums.data : {};

  for (const [name, definition] of Object.entries(enumMap)) {
    definition.values.forEach((value, i) => {
      if (name === 'indicator' && value.accumulation === undefined) {
        issues.push({ path: `enums.json.${name}.values.${i}.accumulation`, message: `say whether ${value.code} is a stock or a count within the year` });
      }
      if (name !== 'indicator' && value.accumulation !== undefined) {
        issues.push({ path: `enums.json.${name}.values.${i}.accumulation`, message: 'only indicator values have an accumulation' });
      }
    });
    const seen = new Map<string, string>();
    for (const value of definition.values) {
      for (const word of [value.code, value.zh, ...value.aliases]) {
        const key = word.toLowerCase();
        const owner = seen.get(key);
        if (owner !== undefined && owner !== value.code) {
          issues.push({ path: `enums.json.${name}`, message: `"${word}" names both ${owner} and ${value.code}` });
        }
        seen.set(key, value.code);
      }
    }
  }
  for (const table of parsedTables) {
    const path = `${table.table}.json`;
    const names = new Set(table.columns.map((c) => c.name));
    if (names.size !== table.columns.length) issues.push({ path: `${path}.columns`, message: 'duplicate column name' });
    table.columns.forEach((column, i) => {
      if (column.type === 'enum' && (column.enum === undefined || !(column.enum in enumMap))) {
        issues.push({ path: `${path}.columns.${i}.enum`, message: `unknown enum ${String(column.enum)}` });
      }
      if (column.type !== 'enum' && column.enum !== undefined) {
        issues.push({ path: `${path}.columns.${i}.enum`, message: 'only enum columns name an enum' });
      }
    });
    for (const key of table.key) {
      if (!names.has(key)) issues.push({ path: `${path}.key`, message: `unknown key column ${key}` });
    }
    table.rules.forEach((rule, i) => {
      if (!names.has(rule.column)) issues.push({ path: `${path}.rules.${i}.column`, message: `unknown column ${rule.column}` });
      for (const [, column] of rule.check.matchAll(/\braw_(\w+)/g)) {
        if (!names.has(column!)) issues.push({ path: `${path}.rules.${i}.check`, message: `unknown column raw_${column}` });
      }
      for (const template of [rule.message.en, rule.message.zh]) {
        for (const [, placeholder] of template.matchAll(/\{(\w+)\}/g)) {
          if (!names.has(placeholder!)) {
            issues.push({ path: `${path}.rules.${i}.message`, message: `unknown placeholder {${placeholder}}` });
          }
        }
      }
    });
  }
  return issues.length === 0 ? { contract: { enums: enumMap, tables: parsedTables }, issues } : { issues };
}

function load(): Contract {
  const { contract, issues } = validateContract(enumsJson, {
    'enterprises.json': enterprisesJson,
    'groups.json': groupsJson,
    'members.json': membersJson,
    'reported.json': reportedJson,
  });
  if (contract === undefined) {
    throw new Error(`invalid contract definitions:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
  return contract;
}

/** The input contract, validated once at load. */
export const contract: Contract = load();

/** The definition of the input file named `file` (e.g. "enterprises.csv"), if any. */
export function tableForFile(file: string): TableDefinition | undefined {
  return contract.tables.find((t) => t.file === file);
}
