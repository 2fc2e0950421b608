/**
 * The Containers, Volumes and Pod Template sections of `kubectl describe` (describeContainers,
 * describeVolumes, DescribePodTemplate in k8s.io/kubectl/pkg/describe), shared by pods and the
 * workloads that template them.
 */
import type { Container, ContainerState, ContainerStatus, PodTemplateSpec, Probe } from '../../api/types';
import { rfc1123z } from './age';
import { PrefixWriter, writeAnnotations, writeLabels, writeTolerations } from './describe-writer';

const bool = (b: boolean) => (b ? 'True' : 'False');

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  // The API server defaults timeout 1s, period 10s, success 1, failure 3.
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${p.exec.command.join(' ')}] ${attrs}`;
  if (p.httpGet) return `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket :${p.tcpSocket.port} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeState(w: PrefixWriter, name: string, state: Partial<ContainerState> | Record<string, never> | undefined): void {
  if (state && 'running' in state && state.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state && 'terminated' in state && state.terminated) {
    const t = state.terminated as { exitCode: number; reason: string; message?: string; signal?: number; startedAt?: string; finishedAt?: string };
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    const reason = state && 'waiting' in state ? state.waiting?.reason : undefined;
    if (reason) w.write(3, `Reason:\t${reason}\n`);
  }
}

/** describeContainers: `space` is `''` for a pod and `'  '` inside a Pod Template. */
export function writeContainers(w: PrefixWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, space: string): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses ? byName.get(c.name) : undefined;
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      writeState(w, 'State', status.state);
      if (status.lastState && 'terminated' in status.lastState && status.lastState.terminated) writeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${bool(status.ready)}\n`);
      w.write(2, `Restart Count:\t${status.restartCount}\n`);
    }
    for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      const names = Object.keys(list ?? {}).sort();
      if (names.length > 0) w.write(2, `${title}:\n`);
      for (const n of names) w.write(3, `${n}:\t${list![n]}\n`);
    }
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) w.write(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`);
  }
}

type Volume = { name: string; [source: string]: unknown };
type Projection = { serviceAccountToken?: { expirationSeconds?: number }; configMap?: { name: string; optional?: boolean }; downwardAPI?: unknown; secret?: { name: string; optional?: boolean } };

/** describeVolumes, for the volume sources the cluster uses. */
export function writeVolumes(w: PrefixWriter, volumes: Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      const hp = v.hostPath as { path: string; type?: string };
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hp.path}\n    HostPathType:\t${hp.type || '<none>'}\n`);
    } else if (v.emptyDir) {
      const ed = v.emptyDir as { medium?: string; sizeLimit?: string };
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${ed.medium ?? ''}\n    SizeLimit:\t${ed.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      const cm = v.configMap as { name: string; optional?: boolean };
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${cm.name}\n    Optional:\t${cm.optional ?? false}\n`);
    } else if (v.secret) {
      const s = v.secret as { secretName: string; optional?: boolean };
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${s.secretName}\n    Optional:\t${s.optional ?? false}\n`);
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const source of ((v.projected as { sources?: Projection[] }).sources ?? [])) {
        if (source.secret) w.write(2, `SecretName:\t${source.secret.name}\n    SecretOptionalName:\t${source.secret.optional ?? '<nil>'}\n`);
        else if (source.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (source.configMap) w.write(2, `ConfigMapName:\t${source.configMap.name}\n    ConfigMapOptional:\t${source.configMap.optional ?? '<nil>'}\n`);
        else if (source.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3607}\n`);
      }
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

/** DescribePodTemplate, as deployments, replicasets and daemonsets show it. */
export function writePodTemplate(w: PrefixWriter, template: PodTemplateSpec): void {
  w.write(0, 'Pod Template:\n');
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (template.spec.serviceAccountName) w.write(1, `Service Account:\t${template.spec.serviceAccountName}\n`);
  if (template.spec.initContainers?.length) writeContainers(w, 'Init Containers', template.spec.initContainers, undefined, '  ');
  writeContainers(w, 'Containers', template.spec.containers, undefined, '  ');
  writeVolumes(w, template.spec.volumes, '  ');
  if (template.spec.priorityClassName) w.write(1, `Priority Class Name:\t${template.spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', template.spec.nodeSelector);
  writeTolerations(w, '  Tolerations', template.spec.tolerations);
}
