/**
 * Starting scenarios: named, deterministic world builders that lessons declare in frontmatter and
 * the headless CLI takes with `--scenario`. Each builds from the seed alone, so a lesson's first
 * screen is the same for every student and in CI.
 */
import type { SandboxOptions } from '../index';
import { Sandbox } from '../index';
import { isReadyNode } from '../exercises/cluster';
import type { Node } from '../kubernetes/api/types';
import { buildReadyCluster } from '../kubernetes/kubeadm/ready-cluster';
import { KK_LAUNCHER } from '../kubernetes/kubekey/command';
import { HELLO_WEB_DIR, HELLO_WEB_FILES } from './hello-web';

export interface Scenario {
  name: string;
  /** One line for `--list-scenarios`. */
  summary: string;
  build(options: SandboxOptions): Promise<Sandbox>;
  /**
   * Takes over the world an earlier lesson left (a lesson that `continues` it), when that world has
   * what this scenario needs, adding this scenario's own files; false leaves the lesson to `build`.
   */
  adopt?(sandbox: Sandbox): Promise<boolean>;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'fresh-host',
    summary: 'one Ubuntu 24.04 host, "lab", as it is after boot: systemd, sshd, containerd, dockerd and your login shell',
    build: (options) => Sandbox.create(options),
  },
  {
    name: 'nginx-running',
    summary: 'the fresh host with nginx pulled and a container "web" serving it on port 8080',
    build: async (options) => {
      const sandbox = await Sandbox.create(options);
      const result = await sandbox.console.run('docker run -d --name web -p 8080:80 nginx >/dev/null && clear');
      if (result.exitCode !== 0) throw new Error(`nginx-running: ${result.stderr}`);
      // The setup is not the student's: their history starts empty.
      sandbox.console.top.session.clearHistory();
      return sandbox;
    },
  },
  {
    name: 'hello-world-exited',
    summary: 'the fresh host after one `docker run hello-world`: the image pulled, its container exited and left behind',
    build: async (options) => {
      const sandbox = await Sandbox.create(options);
      const result = await sandbox.console.run('docker run hello-world >/dev/null && clear');
      if (result.exitCode !== 0) throw new Error(`hello-world-exited: ${result.stderr}`);
      // The setup is not the student's: their history starts empty.
      sandbox.console.top.session.clearHistory();
      return sandbox;
    },
  },
  {
    name: 'three-fresh-hosts',
    summary: 'three Ubuntu 24.04 hosts on one LAN, controlplane (10.0.0.10), node01 (.11) and node02 (.12), swap on as installed; the terminal is on controlplane, `ssh node01` reaches the others',
    build: async (options) => {
      const sandbox = await Sandbox.create({ ...options, hosts: CLUSTER_HOSTS, kubernetes: true, swap: 'on' });
      // KubeKey downloaded as its docs do (curl -sfL https://get-kk.kubesphere.io | sh -): ./kk in root's home.
      const fs = sandbox.host.rootView();
      await fs.writeFile('/root/kk', KK_LAUNCHER);
      await fs.chmod('/root/kk', 0o755);
      return sandbox;
    },
  },
  {
    name: 'ready-cluster',
    summary: 'the three hosts as a Kubernetes v1.31 cluster set up with kubeadm ten minutes ago: flannel, all nodes Ready, kubectl configured on controlplane',
    build: async (options) => {
      const sandbox = await Sandbox.create({ ...options, hosts: CLUSTER_HOSTS, kubernetes: true, swap: 'off' });
      await buildReadyCluster(sandbox.allHosts());
      return sandbox;
    },
  },
  {
    name: 'cluster-with-app',
    summary: 'the ready cluster, with lesson 6\'s Node.js app (package.json, server.js, Dockerfile, .dockerignore) in /root/hello-web on controlplane, not built yet',
    build: async (options) => {
      const sandbox = await findScenario('ready-cluster')!.build(options);
      await writeHelloWeb(sandbox);
      return sandbox;
    },
    // The cluster the student built in lesson 8, when it is whole: three Ready nodes and kubectl set up.
    adopt: async (sandbox) => {
      if (!(await clusterIsWhole(sandbox))) return false;
      if (!(await sandbox.host.rootView().exists(HELLO_WEB_DIR))) await writeHelloWeb(sandbox);
      return true;
    },
  },
];

/** The cluster course's machines: a control plane and two workers on the lab LAN. */
export const CLUSTER_HOSTS = [
  { hostname: 'controlplane', address: '10.0.0.10' },
  { hostname: 'node01', address: '10.0.0.11' },
  { hostname: 'node02', address: '10.0.0.12' },
];

async function writeHelloWeb(sandbox: Sandbox): Promise<void> {
  const fs = sandbox.host.rootView();
  await fs.mkdir(HELLO_WEB_DIR, { recursive: true });
  for (const [name, text] of Object.entries(HELLO_WEB_FILES)) await fs.writeFile(`${HELLO_WEB_DIR}/${name}`, text);
}

/** The three cluster hosts form a cluster whose nodes are all Ready, and root's kubectl reaches it. */
async function clusterIsWhole(sandbox: Sandbox): Promise<boolean> {
  const live = sandbox.host.lan?.cluster?.cluster;
  if (sandbox.host.hostname !== 'controlplane' || !live) return false;
  live.settle();
  const ready = new Set(live.store.list<Node>('Node').filter(isReadyNode).map((n) => n.metadata.name));
  if (!CLUSTER_HOSTS.every((h) => ready.has(h.hostname))) return false;
  return sandbox.host.rootView().exists('/root/.kube/config');
}

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
