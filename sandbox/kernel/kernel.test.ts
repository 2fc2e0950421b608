import { describe, expect, it } from 'vitest';
import { createManualClock } from '../core/clock';
import { KernelError } from '../core/errors';
import { bootHost } from './boot';
import { ServiceManager } from './services';
import { Kernel } from './kernel';
import { INITIAL_NAMESPACE_INODES } from './namespaces';
import { SIGNALS } from './process';

function booted() {
  const kernel = new Kernel(createManualClock(), 'lab');
  const host = bootHost(kernel, new ServiceManager(kernel, 'lab'));
  return { kernel, ...host };
}

describe('Kernel', () => {
  it('boots a process tree under systemd with the login shell in its session scope', () => {
    const { kernel, shellPid } = booted();
    const init = kernel.get(1)!;
    expect(init.comm).toBe('systemd');
    expect(init.cgroup).toBe('/init.scope');
    const shell = kernel.get(shellPid)!;
    expect(shell.comm).toBe('bash');
    expect(shell.cgroup).toBe('/user.slice/user-0.slice/session-1.scope');
    expect(kernel.get(shell.ppid)!.argv[0]).toBe('sshd: root@pts/0');
    expect(kernel.list().find((p) => p.comm === 'containerd')!.cgroup).toBe('/system.slice/containerd.service');
    expect(shell.ns).toEqual(INITIAL_NAMESPACE_INODES);
  });

  it('gives a process in a new pid namespace a pid at every level', () => {
    const { kernel, shellPid } = booted();
    const unshare = kernel.spawn({ parent: shellPid, argv: ['unshare', '--pid', '--fork', 'bash'] });
    kernel.unshare(unshare.pid, ['pid', 'uts', 'mnt']);
    const inner = kernel.spawn({ parent: unshare.pid, argv: ['bash'] });
    expect(inner.nspid).toEqual([inner.pid, 1]);
    expect(inner.ns.pid).not.toBe(INITIAL_NAMESPACE_INODES.pid);
    expect(inner.ns.pid).toBeGreaterThanOrEqual(4026532160);
    const child = kernel.spawn({ parent: inner.pid, argv: ['ps', 'aux'] });
    expect(child.nspid[1]).toBe(2);
    expect(kernel.pidIn(child, inner.ns.pid)).toBe(2);
    expect(kernel.pidIn(kernel.get(1)!, inner.ns.pid)).toBeUndefined();
    // The caller of unshare stays in its namespace; only its children move.
    expect(kernel.get(unshare.pid)!.ns.pid).toBe(INITIAL_NAMESPACE_INODES.pid);
  });

  it('changes the hostname only in the caller\'s UTS namespace', () => {
    const { kernel, shellPid } = booted();
    const p = kernel.spawn({ parent: shellPid, argv: ['unshare', '--uts', 'bash'] });
    kernel.unshare(p.pid, ['uts']);
    kernel.setHostname(p.pid, 'demo');
    expect(kernel.uts(kernel.get(p.pid)!).hostname).toBe('demo');
    expect(kernel.uts(kernel.get(shellPid)!).hostname).toBe('lab');
  });

  it('kills with SIGTERM unless the process survives it, and SIGKILL always', () => {
    const { kernel, shellPid } = booted();
    const sleeper = kernel.spawn({ parent: shellPid, argv: ['sleep', '1000'] });
    expect(kernel.kill(sleeper.pid, SIGNALS.TERM).died).toBe(true);
    expect(kernel.get(sleeper.pid)).toBeUndefined();
    expect(kernel.kill(shellPid, SIGNALS.TERM).died).toBe(false);
    expect(kernel.kill(shellPid, SIGNALS.KILL).died).toBe(true);
    expect(() => kernel.kill(99999, SIGNALS.TERM)).toThrow(KernelError);
  });

  it('kills the rest of a pid namespace when its init dies', () => {
    const { kernel, shellPid } = booted();
    const unshare = kernel.spawn({ parent: shellPid, argv: ['unshare'] });
    kernel.unshare(unshare.pid, ['pid']);
    const init = kernel.spawn({ parent: unshare.pid, argv: ['sh'] });
    const worker = kernel.spawn({ parent: init.pid, argv: ['sleep', '60'] });
    kernel.kill(init.pid, SIGNALS.KILL);
    expect(kernel.get(worker.pid)).toBeUndefined();
  });

  it('moves processes between cgroups and enforces the no-internal-process rule', () => {
    const { kernel, shellPid } = booted();
    kernel.makeCgroup('/demo');
    kernel.moveToCgroup(shellPid, '/demo');
    expect(kernel.members('/demo').map((p) => p.pid)).toEqual([shellPid]);
    const child = kernel.spawn({ parent: shellPid, argv: ['stress'] });
    expect(child.cgroup).toBe('/demo');
    expect(() => kernel.cgroups.setSubtreeControl('/demo', '+memory', true)).toThrow(/EBUSY/);
    expect(() => kernel.removeCgroup('/demo')).toThrow(/EBUSY/);
    expect(() => kernel.makeCgroup('/demo')).toThrow(/EEXIST/);
  });

  it('refuses to fork past pids.max', () => {
    const { kernel, shellPid } = booted();
    kernel.makeCgroup('/capped');
    kernel.cgroups.require('/capped').pidsMax = 2;
    kernel.moveToCgroup(shellPid, '/capped');
    kernel.spawn({ parent: shellPid, argv: ['sleep', '1'] });
    expect(() => kernel.spawn({ parent: shellPid, argv: ['sleep', '2'] })).toThrow(/EAGAIN/);
    expect(kernel.cgroups.require('/capped').pidsEventsMax).toBe(1);
  });

  it('round-trips through a snapshot', () => {
    const { kernel, shellPid } = booted();
    kernel.makeCgroup('/demo');
    kernel.moveToCgroup(shellPid, '/demo');
    const copy = new Kernel(createManualClock(), 'ignored', JSON.parse(JSON.stringify(kernel.snapshot())));
    expect(copy.list()).toEqual(kernel.list());
    expect(copy.members('/demo').map((p) => p.pid)).toEqual([shellPid]);
    expect(copy.spawn({ parent: shellPid, argv: ['x'] }).pid).toBe(kernel.spawn({ parent: shellPid, argv: ['x'] }).pid);
  });
});
