import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../index';
import { findScenario } from '../../../scenarios';
import { wrap } from './explain';

let sandbox: Sandbox;
async function run(line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}
beforeAll(async () => {
  sandbox = await findScenario('ready-cluster')!.build({ seed: 31 });
  await run('kubectl run web --image=nginx:1.27 && kubectl run bad --image=nosuch/x && sleep 40');
});

describe('kubectl events', () => {
  it('prints LAST SEEN TYPE REASON OBJECT MESSAGE oldest first, with --for and --types', async () => {
    const lines = (await run('kubectl events --for pod/web')).out.split('\n');
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT    MESSAGE');
    expect(lines[1]).toBe('40s         Normal   Scheduled   Pod/web   Successfully assigned default/web to node01');
    expect(lines.at(-2)).toMatch(/^35s +Normal +Started +Pod\/web +Started container web$/);
    const warnings = (await run('kubectl events --types=Warning -A')).out;
    expect(warnings).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
    // A repeated event: when it was last seen, how often, since when.
    expect(warnings).toMatch(/\nkube-system +10m \(x3 over 10m\) +Warning +FailedScheduling +Pod\/coredns-/);
    expect(warnings).toMatch(/\ndefault +35s +Warning +Failed +Pod\/bad +Failed to pull image "nosuch\/x"/);
    expect(await run('kubectl events --types=Oops')).toEqual({ out: 'error: valid --types are Normal or Warning\n', code: 1 });
    expect(await run('kubectl events -n nope')).toEqual({ out: 'No events found in nope namespace.\n', code: 0 });
    expect((await run('kubectl get events --field-selector involvedObject.name=web')).out.split('\n')[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT    MESSAGE');
  });
});

describe('kubectl explain', () => {
  it('a kind: KIND, VERSION, DESCRIPTION and FIELDS as the v2 plaintext template lays them out', async () => {
    const out = (await run('kubectl explain pods')).out;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n    APIVersion defines the versioned schema of this representation of an object.\n')).toBe(true);
    expect(out.endsWith('  status\t<PodStatus>\n    Most recently observed status of the pod. This data may not be up to date.\n    Populated by the system. Read-only. More info:\n    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n\n\n')).toBe(true);
    expect((await run('kubectl explain deploy')).out.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n')).toBe(true);
  });

  it('a field: FIELD line, the field and its type described, its fields; unknown names fail as kubectl does', async () => {
    const out = (await run('kubectl explain pod.spec.containers')).out;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n\n\nDESCRIPTION:\n    List of containers belonging to the pod. Containers cannot currently be\n    added or removed. There must be at least one container in a Pod. Cannot be\n    updated.\n    A single application container that you want to run within a pod.\n    \nFIELDS:\n  args\t<[]string>\n')).toBe(true);
    expect(out).toContain('\n  name\t<string> -required-\n    Name of the container specified as a DNS_LABEL.');
    expect((await run('kubectl explain svc.spec')).out).toContain('\n  type\t<string>\n  enum: ClusterIP, ExternalName, LoadBalancer, NodePort\n');
    expect((await run('kubectl explain deploy.spec.replicas')).out).toBe('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n    \n\n');
    expect(await run('kubectl explain pod.spec.nope')).toEqual({ out: 'error: field "nope" does not exist\n', code: 1 });
    expect(await run('kubectl explain widgets')).toEqual({ out: 'error: the server doesn\'t have a resource type "widgets"\n', code: 1 });
  });

  it('wraps as go-wordwrap does', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('averyveryverylongword x', 5)).toBe('averyveryverylongword\nx');
  });
});

describe('kubectl logs', () => {
  it('-c, --tail, --previous and their errors', async () => {
    expect((await run('kubectl logs web --tail=1')).out).toMatch(/^\S+ \S+ \[notice\] 1#1: start worker process \d+\n$/);
    expect((await run('kubectl logs pod/web -c web')).out).toContain('Configuration complete; ready for start up');
    expect(await run('kubectl logs web -p')).toEqual({ out: 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n', code: 1 });
    expect(await run('kubectl logs web -c x')).toEqual({ out: 'Error from server (BadRequest): container x is not valid for pod web\n', code: 1 });
    expect(await run('kubectl logs bad')).toEqual({ out: 'Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: ImagePullBackOff\n', code: 1 });
  });

  it('-f on a terminal follows until Ctrl-C', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await sandbox.console.run('kubectl logs -f web', controller.signal, (text) => {
      seen.push(text);
      controller.abort();
    });
    expect(result.exitCode).toBe(130);
    expect(seen.join('')).toContain('start worker process');
  });
});

describe('kubectl config and port-forward', () => {
  it('reads and switches contexts in the kubeconfig; set-context --current --namespace sets the default namespace', async () => {
    expect((await run('kubectl config get-contexts')).out).toBe('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n');
    expect((await run('kubectl config current-context')).out).toBe('kubernetes-admin@kubernetes\n');
    expect(await run('kubectl config use-context nope')).toEqual({ out: 'error: no context exists with the name: "nope"\n', code: 1 });
    expect((await run('kubectl config use-context kubernetes-admin@kubernetes')).out).toBe('Switched to context "kubernetes-admin@kubernetes".\n');
    expect((await run('kubectl config set-context --current --namespace=kube-system')).out).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect((await run('kubectl get pod etcd-controlplane -o name')).out).toBe('pod/etcd-controlplane\n');
    await run('kubectl config set-context --current --namespace=default');
    expect((await run('kubectl config view')).out).toContain('    namespace: default\n');
  });

  it('port-forward prints the forwards and says what is not modelled', async () => {
    const result = await run('kubectl port-forward pod/web 8080:80');
    expect(result.out).toMatch(/^Forwarding from 127\.0\.0\.1:8080 -> 80\nForwarding from \[::1\]:8080 -> 80\ndockyard: /);
    expect(await run('kubectl port-forward pod/bad 8080:80')).toEqual({ out: 'error: unable to forward port because pod is not running. Current status=Pending\n', code: 1 });
    expect((await run('kubectl edit deploy web')).out).toMatch(/^dockyard: kubectl edit is not modelled/);
  });
});
