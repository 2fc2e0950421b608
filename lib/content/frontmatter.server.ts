/**
 * The frontmatter every lesson declares, checked with zod at build time. Messages are written for
 * authors: `frontmatter.minutes: expected a number`.
 */
import { z } from 'zod';
import type { ContentProblem } from './content-error.server';

/** Error text for a wrong type, or "is required" when the field is missing. */
function expected(what: string) {
  return { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `expected ${what}`) };
}

export const DEFAULT_SCENARIO = 'fresh-host';

export const frontmatterSchema = z.strictObject(
  {
    title: z.string(expected('a string')).trim().min(1, 'must not be empty'),
    summary: z.string(expected('a string')).trim().min(1, 'must not be empty'),
    objectives: z
      .array(z.string(expected('a string')).trim().min(1, 'must not be empty'), expected('a list of strings'))
      .min(1, 'expected at least one objective'),
    minutes: z.number(expected('a number')).int('expected a whole number').positive('expected a positive number'),
    order: z.number(expected('a number')).int('expected a whole number').nonnegative('expected 0 or more'),
    /** The simulated world the lesson starts from (see sandbox/). */
    scenario: z.string(expected('a string')).trim().min(1, 'must not be empty').default(DEFAULT_SCENARIO),
    /** An earlier lesson's slug: a student with that lesson's world carries on in it (the scenario's `adopt`). */
    continues: z.string(expected('a string')).trim().min(1, 'must not be empty').optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : 'expected a mapping of fields') },
);

export type Frontmatter = z.output<typeof frontmatterSchema>;

/**
 * Validates `data` (the parsed YAML) for the lesson at `file`, whose folder prefix gives `order`.
 * Returns the frontmatter, or the problems found (all of them, not only the first).
 */
export function checkFrontmatter(
  data: unknown,
  file: string,
  folderOrder: number,
): { ok: true; frontmatter: Frontmatter } | { ok: false; problems: ContentProblem[] } {
  const result = frontmatterSchema.safeParse(data ?? {});
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        file,
        message: `${['frontmatter', ...issue.path.map(String)].join('.')}: ${issue.message}`,
      })),
    };
  }
  if (result.data.order !== folderOrder) {
    const prefix = String(folderOrder).padStart(2, '0');
    return {
      ok: false,
      problems: [{ file, message: `frontmatter.order: expected ${folderOrder} (the folder prefix "${prefix}"), got ${result.data.order}` }],
    };
  }
  return { ok: true, frontmatter: result.data };
}
