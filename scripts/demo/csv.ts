/**
 * CSV encoding of the four files: UTF-8 without BOM, a header row, `\n` line ends, comma
 * separators, and RFC 4180 quoting only for fields that need it (none of the generated values
 * do, but the encoder does not rely on that).
 */
import { isoFromDay } from './dates.ts';
import type { EnterpriseSnapshot } from './enterprise-model.ts';
import type { GroupRow } from './group-model.ts';
import type { MemberRecord } from './member-pool.ts';
import type { ReportedRow } from './reported-model.ts';
import { csvField } from '../../src/lib/csv-field.ts';

/** Column order of enterprises.csv. */
export const ENTERPRISE_COLUMNS = [
  'period', 'enterprise_id', 'region_code', 'ownership', 'industry', 'status', 'founded_on', 'employees',
  'migrant_workers', 'women_employees', 'union_form', 'union_founded_on', 'members', 'migrant_members',
  'women_members', 'women_committee', 'fulltime_chair', 'no_union_reason', 'visited', 'policy_explained', 'plan_made',
] as const;
/** Column order of groups.csv. */
export const GROUP_COLUMNS = ['period', 'region_code', 'group', 'workers', 'members'] as const;
/** Column order of members.csv. */
export const MEMBER_COLUMNS = [
  'member_id', 'region_code', 'joined_on', 'left_on', 'channel', 'affiliation', 'migrant', 'gender', 'group',
] as const;
/** Column order of reported.csv. */
export const REPORTED_COLUMNS = ['period', 'region_code', 'indicator', 'value'] as const;

/** Encodes a header or data line (without the trailing newline). */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

function flag(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'true' : 'false';
}

function optionalDay(day: number | undefined): string {
  return day === undefined ? '' : isoFromDay(day);
}

// The data lines below are built without per-field escaping: every field is a number, an ISO
// date, a hex id, a six-digit code or a word from a closed vocabulary, none of which can contain
// a comma, quote or line break — so RFC 4180 never requires quotes here (the tests check every
// line). Anything free-text must go through csvField.

/** One enterprises.csv line. */
export function enterpriseLine(s: EnterpriseSnapshot): string {
  const o = s.outreach;
  return (
    `${s.period.iso},${s.enterpriseId},${s.regionCode},${s.ownership},${s.industry},${s.status},` +
    `${optionalDay(s.foundedDay)},${s.employees},${s.migrantWorkers},${s.womenEmployees ?? ''},` +
    `${s.unionForm},${optionalDay(s.unionFoundedDay)},${s.members},${s.migrantMembers},${s.womenMembers},` +
    `${flag(s.womenCommittee)},${flag(s.fulltimeChair)},${s.noUnionReason ?? ''},` +
    `${flag(o?.visited)},${flag(o?.policyExplained)},${flag(o?.planMade)}`
  );
}

/** One groups.csv line. */
export function groupLine(row: GroupRow): string {
  return `${row.period.iso},${row.regionCode},${row.group},${row.workers},${row.members}`;
}

/** One members.csv line. */
export function memberLine(id: string, m: MemberRecord): string {
  return (
    `${id},${m.regionCode},${isoFromDay(m.joinedDay)},${optionalDay(m.leftDay)},${m.channel},` +
    `${m.affiliation},${flag(m.migrant)},${m.female ? 'f' : 'm'},${m.group ?? ''}`
  );
}

/** One reported.csv line. */
export function reportedLine(row: ReportedRow): string {
  return `${row.period.iso},${row.regionCode},${row.indicator},${row.value}`;
}
