import { z } from 'zod';
import { regionLevelSchema } from './published.ts';

/** Text in both languages of the site. */
export const bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict();

/** One allowed value of an enumerated column: its code and the words an office may type for it. */
export const enumValueDefinition = z
  .object({
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'codes are ascii identifiers'),
    en: z.string().min(1),
    zh: z.string().min(1),
    /**
     * Only for the values of `indicator` (reported counts), and required there: whether the
     * count reported at a period is what exists then (`stock`) or what was added within that
     * period's calendar year so far (`year`, restarting every year).
     */
    accumulation: z.enum(['stock', 'year']).optional(),
    aliases: z.array(z.string().min(1)),
  })
  .strict();

/** An enumeration: its label and values. */
export const enumDefinition = z
  .object({ label: bilingual, values: z.array(enumValueDefinition).min(1) })
  .strict();

/** The cell types of the input contract. */
export const columnType = z.enum(['date', 'id', 'region', 'enum', 'integer', 'boolean']);

/** One column of an input file. */
export const columnDefinition = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'column names are lowercase snake_case'),
    type: columnType,
    enum: z.string().optional(),
    required: z.boolean(),
    zh: z.string().min(1),
    description: bilingual,
  })
  .strict();

/** A row rule: a SQL predicate over parsed columns that every accepted row satisfies. */
export const ruleDefinition = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    column: z.string(),
    check: z.string().min(1),
    message: bilingual,
  })
  .strict();


/** One input file of a submission. */
export const tableDefinition = z
  .object({
    file: z.string().regex(/^[a-z_]+\.csv$/),
    table: z.string().regex(/^[a-z_]+$/),
    description: bilingual,
    key: z.array(z.string()).min(1),
    /** Region levels a file may use in region_code. */
    region_levels: z.array(regionLevelSchema).min(1),
    columns: z.array(columnDefinition).min(1),
    rules: z.array(ruleDefinition),
  })
  .strict();

export type Bilingual = z.infer<typeof bilingual>;
export type EnumDefinition = z.infer<typeof enumDefinition>;
export type ColumnDefinition = z.infer<typeof columnDefinition>;
export type TableDefinition = z.infer<typeof tableDefinition>;
