import { describe, expect, it } from 'vitest';
import type { ConfigMap, DaemonSet, Endpoints, Namespace, ReplicaSet, ServiceAccount } from '../../api/types';
import { printGet, tableFor } from './get';
import { printTable } from './table';
import { ago, deployment, event, node, NOW, pod, running, service } from './test-fixtures';

const get = (kind: string, objects: object[], opts: { wide?: boolean; allNamespaces?: boolean } = {}) =>
  printTable(tableFor(kind, objects as never, { now: NOW, ...opts }), opts);

describe('kubectl get pods', () => {
  const pods = [
    pod('web-7d4b9c5f8-x2x9k', { statuses: [running()], node: 'node01', ip: '10.244.1.2', ready: true }),
    pod('new-6b9d7c8f4-q7wz2', { phase: 'Pending', age: 3, statuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }], node: 'node02' }),
    pod('unscheduled', { phase: 'Pending', age: 40 }),
    pod('crash-5c7d8b9f6-abcde', { age: 600, node: 'node01', ip: '10.244.1.3', statuses: [{ restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30) } } }] }),
    pod('typo-7f8d9c6b5-k2m4n', { phase: 'Pending', age: 95, statuses: [{ state: { waiting: { reason: 'ErrImagePull' } } }] }),
    pod('typo-7f8d9c6b5-p9q8r', { phase: 'Pending', age: 7260, statuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
    pod('job-x7k2p', { phase: 'Succeeded', age: 90000, statuses: [{ state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }),
    pod('fail-z9y8x', { phase: 'Failed', age: 200000, statuses: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }] }),
    pod('evicted-m3n4b', { phase: 'Failed', age: 3 * 86400 }),
    { ...pod('going-h5j6k', { statuses: [running()], ready: true }), metadata: { ...pod('going-h5j6k').metadata, deletionTimestamp: ago(2) } },
    pod('signal-r4t5y', { phase: 'Failed', statuses: [{ state: { terminated: { exitCode: 137, signal: 9, reason: '' } } }] }),
  ];
  pods[8].status!.reason = 'Evicted';
  pods[8].status!.message = 'The node was low on resource: memory.';

  it('computes STATUS, READY and RESTARTS as kubectl does', () => {
    expect(get('Pod', pods)).toBe(`NAME                    READY   STATUS              RESTARTS      AGE
web-7d4b9c5f8-x2x9k     1/1     Running             0             5m
new-6b9d7c8f4-q7wz2     0/1     ContainerCreating   0             3s
unscheduled             0/1     Pending             0             40s
crash-5c7d8b9f6-abcde   0/1     CrashLoopBackOff    5 (30s ago)   10m
typo-7f8d9c6b5-k2m4n    0/1     ErrImagePull        0             95s
typo-7f8d9c6b5-p9q8r    0/1     ImagePullBackOff    0             121m
job-x7k2p               0/1     Completed           0             25h
fail-z9y8x              0/1     Error               0             2d7h
evicted-m3n4b           0/1     Evicted             0             3d
going-h5j6k             1/1     Terminating         0             5m
signal-r4t5y            0/1     Signal:9            0             5m
`);
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide', () => {
    expect(get('Pod', pods.slice(0, 3), { wide: true })).toBe(`NAME                  READY   STATUS              RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-7d4b9c5f8-x2x9k   1/1     Running             0          5m    10.244.1.2   node01   <none>           <none>
new-6b9d7c8f4-q7wz2   0/1     ContainerCreating   0          3s    <none>       node02   <none>           <none>
unscheduled           0/1     Pending             0          40s   <none>       <none>   <none>           <none>
`);
  });

  it('shows init containers as Init:N/M and Init:Reason', () => {
    const p = pod('init-a1b2c', { phase: 'Pending', statuses: [{ state: { waiting: { reason: 'PodInitializing' } } }] });
    p.spec.initContainers = [{ name: 'wait', image: 'busybox' }, { name: 'migrate', image: 'busybox' }];
    (p.status as { initContainerStatuses?: unknown[] }).initContainerStatuses = [
      { name: 'wait', image: 'busybox', imageID: '', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } }, lastState: {} },
      { name: 'migrate', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: ago(5) } }, lastState: {} },
    ];
    expect(tableFor('Pod', [p], { now: NOW }).rows[0].cells[2]).toBe('Init:1/2');
    (p.status as unknown as { initContainerStatuses: { state: unknown }[] }).initContainerStatuses[1].state = { waiting: { reason: 'CrashLoopBackOff' } };
    expect(tableFor('Pod', [p], { now: NOW }).rows[0].cells[2]).toBe('Init:CrashLoopBackOff');
  });

  it('prints NAMESPACE first with -A', () => {
    const p = pod('coredns-7c65d6cfc9-8kq2z', { namespace: 'kube-system', phase: 'Pending', age: 720 });
    expect(get('Pod', [p, pods[0]], { allNamespaces: true })).toBe(`NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE
kube-system   coredns-7c65d6cfc9-8kq2z   0/1     Pending   0          12m
default       web-7d4b9c5f8-x2x9k        1/1     Running   0          5m
`);
  });
});

