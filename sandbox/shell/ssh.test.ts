import { describe, expect, it } from 'vitest';
import { Sandbox } from '../index';
import { CLUSTER_HOSTS } from '../scenarios';
import { worldOf } from '../exercises/world';

async function run(sandbox: Sandbox, line: string): Promise<string> {
  const result = await sandbox.console.run(line);
  return result.stdout + result.stderr;
}

describe('ssh between the lab hosts', () => {
  it('logs in to another host until exit, with that host prompt, processes and files', async () => {
    const sandbox = await Sandbox.create({ seed: 1, hosts: CLUSTER_HOSTS });
    expect(await run(sandbox, 'ssh node01')).toContain('Welcome to Ubuntu 24.04.1 LTS');
    expect(sandbox.console.prompt()).toBe('root@node01:~# ');
    expect(worldOf(sandbox).hostname()).toBe('node01');
    expect(await run(sandbox, 'hostname; touch /tmp/mark')).toBe('node01\n');
    // The login shell and its sshd session are processes of node01, not of controlplane.
    expect(await run(sandbox, 'ps -o args= -p $PPID')).toBe('sshd: root@pts/1\n');
    expect(await run(sandbox, 'exit')).toBe('logout\nConnection to node01 closed.\n');
    expect(sandbox.console.prompt()).toBe('root@controlplane:~# ');
    expect(await run(sandbox, 'ls /tmp/mark 2>&1; ssh node01 ls /tmp/mark')).toBe('ls: cannot access \'/tmp/mark\': No such file or directory\n/tmp/mark\n');
    expect(sandbox.hostNamed('node01')!.kernel.list().filter((p) => p.argv[0] === 'sshd: root@pts/1')).toEqual([]);
  });

  it('says what real ssh says for an unknown host, with status 255', async () => {
    const sandbox = await Sandbox.create({ seed: 1, hosts: CLUSTER_HOSTS });
    const result = await sandbox.console.run('ssh node09');
    expect(result.stderr).toBe('ssh: Could not resolve hostname node09: Name or service not known\n');
    expect(result.exitCode).toBe(255);
  });

  it('an open ssh session survives a snapshot and restore, and still leaves cleanly', async () => {
    const before = await Sandbox.create({ seed: 2, hosts: CLUSTER_HOSTS });
    await run(before, 'ssh node02');
    await run(before, 'cd /tmp && export WHERE=far');
    const after = await Sandbox.restore(JSON.parse(JSON.stringify(await before.snapshot())));
    expect(after.console.prompt()).toBe('root@node02:/tmp# ');
    expect(await run(after, 'hostname; echo $WHERE')).toBe('node02\nfar\n');
    expect(await run(after, 'exit')).toBe('logout\nConnection to node02 closed.\n');
    expect(after.console.prompt()).toBe('root@controlplane:~# ');
  });

  it('passes its stdin to the remote command, as ssh does', async () => {
    const sandbox = await Sandbox.create({ seed: 3, hosts: CLUSTER_HOSTS });
    expect(await run(sandbox, 'echo hello > f; cat f | ssh node01 "cat > f"; ssh node01 cat f')).toBe('hello\n');
    expect(await run(sandbox, 'printf "a\\nb\\n" > two; ssh node02 wc -l < two')).toBe('2\n');
    expect(await run(sandbox, 'ssh node02 "cat; echo end" < /dev/null')).toBe('end\n');
  });
});
