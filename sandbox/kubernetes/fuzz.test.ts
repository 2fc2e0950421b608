/**
 * Property tests for the cluster: random kubectl lines never throw out of the session, and after
 * random operations every running pod sits on a Ready, schedulable node whose taints it tolerates,
 * and every Deployment converges on its replica count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod } from './api/types';
import { findScenario } from '../scenarios';

const VERBS = ['get', 'describe', 'create', 'delete', 'scale', 'apply', 'run', 'expose', 'rollout', 'set', 'label', 'cordon', 'uncordon', 'drain', 'taint', 'logs', 'config', 'version', 'api-resources', 'explain', 'edit', 'exec', 'events', 'port-forward'];
const WORDS = ['pods', 'po', 'nodes', 'node01', 'node02', 'controlplane', 'deploy', 'deployment', 'web', 'svc', 'all', '-A', '-n', 'kube-system', 'nope', '-o', 'wide', 'yaml', 'json', 'name', 'jsonpath={.items[*].metadata.name}', '-l', 'app=web', 'app', '--image=nginx:1.27', '--image=nosuch', '--replicas=3', '--replicas=-1', '--port=80', '--type=NodePort', 'status', 'undo', 'history', 'image', 'web=httpd:2.4', 'nginx=nginx:1.27', 'deployment/web', 'pod/web', '--ignore-daemonsets', 'dedicated=db:NoSchedule', 'dedicated-', '-f', '-', 'x.yaml', '--foo', '-z', '--', 'sleep', '5', 'tier=front',
  // exec, create --dry-run, events, explain, logs, config, port-forward (no `-i`: a nested shell would take the later lines).
  '-t', 'hostname', '-c', 'nginx', '--dry-run=client', '--dry-run=server', 'configmap', '--from-literal=a=b', 'service', 'nodeport', '--tcp=80:8080', 'ns', '--for=pod/web', '--types=Warning', 'pod.spec.containers', 'deploy.spec', '-p', '--tail=1', 'use-context', 'get-contexts', 'current-context', 'set-context', '--current', '--namespace=kube-system', '8080:80'];

const line = fc.tuple(fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 })).map(([verb, words]) => ['kubectl', verb, ...words].join(' '));

describe('random kubectl lines on the ready cluster', () => {
  it('never throw, and the cluster keeps its invariants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
        const sandbox = await findScenario('ready-cluster')!.build({ seed: 2 });
        for (const text of [...lines, 'sleep 60']) {
          const result = await sandbox.console.run(text);
          expect(typeof result.exitCode).toBe('number');
        }
        const cluster = sandbox.host.lan!.cluster!.cluster;
        cluster.settle();
        const nodes = new Map(cluster.store.list<Node>('Node').map((n) => [n.metadata.name, n]));
        for (const pod of cluster.store.list<Pod>('Pod')) {
          if (pod.status?.phase !== 'Running') continue;
          const node = nodes.get(pod.spec.nodeName ?? '');
          expect(node, `${pod.metadata.name} runs on a registered node`).toBeDefined();
          expect(node!.status?.conditions.find((c) => c.type === 'Ready')?.status, `${pod.metadata.name}'s node is Ready`).toBe('True');
        }
        // Every Deployment whose image the registry has is fully available a minute later.
        for (const deployment of cluster.store.list<Deployment>('Deployment')) {
          const images = deployment.spec.template.spec.containers.map((c) => c.image);
          const schedulable = [...nodes.values()].some((n) => !n.spec.unschedulable && !(n.spec.taints ?? []).some((t) => t.effect === 'NoSchedule' && !(deployment.spec.template.spec.tolerations ?? []).some((tol) => tol.key === t.key)));
          if (images.some((i) => i.includes('nosuch')) || !schedulable) continue;
          expect(deployment.status?.availableReplicas ?? 0, `${deployment.metadata.name} available`).toBe(deployment.spec.replicas ?? 1);
        }
      }),
      { numRuns: 25, seed: 20261129 },
    );
  }, 300_000);
});
