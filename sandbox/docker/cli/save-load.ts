/**
 * `docker save` and `docker load` (docker 28 CLI): an image to an archive file or to stdout (never
 * to a terminal), and back. The archive is what `ctr images import` on a node reads too.
 */
import type { IFileSystem } from 'just-bash';
import type { DockerEngine } from '../engine';
import { decodeArchive, encodeArchive } from '../image-archive';
import type { CommandOutput } from './output';

const fail = (stderr: string, exitCode = 1): CommandOutput => ({ stdout: '', stderr, exitCode });

/** `-o FILE`, `-oFILE`, `--output FILE`, `--output=FILE` (and the same for -i/--input). */
function takeOption(args: string[], short: string, long: string): { value: string | undefined; rest: string[]; missing: boolean } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === short || a === long) {
      if (i + 1 >= args.length) return { value, rest, missing: true };
      value = args[++i];
    } else if (a.startsWith(`${long}=`)) value = a.slice(long.length + 1);
    else if (a.startsWith(short) && a.length > short.length && !a.startsWith('--')) value = a.slice(short.length);
    else rest.push(a);
  }
  return { value, rest, missing: false };
}

export async function save(engine: DockerEngine, fs: IFileSystem, cwd: string, args: string[], stdoutIsTerminal: boolean): Promise<CommandOutput> {
  const { value: output, rest, missing } = takeOption(args, '-o', '--output');
  if (missing) return fail(`flag needs an argument: 'o' in -o\nSee 'docker save --help'.\n`, 125);
  const unknown = rest.find((a) => a.startsWith('-') && a !== '--platform' && !a.startsWith('--platform='));
  if (unknown) return fail(`unknown ${unknown.startsWith('--') ? 'flag' : 'shorthand flag'}: ${unknown.startsWith('--') ? unknown.split('=')[0] : `'${unknown[1]}' in ${unknown}`}\nSee 'docker save --help'.\n`, 125);
  const references = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '--platform');
  if (references.length === 0) {
    return fail('"docker save" requires at least 1 argument.\nSee \'docker save --help\'.\n\nUsage:  docker save [OPTIONS] IMAGE [IMAGE...]\n\nSave one or more images to a tar archive (streamed to STDOUT by default)\n');
  }
  if (output === undefined && stdoutIsTerminal) return fail('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
  let path: string | undefined;
  if (output !== undefined) {
    path = fs.resolvePath(cwd, output);
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!(await isDirectory(fs, dir))) return fail(`failed to save image: invalid output path: directory "${dir}" does not exist\n`);
  }
  const text = encodeArchive(await engine.saveImages(references));
  if (path === undefined) return { stdout: text, stderr: '', exitCode: 0 };
  await fs.writeFile(path, text);
  return { stdout: '', stderr: '', exitCode: 0 };
}

async function isDirectory(fs: IFileSystem, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/** docker's progress bar for a finished step, as jsonmessage draws it on a terminal (`%8v/%v`). */
function loadingLine(diffId: string, size: number): string {
  const human = (n: number) => {
    const units = ['B', 'kB', 'MB', 'GB'];
    let value = n;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return `${Number(value.toPrecision(4))}${units[unit]}`;
  };
  // What streams is the layer's tar: its files, a header block each, and the closing blocks.
  const tar = Math.ceil(size / 512) * 512 + 2048;
  return `${diffId.slice(7, 19)}: Loading layer [${'='.repeat(50)}>] ${human(tar).padStart(8)}/${human(tar)}`;
}

export async function load(engine: DockerEngine, fs: IFileSystem, cwd: string, args: string[], stdin: string, stdoutIsTerminal: boolean): Promise<CommandOutput> {
  const { value: input, rest, missing } = takeOption(args, '-i', '--input');
  if (missing) return fail(`flag needs an argument: 'i' in -i\nSee 'docker load --help'.\n`, 125);
  const quiet = rest.includes('-q') || rest.includes('--quiet');
  const extra = rest.find((a) => a !== '-q' && a !== '--quiet');
  if (extra?.startsWith('-')) return fail(`unknown ${extra.startsWith('--') ? 'flag' : 'shorthand flag'}: ${extra.startsWith('--') ? extra.split('=')[0] : `'${extra[1]}' in ${extra}`}\nSee 'docker load --help'.\n`, 125);
  if (extra) return fail('"docker load" accepts no arguments.\nSee \'docker load --help\'.\n\nUsage:  docker load [OPTIONS]\n\nLoad an image from a tar archive or STDIN\n');
  let text: string;
  if (input !== undefined) {
    try {
      text = await fs.readFile(fs.resolvePath(cwd, input));
    } catch {
      return fail(`open ${input}: no such file or directory\n`);
    }
  } else {
    if (!stdin) return fail('requested load from stdin, but stdin is empty\n');
    text = stdin;
  }
  const archive = decodeArchive(text);
  if (!archive) return fail(text.length === 0 ? 'Error response from daemon: unexpected EOF\n' : 'Error response from daemon: archive/tar: invalid tar header\n');
  const loaded = await engine.loadImages(archive);
  const lines = [
    // The layer progress is drawn only on a terminal, and not with -q.
    ...(stdoutIsTerminal && !quiet ? loaded.newLayers.map((l) => loadingLine(l.diffId, l.size)) : []),
    ...loaded.images.flatMap((i) => (i.repoTags.length > 0 ? i.repoTags.map((t) => `Loaded image: ${t}`) : [`Loaded image ID: ${i.id}`])),
  ];
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
