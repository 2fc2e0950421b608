/**
 * `kk create cluster` (KubeKey v3.1): CreateClusterPipeline, module by module, in kk's own log
 * format (`09:00:00 UTC [Module] Task`, then `success: [node]` per host). The work is done by the
 * same model `kubeadm init` and `kubeadm join` use, so the result is the very cluster the kubeadm
 * path builds. What kk does that is not modelled (downloads, binary etcd, nodelocaldns, calico) is
 * said once, plainly, after the confirmation.
 */
import type { Host } from '../../host';
import { fstab } from '../../kernel/swap';
import { formatDate } from '../../shell/commands/date';
import type { ApiStore } from '../api/store';
import type { Node } from '../api/types';
import { flannel } from '../kubeadm/cluster-objects';
import { runInit } from '../kubeadm/init-command';
import { joinNode } from '../kubeadm/join';
import { writeFiles } from '../kubeadm/node-files';
import { Printer, type KubeadmResult } from '../kubeadm/printer';
import { confirmationForm, GREETING_BANNER } from './banner';
import type { KkCluster, KkHost } from './config';

export const NOT_MODELLED =
  "dockyard: kk's downloads, OS scripts, etcd as a binary service, nodelocaldns and calico are not modelled in this sandbox yet: it builds the cluster with this sandbox's kubeadm (etcd as a static pod) and deploys flannel as the network plugin.\n";

const SUPPORTED = 'v1.31.4';

export interface CreateOptions {
  yes: boolean;
  /** What stdin held (`echo yes | ./kk create cluster ...`); null when it is the terminal. */
  answer: string | null;
}

/** kk's log lines, timestamped from the clock, paced as its tasks take time. */
class KkLog {
  constructor(
    private readonly print: Printer,
    private readonly host: Host,
  ) {}

  line(message: string): void {
    this.print.out(`${formatDate(this.host.kernel.clock.now(), '%H:%M:%S')} UTC ${message}\n`);
  }

  /** One task: its header, the work, then each host's result. */
  async task(module: string, name: string, hosts: string[], work?: () => Promise<void> | void, skipped: string[] = []): Promise<void> {
    this.line(`[${module}] ${name}`);
    await work?.();
    await this.print.pause(300 + this.host.random.int(900));
    for (const h of hosts) this.line(`${skipped.includes(h) ? 'skipped' : 'success'}: [${h}]`);
  }

  fail(module: string, host: string, error: string): KubeadmResult {
    this.line(`failed: [${host}]`);
    return this.print.fail(`error: Pipeline[CreateClusterPipeline] execute failed: Module[${module}] exec failed: \nfailed: [${host}] ${error}\n`);
  }
}

/** The machine a config entry names: found by its address on the LAN, as kk's ssh would. */
function machineOf(self: Host, entry: KkHost): Host | undefined {
  return self.lan?.all().find((h) => h.address === entry.address);
}

