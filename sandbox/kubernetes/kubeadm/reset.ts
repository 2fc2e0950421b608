/**
 * `kubeadm reset [-f]`: asks first (the answer is read from stdin, `echo y | kubeadm reset`), then
 * undoes what init or join did on this host. On the control plane the cluster goes with it (its
 * API server and etcd were this host's static pods); on a worker the kubelet stops, and its Node
 * stays in the API until someone runs `kubectl delete node`.
 */
import { KUBELET_UNCONFIGURED } from '../../kernel/unit-catalogue';
import type { Host } from '../../host';
import { removeAll } from './node-files';
import { STACK_TRACE } from './preflight';
import type { KubeadmResult, Printer } from './printer';

const FILES = ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/scheduler.conf'];
const DIRECTORIES = ['/etc/kubernetes/manifests', '/var/lib/kubelet', '/etc/kubernetes/pki'];

const NOTES = `
The reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d

The reset process does not reset or clean up iptables rules or IPVS tables.
If you wish to reset iptables, you must do so manually by using the "iptables" command.

If your cluster was setup to utilize IPVS, run ipvsadm --clear (or similar)
to reset your system's IPVS tables.

The reset process does not clean your kubeconfig files and you must remove them manually.
Please, check the contents of the $HOME/.kube/config file.
`;

/** Undoes init/join on `host`: its files, its kubelet, and on the control plane the cluster. */
export async function resetHost(host: Host): Promise<{ controlPlane: boolean }> {
  const lan = host.lan;
  const controlPlane = lan?.cluster?.apiServerAddress === host.address;
  if (controlPlane) lan!.cluster = undefined;
  else lan?.cluster?.cluster.removeNode(host.hostname);
  const fs = host.rootView();
  for (const dir of [...DIRECTORIES, '/var/lib/etcd']) {
    if (!(await fs.exists(dir))) continue;
    for (const entry of await fs.readdir(dir)) await removeAll(host, `${dir}/${entry}`);
  }
  for (const file of FILES) await removeAll(host, file);
  // "[reset] Stopping the kubelet service": systemd restarts it, and without its files it fails again.
  if (host.services.state('kubelet')?.active) host.services.stop('kubelet');
  if (host.services.definition('kubelet')) host.services.crashLoop('kubelet', 10, KUBELET_UNCONFIGURED);
  return { controlPlane };
}

export async function runReset(host: Host, force: boolean, answer: string, print: Printer): Promise<KubeadmResult> {
  const line = (...lines: string[]) => print.out(lines.map((l) => `${l}\n`).join(''));
  const hasConfig = await host.rootView().exists('/etc/kubernetes/admin.conf');
  if (hasConfig && host.lan?.cluster?.apiServerAddress === host.address) line('[reset] Reading configuration from the cluster...', "[reset] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'");
  if (!force) {
    line("[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.");
    print.out('[reset] Are you sure you want to proceed? [y/N]: ');
    if (!/^\s*y(es)?\s*$/i.test(answer.split('\n')[0] ?? '')) return print.fail(`${answer ? '' : '\n'}error execution phase preflight: aborted reset operation\n${STACK_TRACE}`);
  }
  line('[preflight] Running pre-flight checks');
  const etcd = await host.rootView().exists('/var/lib/etcd/member');
  await print.pause(500);
  const { controlPlane } = await resetHost(host);
  if (controlPlane || etcd) line('[reset] Deleted contents of the etcd data directory: /var/lib/etcd');
  line('[reset] Stopping the kubelet service', '[reset] Unmounting mounted directories in "/var/lib/kubelet"', `[reset] Deleting contents of directories: [${DIRECTORIES.join(' ')}]`, `[reset] Deleting files: [${FILES.join(' ')}]`);
  print.out(NOTES);
  return print.done(0);
}
