import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}

describe('a kubelet stopped and started again', () => {
  it('re-syncs its pods: NotReady after 40 s, then Ready again within seconds, the Deployment fully available', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=4 && sleep 6');
    const onNode01 = (await run(sandbox, 'kubectl get pods -o wide --no-headers')).out.split('\n').filter((l) => l.includes('node01'));
    expect(onNode01.length).toBeGreaterThan(0);
    await run(sandbox, 'ssh node01 systemctl stop kubelet');
    await run(sandbox, 'sleep 60');
    expect((await run(sandbox, 'kubectl get node node01 --no-headers')).out).toMatch(/^node01 +NotReady /);
    // The node lifecycle controller marked node01's pods not ready.
    expect((await run(sandbox, 'kubectl get deployment web --no-headers')).out).toMatch(new RegExp(`^web +${4 - onNode01.length}/4 `));
    // One CoreDNS replica runs on node01 (the pods' READY column still counts their containers, as kubectl's does).
    expect((await run(sandbox, 'kubectl get deployment coredns -n kube-system --no-headers')).out).toMatch(/^coredns +1\/2 /);
    await run(sandbox, 'ssh node01 systemctl start kubelet && sleep 10');
    expect((await run(sandbox, 'kubectl get node node01 --no-headers')).out).toMatch(/^node01 +Ready /);
    expect((await run(sandbox, 'kubectl get deployment web --no-headers')).out).toMatch(/^web +4\/4 +4 +4 /);
    expect((await run(sandbox, 'kubectl get deployment coredns -n kube-system --no-headers')).out).toMatch(/^coredns +2\/2 +2 +2 /);
    const ready = (await run(sandbox, 'kubectl get pods -o jsonpath="{.items[*].status.conditions[?(@.type==\'Ready\')].status}"')).out;
    expect(ready.split(' ')).toEqual(['True', 'True', 'True', 'True']);
    // The same pods, not replacements: the kubelet came back well before the 300 s eviction.
    expect((await run(sandbox, 'kubectl get pods -o wide --no-headers')).out.split('\n').filter((l) => l.includes('node01')).map((l) => l.split(/\s+/)[0])).toEqual(onNode01.map((l) => l.split(/\s+/)[0]));
  });
});
