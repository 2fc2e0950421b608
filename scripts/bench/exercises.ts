/**
 * Exercises and saved worlds, in Node: how long replaying every lesson's reference solutions takes
 * (what `vitest run content` and the worker's checks cost), and how big and how fast a saved world
 * is (what IndexedDB stores after every command, and what a reload restores).
 */
import zlib from 'node:zlib';
import { LESSON_EXERCISES } from '../../content/exercises';
import { Sandbox } from '../../sandbox/index';
import { evaluate } from '../../sandbox/exercises/runner';
import { findScenario } from '../../sandbox/scenarios';
import { kb, median, ms, printFigures } from './stats';

async function replayCourse(): Promise<{ ms: number; commands: number; checks: number }> {
  let commands = 0;
  let checks = 0;
  const t0 = performance.now();
  for (const { scenario, exercises } of Object.values(LESSON_EXERCISES)) {
    const sandbox = await findScenario(scenario)!.build({ seed: 1, elapsed: () => performance.now() });
    for (const exercise of exercises) {
      for (const line of exercise.solution.commands) {
        await sandbox.console.run(line);
        commands++;
        // The worker checks every exercise of the lesson after every command.
        await evaluate(sandbox, exercises);
        checks += exercises.length;
      }
    }
  }
  return { ms: performance.now() - t0, commands, checks };
}

async function measureWorld(sandbox: Sandbox, runs = 9) {
  const snapshots: number[] = [];
  const clones: number[] = [];
  const restores: number[] = [];
  let json = '';
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const snapshot = await sandbox.snapshot();
    snapshots.push(performance.now() - t0);
    // IndexedDB stores the structured clone of the value: the same walk the browser does on put.
    t0 = performance.now();
    const copy = structuredClone(snapshot);
    clones.push(performance.now() - t0);
    t0 = performance.now();
    await Sandbox.restore(copy, { elapsed: () => performance.now() });
    restores.push(performance.now() - t0);
    json = JSON.stringify(snapshot);
  }
  return {
    bytes: Buffer.byteLength(json),
    gzipBytes: zlib.gzipSync(json).length,
    snapshotMs: median(snapshots),
    cloneMs: median(clones),
    restoreMs: median(restores),
  };
}

export async function benchExercises(): Promise<Record<string, number>> {
  await replayCourse(); // warm-up
  const replays: number[] = [];
  let last = { ms: 0, commands: 0, checks: 0 };
  for (let i = 0; i < 5; i++) {
    last = await replayCourse();
    replays.push(last.ms);
  }

  // The world a student has after lesson 0: every solution run.
  const lesson = await findScenario('fresh-host')!.build({ seed: 1, elapsed: () => performance.now() });
  for (const exercise of LESSON_EXERCISES.welcome?.exercises ?? []) for (const line of exercise.solution.commands) await lesson.console.run(line);
  const plain = await measureWorld(lesson);

  // The same world with containers, when this build's sandbox models them.
  const busy = await findScenario('fresh-host')!.build({ seed: 1, elapsed: () => performance.now() });
  // The figure: a world with 20 containers (nginx servers and finished alpine runs).
  const docker = await busy.console.run('docker pull nginx && docker pull alpine && for i in $(seq 10); do docker run -d nginx; docker run alpine echo hi; done');
  const containers = docker.exitCode === 0 ? await measureWorld(busy) : null;

  const figures: Record<string, number> = {
    replayCourseMs: median(replays),
    replayCommands: last.commands,
    replayChecks: last.checks,
    snapshotBytes: plain.bytes,
    snapshotGzipBytes: plain.gzipBytes,
    snapshotMs: plain.snapshotMs,
    snapshotCloneMs: plain.cloneMs,
    restoreMs: plain.restoreMs,
  };
  const rows = [
    { name: `replay every solution, checks after each command (${last.commands} commands, ${last.checks} checks; median of 5)`, value: ms(figures.replayCourseMs) },
    { name: 'saved world after lesson 0: JSON size', value: `${kb(plain.bytes)} (${kb(plain.gzipBytes)} gzipped)` },
    { name: 'snapshot()', value: ms(plain.snapshotMs) },
    { name: 'structured clone (what IndexedDB does on save)', value: ms(plain.cloneMs) },
    { name: 'Sandbox.restore()', value: ms(plain.restoreMs) },
  ];
  if (containers) {
    Object.assign(figures, { containersSnapshotBytes: containers.bytes, containersSnapshotMs: containers.snapshotMs, containersRestoreMs: containers.restoreMs });
    rows.push(
      { name: 'with 20 containers (10 running nginx): JSON size', value: `${kb(containers.bytes)} (${kb(containers.gzipBytes)} gzipped)` },
      { name: '  snapshot() / structured clone / restore()', value: `${ms(containers.snapshotMs)} / ${ms(containers.cloneMs)} / ${ms(containers.restoreMs)}` },
    );
  } else {
    rows.push({ name: 'with containers', value: 'not modelled yet in this build (docker run failed); figures are for the host alone' });
  }
  printFigures('Exercises and saved worlds (Node; snapshot figures are medians of 9)', rows);
  return figures;
}
