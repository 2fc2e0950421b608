/**
 * `node` and `npm` inside containers. npm installs from the offline registry into node_modules and
 * writes package.json / package-lock.json (so a build layer really changes); node runs what the
 * sandbox can run for real — an http or Express server in the documented subset, console.log
 * scripts — and says plainly when it cannot.
 */
import type { CommandResult } from '../../shell/commands/result';
import { parseNodeApp } from './node-app';
import { findNpmPackage, NPM_REGISTRY } from './npm-registry';
import type { ProgramEnv } from './python';

export const NODE_VERSION = '20.18.0';
export const NPM_VERSION = '10.8.2';

const result = (stdout: string, stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

interface PackageJson {
  name?: string;
  version?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

async function readJson(program: ProgramEnv, path: string): Promise<PackageJson | null | 'invalid'> {
  let text: string;
  try {
    text = await program.fs.readFile(path);
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as PackageJson) : 'invalid';
  } catch {
    return 'invalid';
  }
}

function npmError(lines: string[]): CommandResult {
  return result('', lines.map((l) => `npm error ${l}`.trimEnd() + '\n').join(''), 1);
}

/** npm's duration: milliseconds under a second, whole seconds above. */
function took(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`;
}

async function install(args: string[], program: ProgramEnv): Promise<CommandResult> {
  const packagePath = program.fs.resolvePath(program.cwd, 'package.json');
  const existing = await readJson(program, packagePath);
  if (existing === 'invalid') return npmError(['code EJSONPARSE', `JSON.parse Invalid package.json: ${packagePath}`]);
  const manifest: PackageJson = existing ?? {};
  const wanted = args.filter((a) => !a.startsWith('-'));
  const dependencies = { ...(manifest.dependencies ?? {}) };
  const toInstall = wanted.length > 0 ? wanted : Object.keys(dependencies);
  const resolved = [];
  for (const spec of toInstall) {
    const found = findNpmPackage(spec);
    if (!found) {
      const name = spec.split('@')[0];
      const failed = npmError(['code E404', `404 Not Found - GET https://registry.npmjs.org/${name} - Not found`, '404', `404  '${name}@*' is not in this registry.`, '404', '404 Note that you can also install from a', '404 tarball, folder, http url, or git url.']);
      return { ...failed, stderr: `${failed.stderr}dockyard: the sandbox works offline; its registry holds ${NPM_REGISTRY.map((p) => p.name).join(', ')}\n` };
    }
    resolved.push(found);
    if (wanted.length > 0) dependencies[found.name] = `^${found.version}`;
  }
  let added = 0;
  for (const p of resolved) {
    const dir = program.fs.resolvePath(program.cwd, `node_modules/${p.name}`);
    if (await program.fs.exists(`${dir}/package.json`)) continue;
    await program.fs.mkdir(dir, { recursive: true });
    await program.fs.writeFile(`${dir}/package.json`, JSON.stringify({ name: p.name, version: p.version, main: 'index.js' }, null, 2) + '\n');
    await program.fs.writeFile(`${dir}/index.js`, `// ${p.name} ${p.version}: the sandbox runs its documented subset (see the lesson)\n`);
    added += p.treeSize;
  }
  if (wanted.length > 0 || existing === null) {
    await program.fs.writeFile(packagePath, JSON.stringify({ ...manifest, dependencies }, null, 2) + '\n');
  }
  const locked = Object.fromEntries(resolved.map((p) => [`node_modules/${p.name}`, { version: p.version, resolved: `https://registry.npmjs.org/${p.name}/-/${p.name}-${p.version}.tgz` }]));
  await program.fs.writeFile(program.fs.resolvePath(program.cwd, 'package-lock.json'), JSON.stringify({ name: manifest.name ?? program.cwd.split('/').pop(), lockfileVersion: 3, requires: true, packages: { '': { dependencies }, ...locked } }, null, 2) + '\n');
  // npm audits the whole tree, not just what this command added.
  const audited = Object.keys(dependencies).reduce((sum, name) => sum + (findNpmPackage(name)?.treeSize ?? 0), 0) + 1;
  const time = took(180 + audited * 25);
  const summary = added > 0 ? `added ${added} package${added === 1 ? '' : 's'}, and audited ${audited} package${audited === 1 ? '' : 's'} in ${time}` : `up to date, audited ${audited} package${audited === 1 ? '' : 's'} in ${time}`;
  return result(`\n${summary}\n\nfound 0 vulnerabilities\n`);
}

