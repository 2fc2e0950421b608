/**
 * Lesson 8's exercises: build a three-node cluster with kubeadm, one step at a time. Each check
 * reads the hosts' files and the cluster's API store (after letting the cluster catch up with the
 * clock), never what was typed.
 */
import type { ConfigMap, DaemonSet, Node } from '@/sandbox/kubernetes/api/types';
import type { Cluster } from '@/sandbox/kubernetes/cluster';
import { isReadyNode, liveCluster } from '@/sandbox/exercises/cluster';
import type { World } from '@/sandbox/exercises/world';
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';
import { fstabSwaps } from '@/sandbox/kernel/swap';

const MANIFESTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const WORKERS = ['node01', 'node02'];


/** The pod network given to `kubeadm init` (ClusterConfiguration.networking.podSubnet), if any. */
function podSubnet(cluster: Cluster): string | undefined {
  const config = cluster.store.get<ConfigMap>('ConfigMap', 'kube-system', 'kubeadm-config');
  return /^\s*podSubnet:\s*"?([^"\s]+)"?/m.exec(config?.data?.ClusterConfiguration ?? '')?.[1];
}

function isReady(cluster: Cluster, name: string): boolean {
  return isReadyNode(cluster.store.get<Node>('Node', undefined, name));
}

function hasNode(cluster: Cluster, name: string): boolean {
  return cluster.store.get<Node>('Node', undefined, name) !== undefined;
}

function flannel(cluster: Cluster): DaemonSet | undefined {
  return cluster.store.get<DaemonSet>('DaemonSet', 'kube-flannel', 'kube-flannel-ds');
}

/** A file on another host of the world, or null. */
async function readOn(world: World, hostname: string, path: string): Promise<string | null> {
  try {
    return (await world.sandbox.hostNamed(hostname)?.rootView().readFile(path)) ?? null;
  } catch {
    return null;
  }
}

const HOSTS = ['controlplane', ...WORKERS];

/** Whether a host has swap on now, and whether its /etc/fstab would turn it on at boot. */
async function swapState(world: World, hostname: string): Promise<{ on: boolean; atBoot: boolean }> {
  const host = world.sandbox.hostNamed(hostname);
  const fstab = (await readOn(world, hostname, '/etc/fstab')) ?? '';
  return { on: (host?.kernel.swaps.length ?? 0) > 0, atBoot: fstabSwaps(fstab).length > 0 };
}

