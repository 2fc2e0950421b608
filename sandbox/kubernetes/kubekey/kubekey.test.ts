import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';
import { readClusterConfig, sampleConfig } from './config';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; stdout: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, stdout: result.stdout, code: result.exitCode };
}

const HOSTS = `  hosts:
  - {name: controlplane, address: 10.0.0.10, internalAddress: 10.0.0.10, user: root}
  - {name: node01, address: 10.0.0.11, internalAddress: 10.0.0.11, user: root}
  - {name: node02, address: 10.0.0.12, internalAddress: 10.0.0.12, user: root}`;

/** The sample, edited as the lesson asks: the three hosts, controlplane also a worker. */
function labConfig(): string {
  return sampleConfig('v1.31.4')
    .replace(/ {2}hosts:\n(.*\n){2}/, `${HOSTS}\n`)
    .replace(/node1/g, 'controlplane')
    .replace('    - node2', '    - node01\n    - node02');
}

describe('kk (KubeKey v3.1)', () => {
  it('checks roleGroups against the hosts as KubeKey does', () => {
    expect(readClusterConfig(labConfig())).toMatchObject({ controlPlane: [{ name: 'controlplane' }], worker: [{ name: 'controlplane' }, { name: 'node01' }, { name: 'node02' }], podCidr: '10.233.64.0/18' });
    expect(readClusterConfig(labConfig().replace('    - node02', '    - node02\n    - node9'))).toEqual({ error: '[node9] is in [worker] group, but not in hosts list' });
    expect(readClusterConfig(labConfig().replace(/ {4}control-plane: \n {4}- controlplane\n/, ''))).toEqual({ error: 'The number of master/control-plane cannot be 0' });
    expect(readClusterConfig(labConfig().replace(/ {4}etcd:\n {4}- controlplane\n/, ''))).toEqual({ error: 'The number of etcd cannot be 0' });
  });

  it('writes the sample config, builds the cluster with -y (or a piped yes), and leaves kubectl working', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 3 });
    expect((await run(sandbox, './kk create config --with-kubernetes v1.31.4')).stdout).toBe('Generate KubeKey config file successfully\n');
    expect((await run(sandbox, 'head -3 config-sample.yaml')).out).toBe('\napiVersion: kubekey.kubesphere.io/v1alpha2\nkind: Cluster\n');
    await sandbox.host.rootView().writeFile('/root/config-sample.yaml', labConfig());
    const no = await run(sandbox, 'echo no | ./kk create cluster -f config-sample.yaml');
    expect(no.code).toBe(0);
    expect(no.stdout).toMatch(/Continue this installation\? \[yes\/no\]: no\n$/);
    expect(sandbox.host.lan!.cluster).toBeUndefined();
    const yes = await run(sandbox, 'echo yes | ./kk create cluster -f config-sample.yaml');
    expect(yes.code).toBe(0);
    expect(yes.stdout).toMatch(/ UTC Pipeline\[CreateClusterPipeline\] execute successfully\nInstallation is complete\.\n/);
    expect(yes.out.match(/dockyard: /g)).toHaveLength(1);
    const nodes = (await run(sandbox, 'kubectl get nodes --no-headers')).out;
    expect(nodes).toMatch(/^controlplane +Ready +control-plane,worker .*\nnode01 +Ready +worker .*\nnode02 +Ready +worker /);
    expect((await run(sandbox, 'kubectl get nodes -o jsonpath={.items[*].spec.podCIDR}')).out).toBe('10.233.64.0/24 10.233.65.0/24 10.233.66.0/24');
    // kk turned swap off everywhere and kept it off in fstab.
    expect((await run(sandbox, 'ssh node01 "swapon --show; grep swap /etc/fstab"')).out).toBe('#/swap.img\tnone\tswap\tsw\t0\t0\n');
    expect((await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 --replicas=3 && sleep 10 && kubectl get deploy web --no-headers')).out).toMatch(/^deployment.apps\/web created\nweb +3\/3 /);
  }, 30_000);

  it('says what is not modelled and refuses to run without a config it can read', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 3 });
    expect(await run(sandbox, './kk delete cluster')).toMatchObject({ code: 1, out: 'dockyard: kk delete cluster is not modelled in this sandbox yet; try ./kk create config or ./kk create cluster\n' });
    expect((await run(sandbox, './kk create cluster -f nope.yaml')).code).toBe(1);
    expect((await run(sandbox, './kk --bogus')).out).toBe('Error: unknown flag: --bogus\n');
    expect((await run(sandbox, 'kk version')).code).toBe(127);
  });
});
