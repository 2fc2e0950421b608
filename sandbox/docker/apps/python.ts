/**
 * `python3` and `pip` inside containers: pip installs from the offline index into site-packages
 * (so a layer really changes), and python3 runs what the sandbox can run for real — a Flask app in
 * the documented subset, `-m http.server`, `print(...)` scripts — and says plainly when it cannot.
 */
import type { IFileSystem } from 'just-bash';
import type { CommandResult } from '../../shell/commands/result';
import type { ServerState } from '../state';
import { parseFlaskApp } from './flask';
import { DISPLAY, findPackage, PIP_INDEX, type PipPackage } from './pip-index';

export const PYTHON_VERSION = '3.12.7';
const SITE = '/usr/local/lib/python3.12/site-packages';

export interface ProgramEnv {
  fs: IFileSystem;
  cwd: string;
  env: Record<string, string>;
  /** The container's bridge address, for "Running on http://172.17.0.2:8080". */
  address: string;
  /** Start serving: the program then runs until it is stopped. Resolves with its exit status. */
  serve: (server: ServerState, startup: { stdout: string; stderr: string }) => Promise<CommandResult>;
}

const result = (stdout: string, stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

async function installed(fs: IFileSystem, module: string): Promise<boolean> {
  return fs.exists(`${SITE}/${module}/__init__.py`);
}

export async function pip(args: string[], program: ProgramEnv): Promise<CommandResult> {
  const [verb, ...rest] = args;
  if (verb === '--version' || verb === '-V') return result(`pip 24.3.1 from ${SITE}/pip (python 3.12)\n`);
  if (verb === 'list' || verb === 'freeze') {
    const present: PipPackage[] = [];
    for (const p of PIP_INDEX) if (await installed(program.fs, p.module)) present.push(p);
    if (verb === 'freeze') return result(present.map((p) => `${DISPLAY[p.name] ?? p.name}==${p.version}\n`).join(''));
    const rows = ([['pip', '24.3.1'], ...present.map((p) => [DISPLAY[p.name] ?? p.name, p.version])] as [string, string][]).sort((a, b) => a[0].toLowerCase().localeCompare(b[0].toLowerCase()));
    const width = Math.max(7, ...rows.map(([name]) => name.length));
    const versionWidth = Math.max(7, ...rows.map(([, v]) => v.length));
    return result([`${'Package'.padEnd(width)} Version`, `${'-'.repeat(width)} ${'-'.repeat(versionWidth)}`, ...rows.map(([n, v]) => `${n.padEnd(width)} ${v}`)].join('\n') + '\n');
  }
  if (verb !== 'install') return result('', `ERROR: unknown command "${verb ?? ''}"\n`, 1);
  const requested: { requirement: string; origin: string }[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '-r' || rest[i] === '--requirement') {
      const file = rest[++i];
      let text: string;
      try {
        text = await program.fs.readFile(program.fs.resolvePath(program.cwd, file));
      } catch {
        return result('', `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`, 1);
      }
      text.split('\n').forEach((line, n) => {
        const requirement = line.replace(/#.*/, '').trim();
        if (requirement) requested.push({ requirement, origin: ` (from -r ${file} (line ${n + 1}))` });
      });
    } else if (!rest[i].startsWith('-')) requested.push({ requirement: rest[i], origin: '' });
  }
  if (requested.length === 0) return result('', 'ERROR: You must give at least one requirement to install (see "pip help install")\n', 1);
  let stdout = '';
  const plan: PipPackage[] = [];
  const visit = (p: PipPackage, origin: string) => {
    if (plan.includes(p)) return;
    stdout += `Collecting ${p.name}${origin}\n  Downloading ${p.name.replace(/-/g, '_')}-${p.version}-py3-none-any.whl.metadata (${(p.wheelKiB / 40).toFixed(1)} kB)\n`;
    plan.push(p);
    for (const dep of p.requires) visit(findPackage(dep)!, ` (from ${p.name})`);
  };
  for (const { requirement, origin } of requested) {
    const p = findPackage(requirement);
    if (!p) {
      const name = requirement.split(/[<>=!~\s[]/)[0];
      return result(stdout, `ERROR: Could not find a version that satisfies the requirement ${requirement} (from versions: none)\nERROR: No matching distribution found for ${name}\n`, 1);
    }
    visit(p, origin);
  }
  for (const p of plan) stdout += `Downloading ${p.name.replace(/-/g, '_')}-${p.version}-py3-none-any.whl (${p.wheelKiB} kB)\n`;
  const order = [...plan].reverse();
  stdout += `Installing collected packages: ${order.map((p) => DISPLAY[p.name] ?? p.name).join(', ')}\n`;
  for (const p of order) {
    await program.fs.mkdir(`${SITE}/${p.module}`, { recursive: true });
    await program.fs.writeFile(`${SITE}/${p.module}/__init__.py`, `__version__ = "${p.version}"\n`);
    await program.fs.mkdir(`${SITE}/${p.name.replace(/-/g, '_')}-${p.version}.dist-info`, { recursive: true });
    await program.fs.writeFile(`${SITE}/${p.name.replace(/-/g, '_')}-${p.version}.dist-info/METADATA`, `Metadata-Version: 2.1\nName: ${DISPLAY[p.name] ?? p.name}\nVersion: ${p.version}\n`);
  }
  stdout += `Successfully installed ${[...plan].sort((a, b) => (DISPLAY[a.name] ?? a.name).localeCompare(DISPLAY[b.name] ?? b.name)).map((p) => `${DISPLAY[p.name] ?? p.name}-${p.version}`).join(' ')}\n`;
  const warning = "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n";
  return result(stdout, warning);
}

export async function python(args: string[], program: ProgramEnv): Promise<CommandResult> {
  const [first, ...rest] = args;
  if (first === '--version' || first === '-V') return result(`Python ${PYTHON_VERSION}\n`);
  if (first === undefined) return result(''); // no terminal to read from: end of input, exit 0
  if (first === '-c') {
    const prints = [...(rest[0] ?? '').matchAll(/print\(\s*(["'])(.*?)\1\s*\)/g)].map((m) => `${m[2]}\n`);
    if (prints.length > 0 && (rest[0] ?? '').replace(/print\(\s*(["'])(.*?)\1\s*\)/g, '').replace(/[;\s]/g, '') === '') return result(prints.join(''));
    return result('', `dockyard: this sandbox runs only print("...") with python3 -c; see the lesson for what it can run\n`, 1);
  }
  if (first === '-m' && rest[0] === 'http.server') {
    const port = /^\d+$/.test(rest[1] ?? '') ? Number(rest[1]) : 8000;
    return program.serve({ program: 'python-http', ports: [port], root: program.cwd }, { stdout: `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`, stderr: '' });
  }
  const path = program.fs.resolvePath(program.cwd, first);
  let source: string;
  try {
    source = await program.fs.readFile(path);
  } catch {
    return result('', `python3: can't open file '${path}': [Errno 2] No such file or directory\n`, 2);
  }
  if (/^\s*(from\s+flask\s+import|import\s+flask)/m.test(source)) {
    if (!(await installed(program.fs, 'flask'))) {
      const line = source.split('\n').findIndex((l) => /flask/.test(l)) + 1;
      return result('', `Traceback (most recent call last):\n  File "${path}", line ${line}, in <module>\n    ${source.split('\n')[line - 1].trim()}\nModuleNotFoundError: No module named 'flask'\n`, 1);
    }
    const parsed = parseFlaskApp(source, program.env);
    if (!parsed.ok) return result('', `dockyard: ${first} is a Flask app this sandbox cannot run: ${parsed.reason} (line ${parsed.line}). It runs apps whose routes return text; see the lesson.\n`, 1);
    const { app } = parsed;
    const everywhere = app.host === '0.0.0.0';
    const startup = [
      ` * Serving Flask app '${first.replace(/\.py$/, '').split('/').pop()}'`,
      ' * Debug mode: off',
      'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.',
      ...(everywhere ? [' * Running on all addresses (0.0.0.0)', ` * Running on http://127.0.0.1:${app.port}`, ` * Running on http://${program.address}:${app.port}`] : [` * Running on http://${app.host}:${app.port}`]),
      'Press CTRL+C to quit',
    ];
    // Listening on 127.0.0.1 only, the app cannot be reached from outside its container.
    return program.serve({ program: 'flask', ports: everywhere || app.host !== '127.0.0.1' ? [app.port] : [], routes: app.routes }, { stdout: '', stderr: startup.join('\n') + '\n' });
  }
  const lines = source.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  if (lines.every((l) => /^print\(\s*(["']).*\1\s*\)$/.test(l.trim()))) return result(lines.map((l) => `${/^print\(\s*(["'])(.*)\1\s*\)$/.exec(l.trim())![2]}\n`).join(''));
  return result('', `dockyard: ${first} does more than this sandbox can run; it runs Flask apps whose routes return text, and print("...") scripts.\n`, 1);
}