const exercises: LessonExercises = {
  scenario: 'three-fresh-hosts',
  ordered: true,
  exercises: [
    {
      id: 'swap-off',
      title: { en: 'Turn swap off on controlplane, node01 and node02, now and after a reboot' },
      hints: [
        { text: { en: '`swapon --show` lists the swap in use. `swapoff -a` turns it all off until the next boot; /etc/fstab says what comes back at boot.' } },
        {
          text: { en: 'Swap is off for now, but /etc/fstab still lists /swap.img, so it would come back at the next boot. Comment that line out: `sed -i \'/\\sswap\\s/ s/^/#/\' /etc/fstab`.' },
          when: async (world) => {
            for (const name of HOSTS) {
              const state = await swapState(world, name);
              if (!state.on && state.atBoot) return true;
            }
            return false;
          },
        },
        { text: { en: 'Do it on each host: on controlplane run `swapoff -a` and `sed -i \'/\\sswap\\s/ s/^/#/\' /etc/fstab`; for the workers, `ssh node01 "swapoff -a && sed -i \'/\\sswap\\s/ s/^/#/\' /etc/fstab"`, and the same for node02.' } },
      ],
      async check(world) {
        for (const name of HOSTS) {
          const state = await swapState(world, name);
          if (state.on) return missing({ en: `Swap is still on on ${name}.` });
          if (state.atBoot) return missing({ en: `Swap is off on ${name}, but its /etc/fstab still turns it on at boot.` });
        }
        return pass();
      },
      solution: {
        commands: [
          'swapoff -a',
          "sed -i '/\\sswap\\s/ s/^/#/' /etc/fstab",
          `ssh node01 "swapoff -a && sed -i '/\\sswap\\s/ s/^/#/' /etc/fstab"`,
          `ssh node02 "swapoff -a && sed -i '/\\sswap\\s/ s/^/#/' /etc/fstab"`,
          'swapon --show',
        ],
      },
    },
    {
      id: 'init-control-plane',
      title: { en: 'Initialise the control plane on controlplane with kubeadm, with the pod network 10.244.0.0/16 that flannel expects' },
      hints: [
        { text: { en: '`kubeadm init` turns the host you run it on into a control plane. A flag tells it which range of addresses pods will get.' } },
        {
          text: {
            en: 'The cluster exists, but it was initialised without `--pod-network-cidr`, so flannel has no range to hand out on a real cluster. Undo it with `kubeadm reset -f`, then run `kubeadm init --pod-network-cidr=10.244.0.0/16`.',
          },
          when: (world) => {
            const cluster = liveCluster(world);
            return cluster !== undefined && podSubnet(cluster) === undefined;
          },
        },
        {
          text: { en: 'The cluster was given another pod network. Flannel’s manifest uses 10.244.0.0/16: reset with `kubeadm reset -f` and run init again with `--pod-network-cidr=10.244.0.0/16`.' },
          when: (world) => {
            const cluster = liveCluster(world);
            const subnet = cluster && podSubnet(cluster);
            return subnet !== undefined && subnet !== '10.244.0.0/16';
          },
        },
        {
          text: { en: 'You are on another host. `kubeadm init` belongs on controlplane: type `exit` to go back.' },
          when: (world) => world.hostname() !== 'controlplane' && world.sandbox.host.lan?.cluster === undefined,
        },
        { text: { en: 'The flag is `--pod-network-cidr`. Run `kubeadm init --pod-network-cidr=10.244.0.0/16` on controlplane.' } },
      ],
      async check(world) {
        const cluster = liveCluster(world);
        if (!cluster) return missing({ en: 'There is no cluster yet: `kubeadm init` has not completed on controlplane.' });
        for (const name of MANIFESTS) {
          if ((await world.readFile(`/etc/kubernetes/manifests/${name}.yaml`)) === null) return missing({ en: `/etc/kubernetes/manifests/${name}.yaml is missing on controlplane.` });
        }
        const subnet = podSubnet(cluster);
        if (subnet === undefined) return missing({ en: 'The cluster was initialised without a pod network (`--pod-network-cidr`).' });
        if (subnet !== '10.244.0.0/16') return missing({ en: `The cluster’s pod network is ${subnet}, not 10.244.0.0/16.` });
        return pass();
      },
      solution: { commands: ['kubeadm init --pod-network-cidr=10.244.0.0/16'] },
    },
    {
      id: 'configure-kubectl',
      title: { en: 'Give kubectl on controlplane a kubeconfig that lasts: a copy of admin.conf at ~/.kube/config' },
      hints: [
        { text: { en: 'kubectl reads `~/.kube/config` unless told otherwise. kubeadm wrote the administrator’s kubeconfig to `/etc/kubernetes/admin.conf`.' } },
        {
          text: { en: '`~/.kube` is a file, not a directory: a `cp` ran before `mkdir`. Remove it with `rm ~/.kube`, then `mkdir -p ~/.kube` and copy again.' },
          when: async (world) => (await world.readFile('/root/.kube')) !== null,
        },
        {
          text: { en: '`export KUBECONFIG=…` works, but only in this shell: a new terminal or an ssh session back to controlplane forgets it. Copy the file to `~/.kube/config` as well.' },
          when: async (world) => world.variable('KUBECONFIG') !== undefined && (await world.readFile('/root/.kube/config')) === null,
        },
        {
          text: { en: '~/.kube/config is not the same as /etc/kubernetes/admin.conf (perhaps left from an earlier cluster). Copy it again and answer `y` when `cp -i` asks to overwrite, or use plain `cp`.' },
          when: async (world) => {
            const copy = await world.readFile('/root/.kube/config');
            const admin = await world.readFile('/etc/kubernetes/admin.conf');
            return copy !== null && admin !== null && copy !== admin;
          },
        },
        { text: { en: 'Run `mkdir -p $HOME/.kube`, then `cp -i /etc/kubernetes/admin.conf $HOME/.kube/config`.' } },
      ],
      async check(world) {
        const admin = await world.readFile('/etc/kubernetes/admin.conf');
        if (admin === null) return missing({ en: 'There is no /etc/kubernetes/admin.conf: run `kubeadm init` first.' });
        const copy = await world.readFile('/root/.kube/config');
        if (copy === null) return missing({ en: 'There is no ~/.kube/config on controlplane yet.' });
        if (copy !== admin) return missing({ en: '~/.kube/config is not a copy of /etc/kubernetes/admin.conf.' });
        return pass();
      },
      solution: { commands: ['mkdir -p $HOME/.kube', 'cp -i /etc/kubernetes/admin.conf $HOME/.kube/config', 'kubectl get nodes'] },
    },
    {
      id: 'install-cni',
      title: { en: 'Install flannel as the pod network, and wait until controlplane is Ready' },
      hints: [
        { text: { en: 'A CNI plugin is installed like any other workload: `kubectl apply -f` with the manifest its documentation gives.' } },
        {
          text: { en: 'Flannel is applied; its pod needs a few seconds to start. Watch with `kubectl get nodes`, or wait with `kubectl wait --for=condition=Ready node/controlplane --timeout=120s`.' },
          when: (world) => {
            const cluster = liveCluster(world);
            return cluster !== undefined && flannel(cluster) !== undefined && !isReady(cluster, 'controlplane');
          },
        },
        { text: { en: 'Run `kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml`, then `kubectl get nodes`.' } },
      ],
      async check(world) {
        const cluster = liveCluster(world);
        if (!cluster) return missing({ en: 'There is no cluster yet.' });
        if (!flannel(cluster)) return missing({ en: 'There is no flannel DaemonSet (kube-flannel-ds in namespace kube-flannel) yet.' });
        if (!isReady(cluster, 'controlplane')) return missing({ en: 'Flannel is applied, but controlplane is not Ready yet.' });
        return pass();
      },
      solution: {
        commands: ['kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml', 'kubectl wait --for=condition=Ready node/controlplane --timeout=120s'],
      },
    },
    {
      id: 'join-workers',
      title: { en: 'Join node01 and node02 to the cluster, and see all three nodes Ready' },
      hints: [
        { text: { en: '`kubeadm join` runs on the new node itself. It needs the API server’s address, a bootstrap token and the CA certificate hash; on controlplane, `kubeadm token create --print-join-command` prints all three as one command.' } },
        {
          text: { en: 'You are on a worker. Paste the join command here, then `exit` back to controlplane and check with `kubectl get nodes`.' },
          when: (world) => {
            const cluster = liveCluster(world);
            const here = world.hostname();
            return cluster !== undefined && WORKERS.includes(here) && !hasNode(cluster, here);
          },
        },
        {
          text: { en: 'Both workers are registered; they turn Ready once flannel runs on them, a few seconds later. Check again with `kubectl get nodes`.' },
          when: (world) => {
            const cluster = liveCluster(world);
            return cluster !== undefined && WORKERS.every((n) => hasNode(cluster, n)) && !WORKERS.every((n) => isReady(cluster, n));
          },
        },
        {
          text: {
            en: 'On controlplane, `ssh node01 "$(kubeadm token create --print-join-command)"` makes a fresh join command and runs it on node01 in one go; do the same for node02. Or `ssh node01`, paste the command, and `exit`.',
          },
        },
      ],
      async check(world) {
        const cluster = liveCluster(world);
        if (!cluster) return missing({ en: 'There is no cluster yet.' });
        for (const name of WORKERS) {
          if (!hasNode(cluster, name)) {
            const kubelet = await readOn(world, name, '/etc/kubernetes/kubelet.conf');
            return missing({ en: kubelet === null ? `${name} has not joined the cluster yet.` : `${name} has a kubelet.conf but is not registered yet.` });
          }
        }
        for (const name of ['controlplane', ...WORKERS]) if (!isReady(cluster, name)) return missing({ en: `${name} has joined but is not Ready yet.` });
        return pass();
      },
      solution: {
        commands: [
          'ssh node01 "$(kubeadm token create --print-join-command)"',
          'ssh node02 "$(kubeadm token create --print-join-command)"',
          'kubectl wait --for=condition=Ready node/node01 --timeout=120s',
          'kubectl wait --for=condition=Ready node/node02 --timeout=120s',
          'kubectl get nodes',
        ],
      },
    },
  ],
};

export default exercises;
