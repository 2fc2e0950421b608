import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../index';
import { findScenario } from '../../../scenarios';

let sandbox: Sandbox;
async function run(line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}
beforeAll(async () => {
  sandbox = await findScenario('ready-cluster')!.build({ seed: 21 });
});

// Goldens: what kubectl 1.31's generators print (typed structs: `creationTimestamp: null`, empty `{}`s).
describe('kubectl create/run/expose --dry-run=client', () => {
  it('create deployment -o yaml', async () => {
    expect((await run('kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml')).out).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.27\n        name: nginx\n        resources: {}\nstatus: {}\n',
    );
  });

  it('create deployment -o json keeps the Go struct order', async () => {
    const json = (await run('kubectl create deploy web --image=nginx:1.27 --port=80 -n dev --dry-run=client -o json')).out;
    expect(json.split('\n').slice(0, 7).join('\n')).toBe('{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n    "metadata": {\n        "name": "web",\n        "namespace": "dev",\n        "creationTimestamp": null,');
    expect(JSON.parse(json).spec.template.spec.containers[0]).toEqual({ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} });
    expect(json).toMatch(/"strategy": \{\}\n {4}\},\n {4}"status": \{\}\n\}\n$/);
  });

  it('run, namespace, configmap and services', async () => {
    expect((await run('kubectl run web --image=nginx:1.27 --port=80 --dry-run=client -o yaml')).out).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: web\n  name: web\nspec:\n  containers:\n  - image: nginx:1.27\n    name: web\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect((await run('kubectl create ns dev --dry-run=client -o yaml')).out).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: dev\nspec: {}\nstatus: {}\n');
    expect((await run('kubectl create configmap cfg --from-literal=color=blue --dry-run=client -o yaml')).out).toBe('apiVersion: v1\ndata:\n  color: blue\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n');
    expect((await run('kubectl create service nodeport web --tcp=80:8080 --dry-run=client -o yaml')).out).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    );
    expect(await run('kubectl create service clusterip web')).toEqual({ out: 'error: at least one tcp port specifier must be provided\n', code: 1 });
    expect(await run('kubectl create ns dev --dry-run=client')).toEqual({ out: 'namespace/dev created (dry run)\n', code: 0 });
    expect(await run('kubectl create ns dev --dry-run=maybe')).toEqual({ out: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n', code: 1 });
    expect((await run('kubectl get ns dev')).code).toBe(1);
  });

  it('expose, and server dry-run checks without storing', async () => {
    expect((await run('kubectl create deployment web --image=nginx:1.27 --port=80')).out).toBe('deployment.apps/web created\n');
    expect((await run('kubectl expose deployment web --dry-run=client -o yaml')).out).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n',
    );
    expect(await run('kubectl create deployment web --image=nginx:1.27 --dry-run=server')).toEqual({ out: 'Error from server (AlreadyExists): deployments.apps "web" already exists\n', code: 1 });
    expect(await run('kubectl create deployment api --image=nginx:1.27 --dry-run=server')).toEqual({ out: 'deployment.apps/api created (server dry run)\n', code: 0 });
    expect((await run('kubectl get deploy api')).code).toBe(1);
    expect((await run('kubectl expose deploy web --type=NodePort')).out).toBe('service/web exposed\n');
    expect((await run('kubectl get svc web -o jsonpath={.spec.type}')).out).toBe('NodePort');
    expect((await run('kubectl create cm cfg --from-literal=a=b -o name')).out).toBe('configmap/cfg\n');
  });
});
