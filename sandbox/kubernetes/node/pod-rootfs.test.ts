import { it, expect } from 'vitest';
import { findScenario } from '../../scenarios';
import { podRootfs } from './pod-rootfs';
import type { Pod } from '../api/types';
it('gives a pod container its image\'s files, writable, and what it writes is what the pod serves', async () => {
  const sb = await findScenario('ready-cluster')!.build({ seed: 1 });
  await sb.console.run('kubectl run web --image=nginx:1.27');
  await sb.console.run('sleep 10');
  const cluster = sb.host.lan!.cluster!.cluster;
  cluster.settle();
  const pod = cluster.store.get<Pod>('Pod', 'default', 'web')!;
  const host = sb.hostNamed(pod.spec.nodeName!)!;
  const fs = podRootfs(host, pod, 'web')!;
  expect(await fs.readFile('/usr/share/nginx/html/index.html')).toContain('Welcome to nginx');
  await fs.writeFile('/usr/share/nginx/html/index.html', 'changed\n');
  const r = await sb.console.run(`curl -sS ${pod.status!.podIP}`); expect(r.stdout + r.stderr).toBe('changed\n');
  expect(await podRootfs(host, pod, 'web')!.readFile('/usr/share/nginx/html/index.html')).toBe('changed\n');
  expect((await fs.readdir('/')).length).toBeGreaterThan(5);
});
