import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../index';
import { findScenario } from '../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}

const readyCluster = () => findScenario('ready-cluster')!.build({ seed: 1 });

describe('the ready cluster', () => {
  it('has three Ready nodes and a running control plane, as kubeadm leaves them', async () => {
    const sandbox = await readyCluster();
    expect((await run(sandbox, 'kubectl get nodes')).out).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +Ready +control-plane +10m +v1\.31\.4\nnode01 +Ready +<none> +10m +v1\.31\.4\nnode02 +Ready +<none> +10m +v1\.31\.4\n$/);
    const pods = (await run(sandbox, 'kubectl get pods -n kube-system --no-headers')).out.trim().split('\n');
    expect(pods).toHaveLength(9);
    expect(pods.every((line) => / 1\/1 +Running +0 /.test(line))).toBe(true);
    expect((await run(sandbox, 'ls -1 /etc/kubernetes/manifests')).out.trim().split('\n')).toEqual(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']);
  });

  it('reconciles: a Deployment gets its pods, a deleted pod is replaced, a scale-up is honoured', async () => {
    const sandbox = await readyCluster();
    expect((await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=3')).out).toBe('deployment.apps/web created\n');
    expect((await run(sandbox, 'kubectl get pods --no-headers')).out).toMatch(/ContainerCreating/);
    await run(sandbox, 'sleep 6');
    const running = (await run(sandbox, 'kubectl get pods --no-headers')).out.trim().split('\n');
    expect(running.filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(3);
    // Workers only: the control plane's taint keeps ordinary pods off it.
    expect((await run(sandbox, 'kubectl get pods -o wide --no-headers')).out).not.toContain('controlplane');
    const victim = running[0].split(/\s+/)[0];
    expect((await run(sandbox, `kubectl delete pod ${victim}`)).out).toBe(`pod "${victim}" deleted\n`);
    await run(sandbox, 'sleep 6');
    const after = (await run(sandbox, 'kubectl get pods --no-headers')).out.trim().split('\n');
    expect(after).toHaveLength(3);
    expect(after.some((l) => l.startsWith(victim))).toBe(false);
    await run(sandbox, 'kubectl scale deployment web --replicas=5');
    await run(sandbox, 'sleep 6');
    expect((await run(sandbox, 'kubectl get deployment web --no-headers')).out).toMatch(/^web +5\/5 +5 +5 /);
  });

  it('an image the registry does not have ends in ImagePullBackOff', async () => {
    const sandbox = await readyCluster();
    await run(sandbox, 'kubectl run bad --image=nosuch/image');
    await run(sandbox, 'sleep 30');
    expect((await run(sandbox, 'kubectl get pod bad --no-headers')).out).toMatch(/^bad +0\/1 +ImagePullBackOff +0 /);
  });

  it('a running cluster survives a snapshot and restore', async () => {
    const { Sandbox } = await import('../index');
    const before = await readyCluster();
    await run(before, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 && sleep 6');
    const expected = (await run(before, 'kubectl get pods -A -o wide')).out;
    const after = await Sandbox.restore(JSON.parse(JSON.stringify(await before.snapshot())));
    expect((await run(after, 'kubectl get pods -A -o wide')).out).toBe(expected);
    await run(after, 'kubectl scale deployment web --replicas=3 && sleep 6');
    expect((await run(after, 'kubectl get deploy web --no-headers')).out).toMatch(/^web +3\/3 /);
  });
});

describe('kubectl without a cluster to talk to', () => {
  it('says the connection to localhost:8080 was refused, as kubectl does without a kubeconfig', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 1 });
    const { out, code } = await run(sandbox, 'kubectl get nodes');
    expect(code).toBe(1);
    expect(out.split('\n').at(-2)).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
    expect(out).toMatch(/^E0302 09:00:00\.000000 +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"http:\/\/localhost:8080\/api\?timeout=32s\\": dial tcp 127\.0\.0\.1:8080: connect: connection refused"\n/);
  });

  it('is not installed on the Docker lab host', async () => {
    const sandbox = await findScenario('fresh-host')!.build({ seed: 1 });
    expect((await run(sandbox, 'kubectl get pods')).out).toBe('bash: kubectl: command not found\n');
  });
});

describe('the cluster from the hosts', () => {
  it('kubectl apply creates, then leaves unchanged, then configures; the bundled flannel URL works offline', async () => {
    const sandbox = await readyCluster();
    await run(sandbox, "printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: shop\\n' > ns.yaml");
    expect((await run(sandbox, 'kubectl apply -f ns.yaml')).out).toBe('namespace/shop created\n');
    expect((await run(sandbox, 'kubectl apply -f ns.yaml')).out).toBe('namespace/shop unchanged\n');
    expect((await run(sandbox, 'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml')).out).toBe(['namespace/kube-flannel', 'clusterrole.rbac.authorization.k8s.io/flannel', 'clusterrolebinding.rbac.authorization.k8s.io/flannel', 'serviceaccount/flannel', 'configmap/kube-flannel-cfg', 'daemonset.apps/kube-flannel-ds'].map((name) => `${name} unchanged\n`).join(''));
    expect((await run(sandbox, 'kubectl apply -f https://example.com/app.yaml')).code).toBe(1);
  });

  it('crictl on a node lists the containers the kubelet runs there; etcdctl with the client certificate lists the keys', async () => {
    const sandbox = await readyCluster();
    const containers = (await run(sandbox, 'ssh node01 crictl ps 2>/dev/null')).out.trim().split('\n');
    expect(containers[0]).toMatch(/^CONTAINER +IMAGE +CREATED +STATE +NAME +ATTEMPT +POD ID +POD$/);
    expect(containers.slice(1).map((l) => l.split(/\s+/).at(-1))).toEqual(expect.arrayContaining([expect.stringMatching(/^kube-proxy-/), expect.stringMatching(/^kube-flannel-ds-/)]));
    // --name filters by a regular expression on the container's name (pods: the pod's).
    expect((await run(sandbox, 'ssh node01 crictl ps --name proxy 2>/dev/null')).out.trim().split('\n').slice(1).map((l) => l.split(/ {2,}/)[4])).toEqual(['kube-proxy']);
    expect((await run(sandbox, 'ssh node01 crictl pods --name=^kube-flannel 2>/dev/null')).out.trim().split('\n')).toHaveLength(2);
    expect((await run(sandbox, 'ssh node01 crictl images flannel/flannel 2>/dev/null')).out).toMatch(/^IMAGE +TAG +IMAGE ID +SIZE\ndocker\.io\/flannel\/flannel +v0\.26\.1 /);
    expect((await run(sandbox, 'ssh node01 crictl images nginx 2>/dev/null')).out).toMatch(/^IMAGE +TAG +IMAGE ID +SIZE\n$/);
    const certs = '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
    const keys = (await run(sandbox, `etcdctl ${certs} get /registry/minions --prefix --keys-only`)).out;
    expect(keys).toBe('/registry/minions/controlplane\n\n/registry/minions/node01\n\n/registry/minions/node02\n\n');
    expect((await run(sandbox, 'etcdctl get /registry --prefix --keys-only')).out).toMatch(/Error: context deadline exceeded\n$/);
    // A pod and a Service of the same name are two keys with their own values.
    await run(sandbox, 'kubectl run web --image=nginx:1.27 && kubectl expose pod web --port 80');
    expect((await run(sandbox, `etcdctl ${certs} get /registry/pods/default/web --print-value-only 2>/dev/null`)).out).toContain('"kind":"Pod"');
    expect((await run(sandbox, `etcdctl ${certs} get /registry/services/specs/default/web --print-value-only 2>/dev/null`)).out).toContain('"kind":"Service"');
  });
});

describe('Services', () => {
  it('a NodePort answers from every node, and the ClusterIP from any host, through a ready pod', async () => {
    const sandbox = await readyCluster();
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 && kubectl expose deployment web --port 80 --type NodePort && sleep 6');
    const port = (await run(sandbox, 'kubectl get svc web -o jsonpath="{.spec.ports[0].nodePort}"')).out;
    expect(Number(port)).toBeGreaterThanOrEqual(30000);
    for (const node of ['controlplane', 'node01', 'node02']) expect((await run(sandbox, `curl -s ${node}:${port} | grep title`)).out).toBe('<title>Welcome to nginx!</title>\n');
    const clusterIP = (await run(sandbox, 'kubectl get svc web -o jsonpath="{.spec.clusterIP}"')).out;
    expect((await run(sandbox, `ssh node01 curl -sI ${clusterIP} | head -1`)).out).toBe('HTTP/1.1 200 OK\r\n');
    await run(sandbox, 'kubectl scale deployment web --replicas=0 && sleep 3');
    expect((await run(sandbox, `curl -s node01:${port}`)).code).toBe(7);
  });
});

describe('the kubelet as a service', () => {
  it('restarts in a loop on a fresh host until kubeadm configures it', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 1 });
    expect((await run(sandbox, 'systemctl is-active kubelet')).out).toBe('activating\n');
    expect((await run(sandbox, 'systemctl status kubelet')).out).toContain('Active: activating (auto-restart) (Result: exit-code)');
  });

  it('stopped on a node: NotReady after the grace period, pods evicted and rescheduled after 300 s, Ready again once started', async () => {
    const sandbox = await readyCluster();
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=4 && sleep 6');
    await run(sandbox, 'ssh node01 systemctl stop kubelet');
    await run(sandbox, 'sleep 45');
    expect((await run(sandbox, 'kubectl get node node01 --no-headers')).out).toMatch(/^node01 +NotReady /);
    await run(sandbox, 'sleep 300');
    const running = (await run(sandbox, 'kubectl get pods --field-selector status.phase=Running -o jsonpath="{.items[*].spec.nodeName}"')).out.split(' ');
    expect(running.filter((n) => n === 'node02').length).toBeGreaterThanOrEqual(4);
    await run(sandbox, 'ssh node01 systemctl start kubelet && sleep 15');
    expect((await run(sandbox, 'kubectl get node node01 --no-headers')).out).toMatch(/^node01 +Ready /);
  });
});

