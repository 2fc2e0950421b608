/**
 * The Kubernetes model's costs: building the ready-cluster scenario (kubeadm's objects, ten
 * minutes caught up), a cluster built by hand (kubeadm init, flannel, two joins, every node Ready,
 * as the student types it, waits fast-forwarded), `kubectl get pods -A` on 200 nodes and 5,000 pods, reconciling a scale-up to
 * 1,000 replicas, and the heap that cluster takes.
 */
import { createManualClock } from '../../sandbox/core/clock';
import { createRandom } from '../../sandbox/core/random';
import { Cluster } from '../../sandbox/kubernetes/cluster';
import { parseKubectlArgs } from '../../sandbox/kubernetes/kubectl/args';
import { get } from '../../sandbox/kubernetes/kubectl/verbs/get';
import { flannel, systemNamespaces } from '../../sandbox/kubernetes/kubeadm/cluster-objects';
import type { Deployment } from '../../sandbox/kubernetes/api/types';
import { findScenario } from '../../sandbox/scenarios';
import { median, ms, printFigures } from './stats';

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function deployment(name: string, replicas: number): Deployment {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.27' }] } } } };
}

/** A cluster of `nodes` workers with flannel up, straight on the model (no hosts). */
function bigCluster(nodes: number): { cluster: Cluster; clock: ReturnType<typeof createManualClock> } {
  const clock = createManualClock();
  const cluster = new Cluster(clock, createRandom(7));
  for (const namespace of systemNamespaces()) cluster.store.create(namespace);
  for (const object of flannel()) cluster.store.create(object);
  for (let i = 0; i < nodes; i++) cluster.addNode({ hostname: `node${String(i).padStart(3, '0')}`, address: `10.1.${i >> 8}.${i & 255}`, podCIDR: `10.${100 + (i >> 8)}.${i & 255}.0/24`, controlPlane: false });
  cluster.settle();
  clock.tick(10_000);
  cluster.settle();
  return { cluster, clock };
}

/** The install lesson's path, typed into the three fresh hosts: the waits fast-forward on the clock. */
const BY_HAND = [
  'swapoff -a && ssh node01 swapoff -a && ssh node02 swapoff -a',
  'kubeadm init --pod-network-cidr=10.244.0.0/16',
  'mkdir -p ~/.kube && cp -i /etc/kubernetes/admin.conf ~/.kube/config',
  'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml',
  'ssh node01 "$(kubeadm token create --print-join-command)"',
  'ssh node02 "$(kubeadm token create --print-join-command)"',
  'kubectl wait --for=condition=Ready node --all --timeout=300s',
];

export async function benchKubernetes(): Promise<Record<string, number>> {
  const byHand: number[] = [];
  for (let i = 0; i < 5; i++) {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 1 + i });
    const t0 = performance.now();
    for (const line of BY_HAND) {
      const result = await sandbox.console.run(line);
      if (result.exitCode !== 0) throw new Error(`${line}: ${result.stderr}`);
    }
    byHand.push(performance.now() - t0);
  }
  const initAndJoins = median(byHand);

  const builds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await findScenario('ready-cluster')!.build({ seed: 1 + i });
    builds.push(performance.now() - t0);
  }
  const buildReady = median(builds);

  const before = heapMiB();
  const { cluster, clock } = bigCluster(12);
  cluster.store.create(deployment('web', 1));
  cluster.settle();
  const scaled = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
  scaled.spec.replicas = 1000;
  cluster.store.update(scaled);
  const t0 = performance.now();
  cluster.settle();
  clock.tick(6_000);
  cluster.settle();
  const scaleUp = performance.now() - t0;
  const heap1000 = heapMiB() - before;

  const large = bigCluster(200);
  large.cluster.store.create(deployment('api', 4800));
  large.cluster.settle();
  large.clock.tick(6_000);
  large.cluster.settle();
  const podCount = large.cluster.store.list('Pod').length;
  const args = parseKubectlArgs(['pods', '-A']);
  if ('error' in args) throw new Error(args.error);
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    get(large.cluster.store, args, 'default', large.clock.now());
    samples.push(performance.now() - t);
  }
  printFigures('Kubernetes (Node, medians)', [
    { name: 'ready-cluster scenario built (3 hosts, kubeadm objects, 10 min caught up)', value: ms(buildReady) },
    { name: 'init + flannel + two joins by hand, all Ready (7 commands, waits fast-forwarded)', value: ms(initAndJoins) },
    { name: 'scale a Deployment 1 → 1,000 replicas on 12 nodes, reconciled and running', value: ms(scaleUp) },
    { name: 'heap of that cluster (12 nodes, 1,000 pods)', value: `${heap1000.toFixed(1)} MiB` },
    { name: `kubectl get pods -A with 200 nodes and ${podCount.toLocaleString('en')} pods`, value: ms(median(samples)) },
  ]);
  return { readyClusterMs: buildReady, initAndJoinsMs: initAndJoins, scaleTo1000Ms: scaleUp, heap1000PodsMiB: heap1000, getPods5000Ms: median(samples), pods: podCount };
}
