import { describe, expect, it } from 'vitest';
import { Sandbox } from '../index';

async function shell() {
  const sandbox = await Sandbox.create({ seed: 1, elapsed: () => performance.now() });
  return sandbox.host.shell;
}

describe('ShellSession', () => {
  it('runs pipelines and shows a bash prompt for root', async () => {
    const sh = await shell();
    expect(sh.prompt()).toBe('root@lab:~# ');
    const r = await sh.run('echo hi | tr a-z A-Z');
    expect(r.stdout).toBe('HI\n');
    expect(r.exitCode).toBe(0);
  });

  it('keeps cwd, variables, aliases, functions and $? between lines', async () => {
    const sh = await shell();
    await sh.run('cd /tmp; export GREETING=hello; NAME=dock; alias say=echo; greet() { echo "$GREETING $1"; }');
    expect(sh.prompt()).toBe('root@lab:/tmp# ');
    expect((await sh.run('pwd')).stdout).toBe('/tmp\n');
    expect((await sh.run('echo $GREETING $NAME')).stdout).toBe('hello dock\n');
    expect((await sh.run('say aliased')).stdout).toBe('aliased\n');
    expect((await sh.run('greet world')).stdout).toBe('hello world\n');
    await sh.run('false');
    expect((await sh.run('echo $?')).stdout).toBe('1\n');
    await sh.run('unset -f greet');
    expect((await sh.run('greet x')).exitCode).toBe(127);
  });

  it('reports unknown commands as bash does, with status 127', async () => {
    const sh = await shell();
    const r = await sh.run('foo');
    expect(r.stderr).toBe('bash: foo: command not found\n');
    expect(r.exitCode).toBe(127);
    expect((await sh.run('echo $?')).stdout).toBe('127\n');
  });

  it('writes files with heredocs and redirects', async () => {
    const sh = await shell();
    await sh.run("cat > Dockerfile <<'EOF'\nFROM alpine\n  CMD [\"echo\", \"$HOME\"]\nEOF");
    expect((await sh.run('cat Dockerfile')).stdout).toBe('FROM alpine\n  CMD ["echo", "$HOME"]\n');
    expect((await sh.run('echo $(echo sub) > /tmp/x && cat /tmp/x || echo no')).stdout).toBe('sub\n');
  });

  it('numbers history like bash', async () => {
    const sh = await shell();
    await sh.run('echo one');
    await sh.run('ls /');
    expect((await sh.run('history')).stdout).toBe('    1  echo one\n    2  ls /\n    3  history\n');
  });

  it('looks like an Ubuntu host', async () => {
    const sh = await shell();
    expect((await sh.run('grep PRETTY /etc/os-release')).stdout).toBe('PRETTY_NAME="Ubuntu 24.04.1 LTS"\n');
    expect((await sh.run('whoami; hostname')).stdout).toBe('root\nlab\n');
    expect((await sh.run('cat welcome.txt | head -1')).stdout).toBe('Welcome aboard Dockyard.\n');
    expect((await sh.run('echo gone > /dev/null; [ -d /home ] && [ -d /tmp ] && echo ok')).stdout).toBe('ok\n');
  });

  it('stops a busy loop when interrupted', async () => {
    const sh = await shell();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const r = await sh.run('while true; do :; done', controller.signal);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.interrupted).toBe(true);
    expect(r.exitCode).toBe(130);
    expect((await sh.run('echo $?')).stdout).toBe('130\n');
    expect((await sh.run('echo still here')).stdout).toBe('still here\n');
  });

  it('keeps only the tail of a flood of output', async () => {
    const sh = await shell();
    const r = await sh.run('seq 1 1000000');
    expect(r.stdout.endsWith('999999\n1000000\n')).toBe(true);
    expect(r.stdout.split('\n').length).toBeLessThanOrEqual(5001);
    expect(r.droppedLines).toBe(995000);
  });

  it('asks for more input while a command is unfinished', async () => {
    const sh = await shell();
    for (const text of ["echo 'abc", 'cat <<EOF\nline', 'for i in 1 2', 'if true; then', 'echo a |', 'echo a \\', 'ls &&'])
      expect(sh.isIncomplete(text), text).toBe(true);
    for (const text of ['echo hi', 'cat <<EOF\nline\nEOF', 'echo (', 'for i in 1 2; do echo $i; done', 'echo a \\\\'])
      expect(sh.isIncomplete(text), text).toBe(false);
  });

  it('completes commands and paths', async () => {
    const sh = await shell();
    expect(await sh.complete('hostn', 5)).toEqual({ start: 0, replacement: 'hostname ', candidates: [] });
    expect(await sh.complete('cat /etc/os-', 12)).toEqual({ start: 4, replacement: '/etc/os-release ', candidates: [] });
    expect(await sh.complete('cd /t', 5)).toEqual({ start: 3, replacement: '/tmp/', candidates: [] });
    const hosts = await sh.complete('cat /etc/ho', 11);
    expect(hosts.replacement).toBe('/etc/host');
    expect(hosts.candidates).toEqual(['hostname', 'hosts']);
    expect((await sh.complete('echo hi | g', 11)).candidates).toEqual(expect.arrayContaining(['grep', 'gzip']));
  });

  it('round-trips through a snapshot', async () => {
    const sandbox = await Sandbox.create({ seed: 7 });
    await sandbox.host.shell.run('cd /tmp && echo kept > note.txt && export MARK=1');
    const saved = JSON.parse(JSON.stringify(await sandbox.snapshot()));
    const restored = await Sandbox.restore(saved);
    const sh = restored.host.shell;
    expect(sh.prompt()).toBe('root@lab:/tmp# ');
    expect((await sh.run('cat note.txt; echo $MARK')).stdout).toBe('kept\n1\n');
    expect(sh.getHistory()).toEqual(['cd /tmp && echo kept > note.txt && export MARK=1', 'cat note.txt; echo $MARK']);
  });
});
