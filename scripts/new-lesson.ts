/**
 * `npm run new:lesson -- <slug> [--title "The lesson's title"]`: scaffolds content/NN-<slug>/ with
 * the next number and registers its exercises. See docs/authoring.md.
 */
import { scaffoldLesson } from './content/scaffold-lesson';

const USAGE = 'usage: npm run new:lesson -- <slug> [--title "The lesson\'s title"]\n  e.g. npm run new:lesson -- images-and-containers\n';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const titleAt = args.indexOf('--title');
  const title = titleAt === -1 ? undefined : args[titleAt + 1];
  const rest = args.filter((_, i) => titleAt === -1 || (i !== titleAt && i !== titleAt + 1));
  if (rest.length !== 1 || rest[0].startsWith('-') || (titleAt !== -1 && !title)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const slug = rest[0];
  const { folder, files } = await scaffoldLesson(process.cwd(), slug, title);
  process.stdout.write(
    `Created lesson ${folder}:\n${files.map((f) => `  ${f}`).join('\n')}\n\n` +
      `Next:\n  npm run dev                 then open http://localhost:3000/en/${slug}/\n` +
      `  npm run check:content       checks the text, the exercises and the links\n` +
      `  npx vitest run content      replays every exercise's solution headless\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`new:lesson: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
