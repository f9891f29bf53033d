import { join } from 'node:path';
import { contract } from '../../src/lib/contract/contract.ts';
import { readReferenceTable, ReferenceTableError, type ReferenceProblem } from './reference-table.ts';

/** One registration type (data/reference/registration-types.csv). */
export interface RegistrationType {
  readonly scheme: '2011' | '2023' | 'licence' | 'common';
  /** The 2011 three-digit code, or null. */
  readonly code: string | null;
  readonly name: string;
  /** The contract's ownership code, or null for a heading that does not say (内资企业). */
  readonly ownership: string | null;
  /** Why a type that does not say its owners is counted in `ownership` (null when it says). */
  readonly note: string | null;
}

/** The file's path. */
export const REGISTRATION_TYPES_PATH = join(process.cwd(), 'data', 'reference', 'registration-types.csv');

let cached: readonly RegistrationType[] | undefined;

/**
 * The registration types, validated: schemes, codes of three digits for 2011 only, names
 * unique, ownership one of the contract's codes. Every problem is collected before it throws.
 */
export function registrationTypes(path: string = REGISTRATION_TYPES_PATH): readonly RegistrationType[] {
  if (path === REGISTRATION_TYPES_PATH && cached !== undefined) return cached;
  const rows = readReferenceTable(path, ['scheme', 'code', 'name', 'ownership', 'note']);
  const file = 'reference/registration-types.csv';
  const ownerships = new Set(contract.enums.ownership!.values.map((v) => v.code));
  const problems: ReferenceProblem[] = [];
  const names = new Map<string, number>();
  const types = rows.map(({ line, cells }) => {
    const problem = (column: string, message: string) => problems.push({ file, line, column, message });
    if (!['2011', '2023', 'licence', 'common'].includes(cells.scheme!)) problem('scheme', `"${cells.scheme!}" is none of 2011, 2023, licence, common`);
    if (cells.scheme === '2011' && !/^[0-9]{3}$/.test(cells.code!)) problem('code', `a 2011 type needs its three-digit code, not "${cells.code!}"`);
    if (cells.scheme !== '2011' && cells.code !== '') problem('code', `${cells.scheme!} names have no code`);
    if (cells.name === '') problem('name', 'empty');
    const earlier = names.get(cells.name!);
    if (earlier !== undefined) problem('name', `"${cells.name!}" is on line ${String(earlier)} already`);
    names.set(cells.name!, line);
    if (cells.ownership !== '' && !ownerships.has(cells.ownership!)) problem('ownership', `"${cells.ownership!}" is none of ${[...ownerships].join(', ')}`);
    if (cells.ownership === '' && cells.note !== '') problem('note', 'a type counted in no category needs no note');
    return {
      scheme: cells.scheme as RegistrationType['scheme'],
      code: cells.code === '' ? null : cells.code!,
      name: cells.name!,
      ownership: cells.ownership === '' ? null : cells.ownership!,
      note: cells.note === '' ? null : cells.note!,
    };
  });
  if (problems.length > 0) throw new ReferenceTableError(problems);
  if (path === REGISTRATION_TYPES_PATH) cached = types;
  return types;
}