describe('pods as processes on their node', () => {
  it('a running pod is a pause sandbox and its container processes in the pod cgroup; deleting it ends them', async () => {
    const sandbox = await readyCluster();
    await run(sandbox, 'kubectl run web --image=nginx:1.27');
    await run(sandbox, 'sleep 6');
    const node = (await run(sandbox, 'kubectl get pod web -o jsonpath="{.spec.nodeName}"')).out;
    const host = sandbox.hostNamed(node)!;
    const uid = (await run(sandbox, 'kubectl get pod web -o jsonpath="{.metadata.uid}"')).out.replace(/-/g, '_');
    const slice = `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${uid}.slice`;
    const members = host.kernel.list().filter((p) => p.cgroup.startsWith(slice));
    expect(members.map((p) => p.argv[0])).toEqual(expect.arrayContaining(['/pause', 'nginx: master process nginx -g daemon off;', 'nginx: worker process']));
    const pause = members.find((p) => p.comm === 'pause')!;
    const nginx = members.find((p) => p.argv[0].startsWith('nginx: master'))!;
    expect(nginx.ns.net).toBe(pause.ns.net);
    expect(nginx.ns.net).not.toBe(host.kernel.require(1).ns.net);
    expect(nginx.ns.pid).not.toBe(pause.ns.pid);
    await run(sandbox, 'kubectl delete pod web && sleep 3');
    expect(host.kernel.list().filter((p) => p.cgroup.startsWith(slice))).toEqual([]);
  });
});
