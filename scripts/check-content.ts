/**
 * `npm run check:content`: checks every lesson, its exercises, scenario and links, and prints each
 * problem as `file:line: message`. Exits 1 when there is any. See lib/content/check-content.server.ts.
 */
import { checkContent } from '../lib/content/check-content.server';
import { formatProblem } from '../lib/content/content-error.server';

async function main(): Promise<number> {
  const { problems, lessons, exercises, links } = await checkContent();
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in the course content.\n`);
    return 1;
  }
  process.stdout.write(`Content OK: ${lessons} lesson file${lessons === 1 ? '' : 's'}, ${exercises} exercise${exercises === 1 ? '' : 's'}, ${links} link${links === 1 ? '' : 's'} checked.\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
