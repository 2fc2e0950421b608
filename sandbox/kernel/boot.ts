/**
 * What a freshly booted Ubuntu server runs before anyone logs in: systemd and its services in
 * their systemd cgroups, a few kernel threads, and the sshd session the student's bash belongs to.
 * Later parts of the sandbox add containerd's and dockerd's children, kubelet and the rest.
 */
import type { Controller } from './cgroups';
import type { ServiceManager } from './services';
import { UNITS } from './unit-catalogue';
import type { Kernel } from './kernel';
import { SIGNALS } from './process';

const KERNEL_THREADS = ['kthreadd', 'pool_workqueue_release', 'kworker/R-rcu_g', 'kworker/R-rcu_p', 'ksoftirqd/0', 'rcu_preempt', 'migration/0', 'kworker/0:1-events', 'ksoftirqd/1', 'migration/1', 'kcompactd0', 'khugepaged', 'kswapd0', 'kworker/u4:2-events_unbound'];

export interface BootedHost {
  /** pid of the student's login shell. */
  shellPid: number;
  /** pid of sshd's per-connection process, the shell's parent. */
  sshdSessionPid: number;
}

export function bootHost(kernel: Kernel, services: ServiceManager): BootedHost {
  const slices: [string, Controller[]][] = [
    ['/init.scope', []],
    ['/system.slice', ['cpu', 'io', 'memory', 'pids']],
    ['/user.slice', ['memory', 'pids']],
    ['/user.slice/user-0.slice', ['memory', 'pids']],
    ['/user.slice/user-0.slice/session-1.scope', []],
  ];
  for (const [path] of slices) kernel.makeCgroup(path);
  for (const [path, controllers] of slices) {
    if (controllers.length > 0) kernel.cgroups.setSubtreeControl(path, controllers.map((c) => `+${c}`).join(' '), false);
  }

  kernel.spawn({ parent: 0, argv: ['/sbin/init'], comm: 'systemd', cgroup: '/init.scope', sessionLeader: true, rssKiB: 12_672, vszKiB: 22_316, survives: [SIGNALS.TERM, SIGNALS.INT, SIGNALS.HUP] });
  const kthreadd = kernel.spawn({ parent: 0, argv: ['[kthreadd]'], comm: 'kthreadd', kernelThread: true, state: 'S' });
  for (const name of KERNEL_THREADS.slice(1)) {
    kernel.spawn({ parent: kthreadd.pid, argv: [`[${name}]`], comm: name, kernelThread: true, state: name.startsWith('kworker/R') ? 'I' : 'S' });
  }
  // A real boot spends the first few hundred pids on kernel threads and early userspace.
  kernel.skipPidsTo(340);
  for (const unit of UNITS) services.start(unit.name);
  const sshd = services.state('ssh')!.mainPid!;
  kernel.skipPidsTo(1210);
  const login = kernel.spawn({ parent: sshd, argv: ['sshd: root@pts/0'], comm: 'sshd', cgroup: '/user.slice/user-0.slice/session-1.scope', rssKiB: 10_880, vszKiB: 17_280, sessionLeader: true });
  const shell = kernel.spawn({ parent: login.pid, argv: ['-bash'], comm: 'bash', tty: 'pts/0', rssKiB: 5_376, vszKiB: 8_784, sessionLeader: true, survives: [SIGNALS.TERM, SIGNALS.INT, SIGNALS.QUIT] });
  return { shellPid: shell.pid, sshdSessionPid: login.pid };
}
