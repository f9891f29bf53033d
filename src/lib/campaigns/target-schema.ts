/**
 * The shape of a campaign target file (data/campaigns/<document>.yaml): the phases and the
 * targets one policy document sets, each with the clause it comes from.
 *
 * This schema checks structure and formats only (types, required keys, date and id formats,
 * comparator kinds). Checks that need context — known metric and document ids, value ranges
 * by the metric's unit, date order, duplicate ids, group codes — are in target-rules.ts, and
 * validate-targets.ts runs both and collects every error. The comparator schema is the
 * published contract's (src/lib/contract/published.ts): a target is published as its file
 * gives it.
 */
import { z } from 'zod';
import { comparatorSchema } from '../contract/published.ts';

/** Is `text` a real calendar date written YYYY-MM-DD (1900–2100)? */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A calendar date written YYYY-MM-DD (unquoted in YAML is fine: the core schema keeps it a string). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(isIsoDate, 'not a calendar date');

/** A six-digit GB/T 2260 region code, as a string (quote it in YAML). */
export const regionCode = z.string().regex(/^\d{6}$/, 'expected a 6-digit region code');

/** A kebab-case id: lowercase letters and digits separated by single dashes. */
export const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id');

/** A metric id as the metric registry spells it (snake_case). */
export const metricId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case metric id');

/** Text in Chinese and English, both required. */
export const bilingualText = z.object({ zh: z.string().min(1, 'empty text'), en: z.string().min(1, 'empty text') }).strict();

/** One phase of a campaign, as the document names and dates it. */
export const phaseSchema = z
  .object({
    id: kebabId,
    label: bilingualText,
    start: isoDate,
    end: isoDate,
  })
  .strict();

/** A dated point on a target's timeline: a phase boundary or a report due date. */
export const milestoneSchema = z.object({ date: isoDate, label: bilingualText }).strict();

/** Where a target comes from: the clause number as printed and the clause verbatim, with an English rendering. */
export const clauseSchema = z
  .object({
    section: z.string().min(1, 'empty section'),
    zh: z.string().min(1, 'empty text').regex(/\p{Script=Han}/u, 'expected the Chinese text of the clause'),
    en: z.string().min(1, 'empty text'),
  })
  .strict();

/** One target, requirement or threshold a document sets. */
export const targetSchema = z
  .object({
    id: kebabId,
    label: bilingualText,
    /** A metric id; null only for a `tracked` requirement the site does not measure. */
    metric: metricId.nullable(),
    /**
     * Other metrics the target is judged on too: for a rate whose document does not say which
     * definition it means (members over all workers, or over the workers of units with a
     * union), the other definition's metric. `metric` is the headline one.
     */
    alternatives: z.array(metricId).default([]),
    /** For metrics with groups (group_enrollment_rate): one of the eight group codes; null = all. */
    group: z.string().nullable().default(null),
    scope: regionCode,
    comparator: comparatorSchema,
    baseline: isoDate,
    /** Null (or left out) for a standing requirement with no deadline. */
    deadline: isoDate.nullable().default(null),
    milestones: z.array(milestoneSchema).default([]),
    clause: clauseSchema,
    note: bilingualText.optional(),
  })
  .strict();

/** A whole target file: the document, its jurisdiction, its phases and its targets. */
export const targetFileSchema = z
  .object({
    document: kebabId,
    region: regionCode,
    phases: z.array(phaseSchema).default([]),
    targets: z.array(targetSchema).min(1, 'expected at least one target'),
  })
  .strict();

/** A campaign phase. */
export type Phase = z.infer<typeof phaseSchema>;
/** One validated target (defaults applied: group and deadline null, milestones []). */
export type Target = z.infer<typeof targetSchema>;
/** One validated target file (phases default to []). */
export type TargetFile = z.infer<typeof targetFileSchema>;
