/**
 * Issue 7's "done when", typed into the real page: on three fresh hosts, swap off, kubeadm init, the
 * kubeconfig copied, a CNI applied, two workers joined over ssh, every node Ready, nginx deployed
 * and exposed on a NodePort, and curl from node02 answered by nginx; after a reload the cluster is
 * still there. The page is lesson 8's, whose scenario is the three fresh hosts.
 */
import { expect, test } from '@playwright/test';
import { LESSON_EXERCISES } from '../content/exercises';
import { expectScreen, screenText, terminal, typeLine, waitForPrompt, waitForSave } from './terminal';

const LESSON = '/en/install-with-kubeadm/';

test('a cluster built by hand on three hosts serves nginx on a NodePort, and survives a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LESSON);
  await waitForPrompt(page);
  // Fresh Ubuntu VMs come with swap on, and the kubelet will not start with it.
  await typeLine(page, 'swapoff -a');
  await typeLine(page, 'kubeadm init --pod-network-cidr=10.244.0.0/16');
  await expectScreen(page, 'Your Kubernetes control-plane has initialized successfully!');
  await typeLine(page, 'clear; mkdir -p $HOME/.kube && cp -i /etc/kubernetes/admin.conf $HOME/.kube/config');
  await typeLine(page, 'kubectl get nodes');
  await expectScreen(page, /controlplane +NotReady +control-plane/);
  await typeLine(page, 'clear; kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml');
  await expectScreen(page, 'daemonset.apps/kube-flannel-ds created');

  // One worker joins from its own shell (asking the control plane for a join command), the other in one line.
  await typeLine(page, 'clear; ssh node01');
  await expectScreen(page, 'root@node01:~#');
  await typeLine(page, `swapoff -a && ssh controlplane kubeadm token create --print-join-command > join.sh && bash join.sh`);
  await expectScreen(page, 'This node has joined the cluster');
  await typeLine(page, 'exit');
  await expectScreen(page, 'Connection to node01 closed.');
  await typeLine(page, 'clear; ssh node02 swapoff -a && ssh node02 "$(kubeadm token create --print-join-command)"');
  await expectScreen(page, 'This node has joined the cluster');

  await typeLine(page, 'clear; kubectl wait --for=condition=Ready nodes --all --timeout=300s');
  await expectScreen(page, 'node/node02 condition met');
  await typeLine(page, 'clear; kubectl get nodes');
  for (const node of ['controlplane', 'node01', 'node02']) await expectScreen(page, new RegExp(`${node} +Ready`));

  await typeLine(page, 'clear; kubectl create deployment web --image=nginx --replicas=3');
  await typeLine(page, 'kubectl expose deployment web --type=NodePort --port=80');
  await typeLine(page, 'kubectl rollout status deployment/web');
  await expectScreen(page, 'deployment "web" successfully rolled out');

  // Everything is still there after a reload: the hosts, the cluster, the shell's directory.
  await waitForSave(page);
  await page.reload();
  await waitForPrompt(page);
  await typeLine(page, 'clear; kubectl get deployment web');
  await expectScreen(page, /web +3\/3 +3 +3/);
  await typeLine(page, 'PORT=$(kubectl get svc web -o jsonpath="{.spec.ports[0].nodePort}")');
  await typeLine(page, 'clear; ssh node02 curl -s node02:$PORT | grep title');
  await expectScreen(page, '<title>Welcome to nginx!</title>');
  await expect(terminal(page)).toHaveAttribute('data-shell-state', 'idle');
});

test('lesson 9 carries on in the cluster the student built in lesson 8', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LESSON);
  await waitForPrompt(page);
  for (const exercise of LESSON_EXERCISES['install-with-kubeadm'].exercises) for (const command of exercise.solution.commands) await typeLine(page, command);
  await typeLine(page, 'clear; kubectl label node node01 built-by=me');
  await waitForSave(page);

  await page.goto('/en/ship-your-app/');
  await waitForPrompt(page);
  await expectScreen(page, 'You carry on in the cluster you built in the previous lesson');
  await typeLine(page, 'clear; kubectl get nodes -l built-by=me; ls ~/hello-web');
  await expectScreen(page, /node01 +Ready +<none>/);
  await expectScreen(page, /Dockerfile +package\.json +server\.js/);
  // From now on the world is this lesson's own: a reload restores it without carrying anything again.
  await typeLine(page, 'touch ~/mine');
  await waitForSave(page);
  await page.reload();
  await waitForPrompt(page);
  await typeLine(page, 'clear; ls ~/mine');
  await expectScreen(page, /^\/root\/mine$/m);
  expect(await screenText(page)).not.toContain('You carry on');
});