export async function npm(args: string[], program: ProgramEnv): Promise<CommandResult> {
  const [verb, ...rest] = args;
  if (verb === '--version' || verb === '-v') return result(`${NPM_VERSION}\n`);
  if (verb === 'ci' && !(await program.fs.exists(program.fs.resolvePath(program.cwd, 'package-lock.json')))) {
    // npm ci installs exactly what the lockfile says, so without one it refuses.
    return npmError(['code EUSAGE', '', 'The `npm ci` command can only install with an existing package-lock.json or', 'npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or', 'later to generate a package-lock.json file, then try again.', '', 'Clean install a project', '', 'Usage:', 'npm ci', '', 'Run "npm help ci" for more info']);
  }
  if (verb === 'install' || verb === 'i' || verb === 'ci') return install(verb === 'ci' ? [] : rest, program);
  if (verb === 'start' || verb === 'run' || verb === 'run-script') {
    const script = verb === 'start' ? 'start' : rest[0];
    const manifest = await readJson(program, program.fs.resolvePath(program.cwd, 'package.json'));
    if (manifest === null) return npmError(['code ENOENT', 'syscall open', `path ${program.fs.resolvePath(program.cwd, 'package.json')}`, 'errno -2', `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${program.fs.resolvePath(program.cwd, 'package.json')}'`]);
    if (manifest === 'invalid') return npmError(['code EJSONPARSE', 'JSON.parse Invalid package.json']);
    // npm start falls back to `node server.js` when there is no start script, as the real one does.
    const command = manifest.scripts?.[script ?? ''] ?? (script === 'start' ? 'node server.js' : undefined);
    if (!command) return npmError([`Missing script: "${script ?? ''}"`, '', 'To see a list of scripts, run:', '  npm run']);
    const banner = `\n> ${manifest.name ?? 'app'}${manifest.version ? `@${manifest.version}` : ''} ${script}\n> ${command}\n\n`;
    const words = command.trim().split(/\s+/);
    if (words[0] !== 'node') return result(banner, `dockyard: npm scripts that run "${words[0]}" are not modelled in this sandbox; it runs "node <file>"\n`, 1);
    const ran = await node(words.slice(1), program, banner);
    return ran;
  }
  if (verb === 'list' || verb === 'ls') {
    const manifest = await readJson(program, program.fs.resolvePath(program.cwd, 'package.json'));
    const label = manifest && manifest !== 'invalid' && manifest.name ? `${manifest.name}${manifest.version ? `@${manifest.version}` : ''}` : program.cwd.split('/').pop() || '/';
    const lines = [`${label} ${program.cwd}`];
    const present = [];
    for (const p of NPM_REGISTRY) if (await program.fs.exists(program.fs.resolvePath(program.cwd, `node_modules/${p.name}/package.json`))) present.push(p);
    present.forEach((p, i) => lines.push(`${i === present.length - 1 ? '└──' : '├──'} ${p.name}@${p.version}`));
    if (present.length === 0) lines.push('└── (empty)');
    return result(lines.join('\n') + '\n\n');
  }
  return result('', `dockyard: npm ${verb ?? ''} is not modelled in this sandbox; it runs npm install, npm start, npm run and npm ls\n`, 1);
}

function moduleNotFound(target: string, requireStack: string[]): CommandResult {
  const stack = requireStack.length > 0 ? `\nRequire stack:\n${requireStack.map((s) => `- ${s}`).join('\n')}` : '';
  return result('', `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${target}'${stack}\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27) {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: [${requireStack.map((s) => `'${s}'`).join(', ')}]\n}\n\nNode.js v${NODE_VERSION}\n`, 1);
}

export async function node(args: string[], program: ProgramEnv, banner = ''): Promise<CommandResult> {
  const [first] = args;
  if (first === '--version' || first === '-v') return result(`v${NODE_VERSION}\n`);
  if (first === undefined) return result(banner); // no terminal to read from: end of input, exit 0
  if (first === '-e') {
    const logs = [...(args[1] ?? '').matchAll(/console\.log\(\s*(['"])(.*?)\1\s*\)/g)].map((m) => `${m[2]}\n`);
    if (logs.length > 0 && (args[1] ?? '').replace(/console\.log\(\s*(['"])(.*?)\1\s*\)/g, '').replace(/[;\s]/g, '') === '') return result(banner + logs.join(''));
    return result(banner, 'dockyard: this sandbox runs only console.log("...") with node -e; see the lesson for what it can run\n', 1);
  }
  let path = program.fs.resolvePath(program.cwd, first);
  if (!(await program.fs.exists(path)) && (await program.fs.exists(`${path}.js`))) path = `${path}.js`;
  let source: string;
  try {
    source = await program.fs.readFile(path);
  } catch {
    const failed = moduleNotFound(path, []);
    return { ...failed, stdout: banner };
  }
  if (/require\(\s*['"]express['"]\s*\)|from\s+['"]express['"]/.test(source)) {
    let dir = path.slice(0, path.lastIndexOf('/')) || '/';
    let found = false;
    for (;;) {
      if (await program.fs.exists(`${dir === '/' ? '' : dir}/node_modules/express/package.json`)) found = true;
      if (found || dir === '/') break;
      dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
    }
    if (!found) return { ...moduleNotFound('express', [path]), stdout: banner };
  }
  const scriptOnly = source.split('\n').filter((l) => l.trim() && !l.trim().startsWith('//'));
  if (scriptOnly.every((l) => /^console\.log\(\s*(['"`]).*\1\s*\);?$/.test(l.trim()))) {
    return result(banner + scriptOnly.map((l) => `${/^console\.log\(\s*(['"`])(.*)\1\s*\);?$/.exec(l.trim())![2]}\n`).join(''));
  }
  const parsed = parseNodeApp(source, program.env);
  if (!parsed.ok) return result(banner, `dockyard: ${first} is more than this sandbox can run: ${parsed.reason} (line ${parsed.line}). It runs http and Express servers whose responses are text, and console.log scripts; see the lesson.\n`, 1);
  const { app } = parsed;
  return program.serve(
    { program: app.kind === 'express' ? 'express' : 'node-http', ports: [app.port], routes: app.routes, fallback: app.fallback ?? undefined },
    { stdout: banner + app.logs.map((l) => `${l}\n`).join(''), stderr: '' },
  );
}
