import { z } from 'zod';

const bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict();

/**
 * One metric, as written in data/metrics/<id>.json: a numerator and an optional denominator,
 * each the sum of one cube measure over the cube rows that match `where`.
 */
export const metricDefinition = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lowercase snake_case'),
    source: z.enum(['enterprises', 'groups', 'members', 'reported']),
    unit: z.enum(['rate', 'count']),
    label: bilingual,
    description: bilingual,
    /**
     * For rates: the units the denominator holds and the numerator not yet, in words
     * ("尚未建会的50人以上企业"), what a target of full coverage still needs.
     */
    still_lacks: bilingual.optional(),
    numerator: z.string(),
    denominator: z.string().nullable(),
    /** Measure counting the units (enterprises or persons) a value is computed from. */
    population: z.string().nullable(),
    /** Measure counting the units that contribute to the numerator's sum, when that is sensitive. */
    contributors: z.string().optional(),
    where: z.record(z.string(), z.array(z.string()).min(1)),
    breakdowns: z.array(z.string()),
    /** Unit of the disclosure threshold: enterprises, persons, or none for counts of sites. */
    disclosure: z.enum(['enterprises', 'persons', 'none']),
    /** For member rates: which of the two published definitions of 入会率 this is. */
    definition: z.enum(['survey', 'federation']).optional(),
    /**
     * Its place on the region pages: `key`, its position among the key figures and trend
     * panels they lead with; `compare`, its position among the rates they compare the
     * regions below on (a dot plot).
     */
    region_page: z
      .object({ key: z.number().int().min(1).optional(), compare: z.number().int().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

export type MetricDefinition = z.infer<typeof metricDefinition>;
