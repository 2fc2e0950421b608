/**
 * `kubectl rollout status|history|undo|restart deployment/NAME` and `kubectl set image`. Status
 * waits on the simulated clock for the controllers and kubelets to finish the rollout, printing
 * kubectl's progress lines as they change, until it is done or Ctrl-C stops it.
 */
import { notFound } from '../../api/errors';
import type { Store } from '../../api/store-types';
import type { Deployment } from '../../api/types';
import type { Cluster } from '../../cluster';
import { rollbackDeployment, rolloutHistory } from '../../controllers/rollback';
import { lastValue, type KubectlArgs } from '../args';
import type { KubectlResult } from './result';

const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });

function deploymentNamed(store: Store, operands: string[], namespace: string): Deployment | KubectlResult {
  const [first, second] = operands;
  const [type, name] = first?.includes('/') ? first.split('/') : [first, second];
  if (!type || !name) return fail('error: required resource not specified\n');
  if (!['deployment', 'deployments', 'deploy', 'deployment.apps', 'deployments.apps'].includes(type)) return fail(`error: no rollbacker has been implemented for "${type}" in this sandbox (Deployments only)\n`);
  const found = store.get<Deployment>('Deployment', namespace, name);
  return found ?? fail(`Error from server (NotFound): ${notFound('deployments.apps', name).message}\n`);
}

/** kubectl's DeploymentStatusViewer: the line for the rollout's current state, and whether it is done. */
function progress(d: Deployment): { line: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  const want = d.spec.replicas ?? 1;
  const s = d.status ?? {};
  const stuck = s.conditions?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
  if (stuck) return { line: '', done: true, error: `error: deployment "${name}" exceeded its progress deadline\n` };
  if ((s.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return { line: 'Waiting for deployment spec update to be observed...\n', done: false };
  if ((s.updatedReplicas ?? 0) < want) return { line: `Waiting for deployment "${name}" rollout to finish: ${s.updatedReplicas ?? 0} out of ${want} new replicas have been updated...\n`, done: false };
  if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) return { line: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...\n`, done: false };
  if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) return { line: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...\n`, done: false };
  return { line: `deployment "${name}" successfully rolled out\n`, done: true };
}

export async function rollout(cluster: Cluster, args: KubectlArgs, namespace: string, wait: (ms: number) => Promise<boolean>, write: (text: string) => boolean): Promise<KubectlResult> {
  const [action, ...rest] = args.operands;
  const store = cluster.store;
  const found = deploymentNamed(store, rest, namespace);
  if ('exitCode' in found) return found;
  const deployment = found;
  switch (action) {
    case 'status': {
      let shown = '';
      let out = '';
      // Until it is done, the progress deadline passes, or Ctrl-C (each step is at least a heartbeat).
      for (let step = 0; step < 10_000; step++) {
        cluster.settle();
        const current = store.get<Deployment>('Deployment', namespace, deployment.metadata.name);
        if (!current) return { stdout: out, stderr: `Error from server (NotFound): ${notFound('deployments.apps', deployment.metadata.name).message}\n`, exitCode: 1 };
        const { line, done, error } = progress(current);
        if (error) return { stdout: out, stderr: error, exitCode: 1 };
        if (line !== shown) {
          if (!write(line)) out += line;
          shown = line;
        }
        if (done) return { stdout: out, stderr: '', exitCode: 0 };
        const next = cluster.nextChange();
        if (next === undefined || !(await wait(Math.max(1, next - cluster.now())))) break;
      }
      return { stdout: out, stderr: '', exitCode: 130 };
    }
    case 'history': {
      const entries = rolloutHistory(store, deployment);
      const lines = ['REVISION  CHANGE-CAUSE', ...entries.map((e) => `${String(e.revision).padEnd(10)}${e.changeCause ?? '<none>'}`)];
      return { stdout: `deployment.apps/${deployment.metadata.name} \n${lines.join('\n')}\n\n`, stderr: '', exitCode: 0 };
    }
    case 'undo': {
      const result = rollbackDeployment(store, deployment, Number(lastValue(args, 'to-revision') ?? 0));
      if (result.outcome === 'error') return fail(`error: ${result.message}\n`);
      if (result.outcome === 'skipped') return { stdout: `deployment.apps/${deployment.metadata.name} skipped rollback (${result.message})\n`, stderr: '', exitCode: 0 };
      return { stdout: `deployment.apps/${deployment.metadata.name} rolled back\n`, stderr: '', exitCode: 0 };
    }
    case 'restart': {
      const template = deployment.spec.template;
      template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': new Date(cluster.now()).toISOString().replace(/\.\d+Z$/, 'Z') } };
      store.update(deployment);
      return { stdout: `deployment.apps/${deployment.metadata.name} restarted\n`, stderr: '', exitCode: 0 };
    }
    default:
      return fail(`error: unknown command "${action ?? ''}" for "kubectl rollout"\n`);
  }
}

/** `kubectl set image deployment/web nginx=nginx:1.27.3`. */
export function setImage(store: Store, args: KubectlArgs, namespace: string): KubectlResult {
  const [what, target, ...pairs] = args.operands;
  if (what !== 'image') return fail(`error: unknown command "${what ?? ''}" for "kubectl set" (this sandbox models set image)\n`);
  const found = deploymentNamed(store, target?.includes('/') ? [target] : [target, pairs.shift() ?? ''], namespace);
  if ('exitCode' in found) return found;
  const changes = pairs.map((p) => p.split('='));
  for (const [name, image] of changes) {
    const container = found.spec.template.spec.containers.find((c) => c.name === name || name === '*');
    if (!container || !image) return fail(`error: unable to find container named "${name}"\n`);
    container.image = image;
  }
  store.update(found);
  return { stdout: `deployment.apps/${found.metadata.name} image updated\n`, stderr: '', exitCode: 0 };
}
