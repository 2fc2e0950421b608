import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}

describe('kubectl verbs on the ready cluster', () => {
  it('rolls out a new image, waits on the clock, rolls back, and reports a rollout stuck on a missing image', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 3 });
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    expect((await run(sandbox, 'kubectl rollout status deployment/web')).out).toMatch(/deployment "web" successfully rolled out\n$/);
    expect((await run(sandbox, 'kubectl set image deployment/web nginx=httpd:2.4')).out).toBe('deployment.apps/web image updated\n');
    const status = await run(sandbox, 'kubectl rollout status deployment/web');
    expect(status.out).toContain('old replicas are pending termination...');
    expect(status.out).toMatch(/successfully rolled out\n$/);
    expect((await run(sandbox, 'kubectl get deploy web -o jsonpath="{.spec.template.spec.containers[0].image}"')).out).toBe('httpd:2.4');
    expect((await run(sandbox, 'kubectl rollout undo deployment/web')).out).toBe('deployment.apps/web rolled back\n');
    await run(sandbox, 'kubectl rollout status deployment/web');
    expect((await run(sandbox, 'kubectl get deploy web -o jsonpath="{.spec.template.spec.containers[0].image}"')).out).toBe('nginx:1.27');
    await run(sandbox, 'kubectl set image deployment/web nginx=nginx:9.9');
    const stuck = await run(sandbox, 'kubectl rollout status deployment/web');
    expect(stuck.code).toBe(1);
    expect(stuck.out).toMatch(/error: deployment "web" exceeded its progress deadline\n$/);
  });

  it('cordons, drains (DaemonSet pods need --ignore-daemonsets) and taints nodes; the scheduler honours them', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 4 });
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=4 && sleep 6');
    expect((await run(sandbox, 'kubectl drain node01')).code).toBe(1);
    expect((await run(sandbox, 'kubectl drain node01 --ignore-daemonsets')).out).toMatch(/node\/node01 drained\n$/);
    await run(sandbox, 'sleep 6');
    const placed = (await run(sandbox, 'kubectl get pods -l app=web -o jsonpath="{.items[*].spec.nodeName}"')).out.split(' ');
    expect(placed).toEqual(['node02', 'node02', 'node02', 'node02']);
    expect((await run(sandbox, 'kubectl get node node01 --no-headers')).out).toMatch(/^node01 +Ready,SchedulingDisabled /);
    await run(sandbox, 'kubectl uncordon node01 && kubectl taint nodes node02 dedicated=db:NoSchedule');
    await run(sandbox, 'kubectl scale deployment web --replicas=6 && sleep 6');
    const after = (await run(sandbox, 'kubectl get pods -l app=web -o jsonpath="{.items[*].spec.nodeName}"')).out.split(' ');
    expect(after.filter((n) => n === 'node01')).toHaveLength(2);
  });

  it('describe takes -l, and a name prefix when nothing matches exactly', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 5 });
    const names = async (line: string) => [...(await run(sandbox, line)).out.matchAll(/^Name: +(\S+)$/gm)].map((m) => m[1]);
    expect(await names('kubectl describe pods -n kube-system -l k8s-app=kube-dns')).toEqual([expect.stringMatching(/^coredns-/), expect.stringMatching(/^coredns-/)]);
    expect(await names('kubectl describe pod -n kube-system kube-proxy')).toHaveLength(3);
    expect(await names('kubectl describe pod -n kube-system etcd-controlplane')).toEqual(['etcd-controlplane']);
    expect(await run(sandbox, 'kubectl describe pods -l app=none')).toEqual({ out: 'No resources found in default namespace.\n', code: 0 });
  });

  it('takes global flags before the verb, as kubectl does', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 5 });
    const after = await run(sandbox, 'kubectl get pods -n kube-system -o name');
    expect(await run(sandbox, 'kubectl -n kube-system get pods -o name')).toEqual(after);
    expect(await run(sandbox, 'kubectl --namespace=kube-system get pods -o name')).toEqual(after);
    expect(after.out).toContain('pod/etcd-controlplane\n');
  });

  it('prints a pod\'s logs from its program, labels objects and shows the kubeconfig redacted', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 5 });
    await run(sandbox, 'kubectl run web --image=nginx:1.27 && sleep 6');
    expect((await run(sandbox, 'kubectl logs web')).out).toContain('Configuration complete; ready for start up');
    expect((await run(sandbox, 'kubectl label pod web tier=front')).out).toBe('pod/web labeled\n');
    expect((await run(sandbox, 'kubectl get pods -l tier=front -o name')).out).toBe('pod/web\n');
    expect((await run(sandbox, 'kubectl config view')).out).toContain('client-key-data: REDACTED');
  });
});

describe('waiting verbs', () => {
  it('kubectl wait takes several objects, TYPE --all and -l, and prints each as it is met', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 6 });
    expect(await run(sandbox, 'kubectl wait --for=condition=Ready node --all')).toEqual({ out: 'node/controlplane condition met\nnode/node01 condition met\nnode/node02 condition met\n', code: 0 });
    expect((await run(sandbox, 'kubectl wait --for=condition=Ready node node01 node02')).out).toBe('node/node01 condition met\nnode/node02 condition met\n');
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect((await run(sandbox, 'kubectl wait --for=condition=Ready pod -l app=web --timeout=60s')).out).toMatch(/^pod\/web-\S+ condition met\npod\/web-\S+ condition met\n$/);
    expect(await run(sandbox, 'kubectl wait --for=condition=Ready pod -l app=none')).toEqual({ out: 'error: no matching resources found\n', code: 1 });
    expect(await run(sandbox, 'kubectl wait --for=condition=Ready node')).toEqual({ out: 'error: you must specify one or more resources by argument or filename\n', code: 1 });
  });

  it('kubectl wait fast-forwards to the condition, or times out as kubectl does', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 6 });
    await run(sandbox, 'kubectl run web --image=nginx:1.27 && kubectl run bad --image=nosuch/x');
    expect((await run(sandbox, 'kubectl wait --for=condition=Ready pod/web --timeout=60s')).out).toBe('pod/web condition met\n');
    const timedOut = await run(sandbox, 'kubectl wait --for=condition=Ready pod/bad --timeout=20s');
    expect(timedOut).toEqual({ out: 'error: timed out waiting for the condition on pods/bad\n', code: 1 });
  });

  it('kubectl get -w prints the table, then a row for each change, until Ctrl-C', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 7 });
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await sandbox.console.run('kubectl get pods -w', controller.signal, (text) => {
      seen.push(text);
      if (seen.join('').split('\n').filter((l) => / 1\/1 +Running /.test(l)).length >= 2) controller.abort();
    });
    expect(result.exitCode).toBe(130);
    const lines = seen.join('').trim().split('\n');
    expect(lines[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(lines.slice(1).some((l) => /ContainerCreating/.test(l))).toBe(true);
    expect(lines.filter((l) => /^NAME/.test(l))).toHaveLength(1);
  });
});
