import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './index';
import { INITIAL_PROMPTS } from './prompts';

describe('scenarios', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name} opens with the prompt the page paints before the world is up`, async () => {
      const sandbox = await scenario.build({ seed: 1 });
      expect(sandbox.console.prompt()).toBe(INITIAL_PROMPTS[scenario.name]);
    });
  }
});

describe('cluster-with-app adopts the cluster a student built in lesson 8', () => {
  const scenario = SCENARIOS.find((s) => s.name === 'cluster-with-app')!;

  it('refuses hosts that are not yet a whole cluster', async () => {
    const fresh = await SCENARIOS.find((s) => s.name === 'three-fresh-hosts')!.build({ seed: 1 });
    expect(await scenario.adopt!(fresh)).toBe(false);
  });

  it('takes over three Ready nodes with kubectl set up, and adds the app', async () => {
    const built = await SCENARIOS.find((s) => s.name === 'three-fresh-hosts')!.build({ seed: 1 });
    for (const line of [
      'swapoff -a && ssh node01 swapoff -a && ssh node02 swapoff -a',
      'kubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null 2>&1',
      'mkdir -p ~/.kube && cp /etc/kubernetes/admin.conf ~/.kube/config',
      'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml >/dev/null',
      'ssh node01 "$(kubeadm token create --print-join-command)" >/dev/null',
      'ssh node02 "$(kubeadm token create --print-join-command)" >/dev/null',
      'kubectl wait --for=condition=Ready node --all --timeout=300s >/dev/null',
    ]) expect((await built.console.run(line)).exitCode, line).toBe(0);
    expect(await scenario.adopt!(built)).toBe(true);
    expect((await built.console.run('ls -A ~/hello-web | sort')).stdout).toBe('.dockerignore\nDockerfile\npackage.json\nserver.js\n');
  });
});