describe('kubectl get nodes', () => {
  const nodes = [
    node('controlplane', { roles: ['control-plane'], ip: '192.168.56.10', age: 1800 }),
    node('node01', { ip: '192.168.56.11', age: 600, unschedulable: true }),
    node('node02', { ip: '192.168.56.12', age: 65, ready: false }),
  ];
  it('prints STATUS, ROLES and VERSION', () => {
    expect(get('Node', nodes)).toBe(`NAME           STATUS                     ROLES           AGE   VERSION
controlplane   Ready                      control-plane   30m   v1.31.4
node01         Ready,SchedulingDisabled   <none>          10m   v1.31.4
node02         NotReady                   <none>          65s   v1.31.4
`);
  });
  it('adds addresses, OS, kernel and runtime with -o wide', () => {
    expect(get('Node', nodes.slice(0, 1), { wide: true })).toBe(`NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP     EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME
controlplane   Ready    control-plane   30m   v1.31.4   192.168.56.10   <none>        Ubuntu 24.04.1 LTS   6.8.0-49-generic   containerd://1.7.24
`);
  });
});

describe('kubectl get workloads and services', () => {
  it('prints deployments, with CONTAINERS IMAGES SELECTOR when wide', () => {
    expect(get('Deployment', [deployment])).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     3            2           10m\n');
    expect(get('Deployment', [deployment], { wide: true })).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    2/3     3            2           10m   nginx        nginx:1.27   app=web\n');
  });
  it('prints replicasets and daemonsets', () => {
    const rs: ReplicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-7d4b9c5f8', namespace: 'default', creationTimestamp: ago(600) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c5f8' } }, template: deployment.spec.template }, status: { replicas: 3, readyReplicas: 2 } };
    expect(get('ReplicaSet', [rs])).toBe('NAME            DESIRED   CURRENT   READY   AGE\nweb-7d4b9c5f8   3         3         2       10m\n');
    const ds: DaemonSet = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', namespace: 'kube-system', creationTimestamp: ago(1800) }, spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: { spec: { containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.4' }], nodeSelector: { 'kubernetes.io/os': 'linux' } } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0 } };
    expect(get('DaemonSet', [ds])).toBe('NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\nkube-proxy   3         3         3       3            3           kubernetes.io/os=linux   30m\n');
  });
  it('prints services with node ports, and endpoints', () => {
    const kubernetes = { ...service, metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: ago(1800) }, spec: { type: 'ClusterIP' as const, clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' as const }] } };
    expect(get('Service', [kubernetes, service])).toBe(`NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE
kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP        30m
web          NodePort    10.96.140.12   <none>        80:30080/TCP   2m
`);
    const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(120) }, subsets: [{ addresses: ['10.244.1.2', '10.244.2.2', '10.244.1.3', '10.244.2.3'].map((ip) => ({ ip })), ports: [{ port: 80, protocol: 'TCP' }] }] };
    const none: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'default', creationTimestamp: ago(60) } };
    expect(get('Endpoints', [none, ep])).toBe(`NAME   ENDPOINTS                                               AGE
db     <none>                                                  60s
web    10.244.1.2:80,10.244.2.2:80,10.244.1.3:80 + 1 more...   2m
`);
  });
});

describe('kubectl get other kinds', () => {
  it('prints namespaces, configmaps and serviceaccounts', () => {
    const ns = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: ago(1800) }, status: { phase: 'Active' } });
    expect(get('Namespace', [ns('default'), ns('kube-node-lease')])).toBe('NAME              STATUS   AGE\ndefault           Active   30m\nkube-node-lease   Active   30m\n');
    const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default', creationTimestamp: ago(1790) }, data: { 'ca.crt': '...' } };
    expect(get('ConfigMap', [cm])).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      29m\n');
    const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default', creationTimestamp: ago(1790) } };
    expect(get('ServiceAccount', [sa])).toBe('NAME      SECRETS   AGE\ndefault   0         29m\n');
  });
  it('prints events with LAST SEEN and OBJECT', () => {
    const events = [
      event('Scheduled', 'Successfully assigned default/web-7d4b9c5f8-x2x9k to node01', { name: 'web-7d4b9c5f8-x2x9k', component: 'default-scheduler', first: 300 }),
      event('BackOff', 'Back-off restarting failed container app in pod crash-5c7d8b9f6-abcde_default(0c1d)', { type: 'Warning', name: 'crash-5c7d8b9f6-abcde', component: 'kubelet', first: 580, last: 20, count: 12 }),
    ];
    expect(get('Event', events)).toBe(`LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE
5m          Normal    Scheduled   pod/web-7d4b9c5f8-x2x9k     Successfully assigned default/web-7d4b9c5f8-x2x9k to node01
20s         Warning   BackOff     pod/crash-5c7d8b9f6-abcde   Back-off restarting failed container app in pod crash-5c7d8b9f6-abcde_default(0c1d)
`);
  });
});

describe('printGet', () => {
  it('prints several kinds as kubectl get all does', () => {
    const result = printGet([
      { kind: 'Pod', objects: [pod('web-7d4b9c5f8-x2x9k', { statuses: [running()], ready: true })] },
      { kind: 'Service', objects: [service] },
      { kind: 'Deployment', objects: [deployment] },
    ], { now: NOW, namespace: 'default' });
    expect(result.stdout).toBe(`NAME                      READY   STATUS    RESTARTS   AGE
pod/web-7d4b9c5f8-x2x9k   1/1     Running   0          5m

NAME          TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE
service/web   NodePort   10.96.140.12   <none>        80:30080/TCP   2m

NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/3     3            2           10m
`);
  });
  it('reports an empty namespace on stderr', () => {
    expect(printGet([{ kind: 'Pod', objects: [] }], { now: NOW, namespace: 'dev' })).toEqual({ stdout: '', stderr: 'No resources found in dev namespace.\n' });
    expect(printGet([{ kind: 'Node', objects: [] }], { now: NOW, namespace: 'default' })).toEqual({ stdout: '', stderr: 'No resources found\n' });
  });
});
