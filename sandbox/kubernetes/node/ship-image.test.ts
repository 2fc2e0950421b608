import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; err: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout, err: result.stderr, code: result.exitCode };
}

const SERVER = `const http = require("http");\nhttp.createServer((req, res) => res.end("Hello from my app\\\\n")).listen(8080, () => console.log("listening on 8080"));\n`;
const DOCKERFILE = 'FROM node:20-alpine\\nWORKDIR /app\\nCOPY server.js .\\nEXPOSE 8080\\nCMD ["node", "server.js"]\\n';

/** The ready cluster with hello-node:v1 built and saved on controlplane. */
async function built(): Promise<Sandbox> {
  const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
  await run(sandbox, 'mkdir app && cd app');
  await run(sandbox, `printf '${SERVER}' > server.js`);
  await run(sandbox, `printf '${DOCKERFILE}' > Dockerfile`);
  expect((await run(sandbox, 'docker build -q -t hello-node:v1 .')).code).toBe(0);
  expect((await run(sandbox, 'docker save -o hello-node.tar hello-node:v1')).code).toBe(0);
  return sandbox;
}

describe('shipping a student image to the nodes without a registry', () => {
  it('docker save refuses a terminal, and save/load round-trip an image', async () => {
    const sandbox = await built();
    expect(await run(sandbox, 'docker save hello-node:v1')).toEqual({ out: '', err: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n', code: 1 });
    await run(sandbox, 'docker save hello-node:v1 > copy.tar');
    expect((await run(sandbox, '[ "$(cat hello-node.tar)" = "$(cat copy.tar)" ] && echo same')).out).toBe('same\n');
    expect((await run(sandbox, 'docker rmi hello-node:v1')).code).toBe(0);
    expect((await run(sandbox, 'docker load -i hello-node.tar | tail -1')).out).toBe('Loaded image: hello-node:v1\n');
    expect((await run(sandbox, 'docker load < copy.tar')).out).toBe('Loaded image: hello-node:v1\n');
    expect((await run(sandbox, 'docker load -i nope.tar')).err).toBe('open nope.tar: no such file or directory\n');
    expect((await run(sandbox, 'docker save -o x.tar nope')).err).toBe('Error response from daemon: No such image: nope:latest\n');
  });

  it('build → save → scp → ctr import on both nodes → deployment → the app answers through a NodePort', async () => {
    const sandbox = await built();
    // On a terminal, OpenSSH's progress meter (80 columns); piped, nothing.
    expect(await run(sandbox, 'scp hello-node.tar node01:')).toEqual({ out: `hello-node.tar${' '.repeat(30)} 100% 3591     3.4MB/s   00:00    \n`, err: '', code: 0 });
    expect((await run(sandbox, 'scp hello-node.tar node01: | wc -c')).out.trim()).toBe('0');
    expect((await run(sandbox, 'scp hello-node.tar node02:/root/')).code).toBe(0);
    expect(await run(sandbox, 'scp hello-node.tar nope:')).toEqual({ out: '', err: 'ssh: Could not resolve hostname nope: Name or service not known\nscp: Connection closed\n', code: 255 });
    expect((await run(sandbox, 'scp /x node01:')).err).toBe('scp: /x: No such file or directory\n');
    for (const node of ['node01', 'node02']) {
      expect((await run(sandbox, `ssh ${node} ctr -n k8s.io images import hello-node.tar`)).out).toMatch(/^unpacking docker\.io\/library\/hello-node:v1 \(sha256:[0-9a-f]{64}\)\.\.\.done\n$/);
    }
    const listed = (await run(sandbox, 'ssh node01 ctr -n k8s.io images ls')).out.split('\n');
    expect(listed[0]).toMatch(/^REF +TYPE +DIGEST +SIZE +PLATFORMS +LABELS +$/);
    expect(listed.find((l) => l.startsWith('docker.io/library/hello-node:v1 '))).toMatch(/ application\/vnd\.oci\.image\.manifest\.v1\+json +sha256:[0-9a-f]{64} +[\d.]+ MiB +linux\/amd64 +- +$/);
    expect((await run(sandbox, 'ssh node01 ctr images ls')).out).toBe('REF TYPE DIGEST SIZE PLATFORMS LABELS \n');
    expect((await run(sandbox, 'ssh node01 crictl images')).out).toMatch(/\ndocker\.io\/library\/hello-node +v1 +[0-9a-f]{13} +/);

    await run(sandbox, 'kubectl create deployment hello --image=hello-node:v1 --replicas=3 --port=8080');
    await run(sandbox, 'kubectl expose deployment hello --type=NodePort --port=8080');
    await run(sandbox, 'sleep 10');
    const pods = (await run(sandbox, 'kubectl get pods --no-headers')).out.trim().split('\n');
    expect(pods.filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(3);
    const events = (await run(sandbox, 'kubectl get events')).out;
    expect(events).toContain('Container image "hello-node:v1" already present on machine');
    expect(events).not.toContain('Pulling image "hello-node:v1"');
    const port = (await run(sandbox, "kubectl get svc hello -o jsonpath='{.spec.ports[0].nodePort}'")).out;
    for (const node of ['node01', 'node02', '10.0.0.11']) expect((await run(sandbox, `curl -s ${node}:${port}`)).out).toBe('Hello from my app\n');
    const pod = pods[0].split(/\s+/)[0];
    expect((await run(sandbox, `kubectl logs ${pod}`)).out).toBe('listening on 8080\n');
  });

  it('a node where the image was not imported cannot pull it: ErrImagePull, and ErrImageNeverPull with Never', async () => {
    const sandbox = await built();
    await run(sandbox, 'scp hello-node.tar node01:');
    await run(sandbox, 'ssh node01 ctr -n k8s.io images import hello-node.tar');
    await run(sandbox, 'kubectl create deployment hello --image=hello-node:v1 --replicas=4');
    await run(sandbox, 'sleep 10');
    const wide = (await run(sandbox, 'kubectl get pods -o wide --no-headers')).out.trim().split('\n');
    expect(wide.filter((l) => / node02 /.test(l)).every((l) => /0\/1 +(ErrImagePull|ImagePullBackOff) /.test(l))).toBe(true);
    expect(wide.filter((l) => / node01 /.test(l)).every((l) => /1\/1 +Running /.test(l))).toBe(true);
    expect((await run(sandbox, 'kubectl get events')).out).toContain('failed to pull and unpack image "docker.io/library/hello-node:v1": failed to resolve reference "docker.io/library/hello-node:v1": pull access denied');
    // Importing on node02 afterwards: the stuck pods start at the kubelet's next try.
    await run(sandbox, 'scp hello-node.tar node02:');
    await run(sandbox, 'ssh node02 ctr -n k8s.io images import hello-node.tar');
    await run(sandbox, 'sleep 20');
    expect((await run(sandbox, 'kubectl get pods --no-headers')).out.trim().split('\n').every((l) => / 1\/1 +Running /.test(l))).toBe(true);

    await run(sandbox, `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: never\\nspec:\\n  nodeName: node02\\n  containers:\\n  - name: app\\n    image: other:v2\\n    imagePullPolicy: Never\\n' > never.yaml`);
    await run(sandbox, 'kubectl apply -f never.yaml');
    await run(sandbox, 'sleep 10');
    expect((await run(sandbox, 'kubectl get pod never --no-headers')).out).toMatch(/^never +0\/1 +ErrImageNeverPull /);
    expect((await run(sandbox, 'kubectl get events')).out).toContain('Container image "other:v2" is not present with pull policy of Never');
  });

  it('imported images, unpacked layers and the running app survive a snapshot and restore', async () => {
    const sandbox = await built();
    for (const node of ['node01', 'node02']) {
      await run(sandbox, `scp hello-node.tar ${node}:`);
      await run(sandbox, `ssh ${node} ctr -n k8s.io images import hello-node.tar`);
    }
    await run(sandbox, 'kubectl create deployment hello --image=hello-node:v1 --replicas=2 --port=8080');
    await run(sandbox, 'kubectl expose deployment hello --type=NodePort --port=8080');
    await run(sandbox, 'sleep 10');
    const port = (await run(sandbox, "kubectl get svc hello -o jsonpath='{.spec.ports[0].nodePort}'")).out;
    expect((await run(sandbox, `curl -s node01:${port}`)).out).toBe('Hello from my app\n');
    const restored = await Sandbox.restore(JSON.parse(JSON.stringify(await sandbox.snapshot())));
    expect((await run(restored, 'ssh node02 ctr -n k8s.io images ls -q')).out).toContain('docker.io/library/hello-node:v1\n');
    expect((await run(restored, `curl -s node02:${port}`)).out).toBe('Hello from my app\n');
    const pod = (await run(restored, 'kubectl get pods --no-headers')).out.split(/\s+/)[0];
    expect((await run(restored, `kubectl logs ${pod}`)).out).toBe('listening on 8080\n');
    // A new pod after the restore starts from the imported image too.
    await run(restored, 'kubectl scale deployment hello --replicas=4');
    await run(restored, 'sleep 10');
    expect((await run(restored, 'kubectl get pods --no-headers')).out.trim().split('\n').filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(4);
  });
});