export async function createCluster(self: Host, config: KkCluster, options: CreateOptions, print: Printer): Promise<KubeadmResult> {
  const log = new KkLog(print, self);
  const names = config.hosts.map((h) => h.name);
  print.out(GREETING_BANNER);
  log.line('[GreetingsModule] Greetings');
  const machines = new Map<string, Host>();
  for (const entry of config.hosts) {
    const machine = machineOf(self, entry);
    if (!machine) {
      // Nothing answers at that address: kk's ssh gives up after its 30 s timeout.
      await print.pause(30_000);
      return log.fail('GreetingsModule', entry.name, 'execute task timeout, Timeout=30s');
    }
    if (!machine.services.state('ssh')?.active) return log.fail('GreetingsModule', entry.name, `failed to connect to ${entry.address}: could not establish connection to ${entry.address}:22: dial tcp ${entry.address}:22: connect: connection refused`);
    if (machine.hostname !== entry.name) {
      return print.fail(`dockyard: kk would rename ${machine.hostname} (${entry.address}) to ${entry.name}; renaming hosts is not modelled in this sandbox yet. Give each host its own name in ${'spec.hosts'}.\n`);
    }
    machines.set(entry.name, machine);
    log.line(`message: [${entry.name}]\nGreetings, KubeKey!`);
  }
  for (const n of names) log.line(`success: [${n}]`);
  await log.task('NodePreCheckModule', 'A pre-check on nodes', names);
  log.line('[ConfirmModule] Display confirmation form');
  print.out(confirmationForm(config.hosts.map((h) => h.name), formatDate(self.kernel.clock.now(), '%H:%M:%S'), config.version));
  if (!options.yes) {
    print.out('Continue this installation? [yes/no]: ');
    if (options.answer === null) return print.fail("\ndockyard: this terminal cannot answer kk's question while it runs; run the command again with --yes (or -y), or pipe the answer: echo yes | ./kk create cluster -f FILE\n");
    const answer = options.answer.split('\n')[0].trim().toLowerCase();
    print.out(`${answer}\n`);
    if (answer === 'no' || answer === 'n') return print.done(0);
    if (answer !== 'yes' && answer !== 'y') return print.fail("\ndockyard: kk asks again until it reads yes or no; pipe one of them (echo yes | ./kk create cluster -f FILE) or use --yes\n");
  }
  if (config.version !== SUPPORTED) return print.fail(`dockyard: this sandbox has the images of Kubernetes ${SUPPORTED} only; set spec.kubernetes.version to ${SUPPORTED} (or create the config with --with-kubernetes ${SUPPORTED})\n`);
  if (self.lan?.cluster) return print.fail('dockyard: these hosts already form a cluster; `kubeadm reset -f` on each of them first (kk delete cluster is not modelled in this sandbox yet)\n');
  print.err(NOT_MODELLED);

  const [first] = config.controlPlane;
  const cp = machines.get(first.name)!;
  const endpoint = `${config.endpoint.domain}:${config.endpoint.port}`;
  const local = ['LocalHost'];
  await log.task('NodeBinariesModule', 'Download installation binaries', local, () => {
    const binaries = { kubeadm: config.version, kubelet: config.version, kubectl: config.version, helm: 'v3.14.3', kubecni: 'v1.2.0', crictl: 'v1.29.0', etcd: 'v3.5.13', containerd: '1.7.13', runc: 'v1.1.12', calicoctl: 'v3.27.4' };
    for (const [binary, version] of Object.entries(binaries)) log.line(`message: [localhost]\ndownloading amd64 ${binary} ${version} ...`);
  });
  await log.task('ConfigureOSModule', 'Get OS release', names);
  await log.task('ConfigureOSModule', 'Prepare to init OS', names);
  await log.task('ConfigureOSModule', 'Generate init os script', names);
  // kk's initOS.sh: swapoff -a, the swap line commented out of fstab, every host (and the API endpoint) in /etc/hosts.
  await log.task('ConfigureOSModule', 'Exec init os script', names, async () => {
    const hostsBlock = `# kubekey hosts BEGIN\n${config.hosts.map((h) => `${h.internalAddress}  ${h.name}.cluster.local ${h.name}`).join('\n')}\n${cp.address}  ${config.endpoint.domain}\n# kubekey hosts END\n`;
    for (const machine of machines.values()) {
      machine.kernel.swaps = [];
      const fs = machine.rootView();
      const current = await fs.readFile('/etc/hosts').catch(() => '');
      await writeFiles(machine, { '/etc/hosts': current + hostsBlock, ...((await fs.exists('/etc/fstab')) ? { '/etc/fstab': fstab(true) } : {}) });
    }
  });
  await log.task('ConfigureOSModule', 'configure the ntp server for each node', names, undefined, names);
  await log.task('KubernetesStatusModule', 'Get kubernetes cluster status', [first.name]);
  for (const name of ['Sync containerd binaries', 'Generate containerd service', 'Generate containerd config', 'Enable containerd']) await log.task('InstallContainerModule', name, names, undefined, names);
  await log.task('PullModule', 'Start to pull images on all nodes', names);
  await log.task('ETCDPreCheckModule', 'Get etcd status', config.etcd.map((h) => h.name));
  await log.task('CertsModule', 'Generate etcd Certs', local);
  await log.task('InstallETCDBinaryModule', 'Install etcd using binary', config.etcd.map((h) => h.name));
  await log.task('ETCDConfigureModule', 'Health check on all etcd', config.etcd.map((h) => h.name));
  for (const name of ['Synchronize kubernetes binaries', 'Generate kubelet service', 'Enable kubelet service', 'Generate kubelet env']) await log.task('InstallKubeBinariesModule', name, names);
  await log.task('InitKubernetesModule', 'Generate kubeadm config', [first.name]);

  log.line('[InitKubernetesModule] Init cluster using kubeadm');
  const init = await runInit(cp, 0, { podNetworkCidr: config.podCidr, serviceCidr: config.serviceCidr, controlPlaneEndpoint: endpoint, ignored: new Set(['imagepull']) }, new Printer(self.kernel.clock, null, 0));
  if (init.exitCode !== 0) {
    log.line(`stdout: [${first.name}]\n${init.stdout}${init.stderr}`);
    return log.fail('InitKubernetesModule', first.name, '[KubeadmInit] exec failed after 3 retries: init kubernetes cluster failed: Failed to exec command: sudo -E /bin/bash -c "/usr/local/bin/kubeadm init --config=/etc/kubernetes/kubeadm-config.yaml --ignore-preflight-errors=FileExisting-crictl,ImagePull" \nProcess exited with status 1');
  }
  log.line(`success: [${first.name}]`);
  await log.task('InitKubernetesModule', 'Copy admin.conf to ~/.kube/config', [first.name], async () => {
    await writeFiles(cp, { '/root/.kube/config': await cp.rootView().readFile('/etc/kubernetes/admin.conf') });
  });
  const cluster = self.lan!.cluster!.cluster;
  const workers = new Set(config.worker.map((h) => h.name));
  await log.task('InitKubernetesModule', 'Remove master taint', [first.name], () => {
    if (workers.has(first.name)) untaint(cluster.store, first.name);
  }, workers.has(first.name) ? [] : [first.name]);
  for (const name of ['Generate coredns service', 'Override coredns service', 'Generate nodelocaldns', 'Deploy nodelocaldns']) await log.task('ClusterDNSModule', name, [first.name]);
  await log.task('KubernetesStatusModule', 'Get kubernetes cluster status', config.controlPlane.map((h) => h.name));
  const joining = config.hosts.filter((h) => h.name !== first.name);
  await log.task('JoinNodesModule', 'Generate kubeadm config', joining.map((h) => h.name));
  const others = config.controlPlane.filter((h) => h.name !== first.name).map((h) => h.name);
  if (others.length > 0) return print.fail(`dockyard: joining more control-plane nodes (${others.join(', ')}) is not modelled in this sandbox yet; list one host under control-plane\n`);
  const joiningWorkers = joining.filter((h) => workers.has(h.name)).map((h) => h.name);
  await log.task('JoinNodesModule', 'Join worker node', joiningWorkers, async () => {
    for (const name of joiningWorkers) await joinNode(machines.get(name)!, endpoint);
  });
  await log.task('JoinNodesModule', 'Add worker label to all nodes', [first.name], () => {
    cluster.settle();
    for (const name of workers) label(cluster.store, name);
  });
  await log.task('DeployNetworkPluginModule', `Generate ${config.plugin}`, [first.name]);
  await log.task('DeployNetworkPluginModule', `Deploy ${config.plugin}`, [first.name], () => {
    // flannel's net-conf.json carries kk's pod network, as the network plugin kk generates would.
    for (const object of flannel()) cluster.store.create(withPodNetwork(object, config.podCidr));
    cluster.settle();
  });
  await log.task('ConfigureKubernetesModule', 'Configure kubernetes', [first.name]);
  await log.task('ChownModule', 'Chown user $HOME/.kube dir', names);
  for (const name of ['Generate k8s certs renew script', 'Generate k8s certs renew service', 'Generate k8s certs renew timer', 'Enable k8s certs renew service']) await log.task('AutoRenewCertsModule', name, config.controlPlane.map((h) => h.name));
  await log.task('SaveKubeConfigModule', 'Save kube config as a configmap', local);
  await log.task('AddonsModule', 'Install addons', local);
  log.line('Pipeline[CreateClusterPipeline] execute successfully');
  print.out('Installation is complete.\n\nPlease check the result using the command:\n\n\tkubectl get pod -A\n\n');
  return print.done(0);
}

/** kk's "Remove master taint": a control plane that is also a worker takes pods. */
function untaint(store: ApiStore, name: string): void {
  const node = store.get<Node>('Node', undefined, name);
  if (!node?.spec?.taints) return;
  store.update<Node>({ ...node, spec: { ...node.spec, taints: node.spec.taints.filter((t) => t.key !== 'node-role.kubernetes.io/control-plane') } });
}

/** kk's "Add worker label to all nodes": ROLES shows worker. */
function label(store: ApiStore, name: string): void {
  const node = store.get<Node>('Node', undefined, name);
  if (!node) return;
  store.update<Node>({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, 'node-role.kubernetes.io/worker': '' } } });
}

/** A flannel object with its default pod network (10.244.0.0/16) replaced by kk's. */
function withPodNetwork<T extends object>(object: T, podCidr: string): T {
  return JSON.parse(JSON.stringify(object).split('10.244.0.0/16').join(podCidr)) as T;
}
