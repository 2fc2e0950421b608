/**
 * docker build, printed as BuildKit's plain progress (`#5 [2/4] RUN ...`, `CACHED`), with errors
 * that quote the Dockerfile around the failing line, as docker 28 does.
 */
import type { IFileSystem } from 'just-bash';
import { normaliseReference } from '../catalogue/images';
import { BuildFailure, type BuildStep, type PullBase } from '../build/builder';
import { readContext } from '../build/context';
import { DockerfileError } from '../build/dockerfile';
import type { DockerEngine } from '../engine';
import { parseFlags } from './options';
import type { CommandOutput, Live } from './output';

const FLAGS = { tag: { short: 't', value: true, repeat: true }, file: { short: 'f', value: true }, 'build-arg': { value: true, repeat: true }, 'no-cache': {}, target: { value: true }, quiet: { short: 'q' }, progress: { value: true }, pull: {} };

function excerpt(source: string, line: number): string {
  const lines = source.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const rows: string[] = [];
  for (let n = from; n <= to; n++) rows.push(`${String(n).padStart(4)} | ${n === line ? '>>> ' : '    '}${lines[n - 1]}`);
  return `Dockerfile:${line}\n--------------------\n${rows.join('\n')}\n--------------------\n`;
}

export async function build(engine: DockerEngine, fs: IFileSystem, cwd: string, args: string[], pull: PullBase, live: Live | null = null): Promise<CommandOutput> {
  const parsed = parseFlags('build', args, FLAGS, false);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  if (parsed.operands.length !== 1) return { stdout: '', stderr: `ERROR: docker: 'docker buildx build' requires 1 argument\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n`, exitCode: 1 };
  const contextDir = fs.resolvePath(cwd, parsed.operands[0]);
  const dockerfileName = parsed.values.get('file')?.at(-1) ?? 'Dockerfile';
  const dockerfilePath = dockerfileName.startsWith('/') ? dockerfileName : fs.resolvePath(dockerfileName.includes('/') ? cwd : contextDir, dockerfileName);
  let dockerfile: string;
  try {
    if (!(await fs.stat(contextDir)).isDirectory) throw new Error('not a dir');
  } catch {
    return { stdout: '', stderr: `ERROR: unable to prepare context: path "${parsed.operands[0]}" not found\n`, exitCode: 1 };
  }
  try {
    dockerfile = await fs.readFile(dockerfilePath);
  } catch {
    return { stdout: '', stderr: `ERROR: failed to solve: failed to read dockerfile: open ${dockerfileName}: no such file or directory\n`, exitCode: 1 };
  }
  const tags = (parsed.values.get('tag') ?? []).map((t) => {
    const { repository, tag } = normaliseReference(t);
    return `${repository}:${tag}`;
  });
  const buildArgs = Object.fromEntries((parsed.values.get('build-arg') ?? []).map((a) => [a.split('=')[0], a.split('=').slice(1).join('=')]));
  const context = await readContext(fs, contextDir);
  let n = 0;
  const out: string[] = ['#0 building with "default" instance using docker driver', ''];
  const block = (title: string, lines: string[], status: string) => {
    n++;
    const text = [`#${n} ${title}`, ...lines.map((l) => `#${n} ${l}`), `#${n} ${status}`, ''];
    // On a terminal each block appears as its step completes; otherwise all come with the result.
    if (live?.write(`${text.join('\n')}\n`)) return;
    out.push(...text);
  };
  if (live && live.write(`${out.join('\n')}\n`)) out.length = 0;
  let contextShown = false;
  const liveStep = (step: BuildStep) => {
    if (step.title.includes('FROM ')) {
      block(`[internal] load metadata for docker.io/library/${step.title.split('FROM docker.io/library/')[1]?.split('@')[0] ?? ''}`, [], 'DONE 0.0s');
      block('[internal] load .dockerignore', [`transferring context: ${context.dockerignoreBytes}B done`], 'DONE 0.0s');
    } else if (!contextShown) {
      block('[internal] load build context', [`transferring context: ${context.bytes}B done`], 'DONE 0.0s');
      contextShown = true;
    }
    block(step.title, stepLines(step), step.cached ? 'CACHED' : 'DONE 0.1s');
  };
  block('[internal] load build definition from Dockerfile', [`transferring dockerfile: ${new TextEncoder().encode(dockerfile).length}B done`], 'DONE 0.0s');
  let result: Awaited<ReturnType<DockerEngine['builder']['build']>>;
  try {
    result = await engine.builder.build({ dockerfile, context: context.files, buildArgs, noCache: parsed.flags.has('no-cache'), target: parsed.values.get('target')?.at(-1), onStep: live ? liveStep : undefined }, pull);
  } catch (error) {
    if (error instanceof DockerfileError) {
      return { stdout: out.join('\n'), stderr: `${error.line > 0 ? excerpt(dockerfile, error.line) : ''}ERROR: failed to solve: dockerfile parse error on line ${error.line}: ${error.message}\n`, exitCode: 1 };
    }
    if (error instanceof BuildFailure) {
      const failed = error.failedStep;
      if (live && failed) block(failed.title, failed.lines.map((l) => `0.123 ${l}`), `ERROR: ${error.message}`);
      else printSteps(error.steps, block, error.failedStep, error.message);
      const detail = failed ? `------\n > ${failed.title}:\n${failed.lines.slice(-10).map((l) => `0.123 ${l}`).join('\n')}\n------\n` : '';
      return { stdout: out.join('\n'), stderr: `${detail}${error.line ? excerpt(dockerfile, error.line) : ''}ERROR: failed to solve: ${error.message}\n`, exitCode: 1 };
    }
    throw error;
  }
  if (!live) {
    const metadataStep = result.steps.find((s) => s.title.includes('FROM '));
    if (metadataStep) block(`[internal] load metadata for docker.io/library/${metadataStep.title.split('FROM docker.io/library/')[1]?.split('@')[0] ?? ''}`, [], 'DONE 0.0s');
    block('[internal] load .dockerignore', [`transferring context: ${context.dockerignoreBytes}B done`], 'DONE 0.0s');
    printSteps(result.steps, block);
  }
  engine.images.add(result.image, tags);
  block('exporting to image', ['exporting layers done', `writing image ${result.image.id} done`, ...tags.map((t) => `naming to docker.io/library/${t} done`)], 'DONE 0.0s');
  if (parsed.flags.has('quiet')) return { stdout: `${result.image.id}\n`, stderr: '', exitCode: 0 };
  return { stdout: out.join('\n'), stderr: '', exitCode: 0 };

  function printSteps(steps: BuildStep[], emit: typeof block, failed?: BuildStep, failedMessage = '') {
    let contextShown = false;
    for (const step of steps) {
      if (!contextShown && !step.title.includes('FROM ')) {
        emit('[internal] load build context', [`transferring context: ${context.bytes}B done`], 'DONE 0.0s');
        contextShown = true;
      }
      if (step === failed) {
        emit(step.title, step.lines.map((l) => `0.123 ${l}`), `ERROR: ${failedMessage}`);
        continue;
      }
      emit(step.title, stepLines(step), step.cached ? 'CACHED' : 'DONE 0.1s');
    }
  }
}

/** A step's lines under its title: BuildKit's own progress as is, the command's output timestamped. */
function stepLines(step: BuildStep): string[] {
  return step.cached ? [] : [...(step.progress ?? []), ...step.lines.map((l) => `0.123 ${l}`)];
}
