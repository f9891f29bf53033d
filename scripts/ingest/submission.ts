import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from './input-error.ts';

/** Optional metadata of a submission folder, in submission.json. */
export const submissionSchema = z
  .object({
    /** True when the data is synthetic (the demo): every page that shows it says so. */
    synthetic: z.boolean().default(false),
    /** What the submission is, in a few words. */
    description: z.string().optional(),
    generator: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type Submission = z.infer<typeof submissionSchema>;

/** Reads submission.json from a submission folder; absent means real, non-synthetic data. */
export async function readSubmission(dir: string): Promise<Submission> {
  let text: string;
  try {
    text = await readFile(join(dir, 'submission.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return submissionSchema.parse({});
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError('submission.json', `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = submissionSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError('submission.json', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
