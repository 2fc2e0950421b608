/**
 * `kubectl port-forward pod/web|deploy/web|svc/web [LOCAL:]REMOTE… [--address A]`: checks the
 * target as kubectl does, prints `Forwarding from 127.0.0.1:8080 -> 80` (and [::1]) and holds the
 * terminal until Ctrl-C. What is not modelled: the sandbox has one terminal, so nothing can
 * connect to the forwarded port while it runs; it says so.
 */
import type { Store } from '../../api/store-types';
import type { Service } from '../../api/types';
import { lastValue, type KubectlArgs } from '../args';
import { attachablePod } from './exec';
import type { KubectlResult } from './result';
import type { Follow } from './logs';

const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });
const USAGE = "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n";

export async function portForward(store: Store, args: KubectlArgs, namespace: string, follow: Follow): Promise<KubectlResult> {
  const [target, ...ports] = args.operands;
  if (!target || ports.length === 0) return fail(USAGE);
  const pod = attachablePod(store, target, namespace);
  if ('exitCode' in pod) return pod;
  if (pod.status?.phase !== 'Running') return fail(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}\n`);
  // For a Service, the remote port is the Service's port, forwarded to its targetPort on the pod.
  const service = target.startsWith('svc/') || target.startsWith('service/') ? store.get<Service>('Service', namespace, target.split('/')[1]) : undefined;
  const addresses = (lastValue(args, 'address') ?? 'localhost').split(',');
  let out = '';
  for (const spec of ports) {
    const [local, remote = local] = spec.split(':');
    if (!/^\d*$/.test(local) || !/^\d+$/.test(remote)) return fail(`error: Error parsing local port '${local}': strconv.ParseUint: parsing "${local}": invalid syntax\n`);
    const servicePort = service?.spec.ports?.find((p) => p.port === Number(remote));
    if (service && !servicePort) return fail(`error: Service ${service.metadata.name} does not have a service port ${remote}\n`);
    const podPort = servicePort ? (typeof servicePort.targetPort === 'number' ? servicePort.targetPort : Number(remote)) : Number(remote);
    const localPort = local === '' ? 40000 + (podPort % 20000) : Number(local);
    for (const address of addresses) {
      if (address === 'localhost') out += `Forwarding from 127.0.0.1:${localPort} -> ${podPort}\nForwarding from [::1]:${localPort} -> ${podPort}\n`;
      else out += `Forwarding from ${address}:${localPort} -> ${podPort}\n`;
    }
  }
  const note = 'dockyard: the forward is held until Ctrl-C, but this sandbox has a single terminal, so nothing can connect to it meanwhile; reach the pod by its IP (kubectl get pod -o wide) or a NodePort Service instead\n';
  if (!follow.live) return { stdout: out, stderr: note, exitCode: 0 };
  follow.write(out + note);
  await follow.block();
  return { stdout: '', stderr: '', exitCode: 0 };
}
