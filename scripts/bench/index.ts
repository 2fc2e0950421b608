/**
 * `npm run bench`: prints speed and size figures. It never fails because something is slow — these
 * machines are shared and noisy — and it writes the figures to bench-results/latest.json.
 */
import fs from 'node:fs';
import { benchCourse } from './course';
import { benchDocker } from './docker';
import { benchKubernetes } from './kubernetes';
import { benchExercises } from './exercises';
import { benchHost } from './host';
import { benchShell } from './shell';
import { benchSite } from './site';

async function main() {
  const results: Record<string, Record<string, number>> = {};
  results.shell = await benchShell();
  results.host = await benchHost();
  results.docker = await benchDocker();
  results.kubernetes = await benchKubernetes();
  results.exercises = await benchExercises();
  if (fs.existsSync('out/index.html')) {
    results.site = await benchSite();
    results.course = await benchCourse();
  } else console.log('\nSite and course walkthrough: skipped (no out/; run `npm run build` first)');
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/latest.json', JSON.stringify(results, null, 2) + '\n');
}

// Exits once the figures are written: worlds built for the figures may still hold timers (a
// program's start-up window, a sleeping process), which must not keep the script alive.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
