/**
 * Property tests: whatever a student types — real commands with random flags, or noise — the
 * session answers with a status, never an exception, and the kernel model stays consistent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../index';

const COMMANDS = ['ps', 'kill', 'unshare', 'nsenter', 'mount', 'umount', 'ls', 'ip', 'lsns', 'stress', 'systemctl', 'journalctl', 'hostname', 'uname', 'free', 'df', 'top', 'cat', 'echo', 'mkdir', 'rmdir', 'id', 'pgrep', 'pidof', 'chroot', 'exit', 'cd', 'docker', 'docker run', 'docker ps', 'docker rm', 'docker exec', 'docker images', 'docker inspect', 'docker stop', 'docker logs', 'docker diff', 'docker history', 'docker pull'];
const WORDS = ['-', '--', '-a', '-l', '-9', '-15', '--foo', '-t', '1', '$$', '0', '99999', 'aux', '-ef', '--forest', '-o', 'pid,comm', '--pid', '--fork', '--mount-proc', '-u', '-n', 'bash', 'sh', '/proc/1', '/proc/self/ns', '/sys/fs/cgroup', '/sys/fs/cgroup/x', '/sys/fs/cgroup/x/memory.max', 'status', 'stop', 'start', 'ssh', 'containerd', 'addr', 'link', 'set', 'lo', 'up', 'netns', 'add', 'exec', 'blue', '--vm', '--vm-bytes', '100M', '--timeout', '1', 'overlay', '-o', 'lowerdir=/tmp', '/mnt', '>', '>>', '|', ';', '&&', 'max', '50M', '"', "'", 'x y', 'hello-world', 'alpine', 'nginx', 'busybox', '-d', '-it', '--rm', '--name', 'web', '-p', '8080:80', '--memory', '64m', '-q', '-a', 'echo', 'hi', 'nosuch:tag', '{{.State.Pid}}'];

const line = fc.oneof(
  fc.tuple(fc.constantFrom(...COMMANDS), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 })).map(([c, a]) => [c, ...a].join(' ')),
  fc.string({ maxLength: 40 }),
);

function consistent(sandbox: Sandbox): void {
  const kernel = sandbox.host.kernel;
  const live = new Set(kernel.list().map((p) => p.pid));
  for (const p of kernel.list()) {
    expect(p.ppid === 0 || live.has(p.ppid), `parent of ${p.pid} (${p.argv.join(' ')}) is alive`).toBe(true);
    expect(kernel.cgroups.get(p.cgroup), `cgroup of ${p.pid}`).toBeDefined();
  }
  expect(live.has(sandbox.console.top.pid)).toBe(true);
}

describe('random command lines', () => {
  it('never throw out of the session and keep the model consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
        const sandbox = await Sandbox.create({ seed: 3 });
        for (const text of lines) {
          if (sandbox.console.isIncomplete(text)) continue;
          const result = await sandbox.console.run(text);
          expect(typeof result.exitCode).toBe('number');
          expect(typeof result.stdout).toBe('string');
        }
        consistent(sandbox);
      }),
      { numRuns: 60, seed: 20261129 },
    );
  }, 120_000);
});
