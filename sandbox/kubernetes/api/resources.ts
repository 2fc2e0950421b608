/**
 * The API's resource table, as discovery serves it to kubectl: kind ↔ plural ↔ singular ↔ short
 * names ↔ group/version ↔ namespaced, plus where etcd keeps each one. `kubectl get po`,
 * `kubectl api-resources`, error messages (`deployments.apps "x" not found`) and the store's etcd
 * keys all read it. It lists what a fresh kubeadm v1.31 cluster serves; `modelled` marks the kinds
 * the simulation types and reconciles (the store keeps any listed kind as plain data).
 */

export interface ResourceInfo {
  /** `pods`, `deployments`: the name in URLs and in `kubectl api-resources`. */
  plural: string;
  /** `pod`: the lower-case kind, also accepted by kubectl. */
  singular: string;
  shortNames: string[];
  kind: string;
  /** `''` for the core group. */
  group: string;
  version: string;
  /** `v1`, `apps/v1`. */
  apiVersion: string;
  namespaced: boolean;
  /** Under `/registry/`: `pods`, `minions` for nodes, `services/specs`. */
  etcdPrefix: string;
  /** The server keeps metadata.generation for it (bumped on spec changes). */
  generation: boolean;
  /** `all` for the kinds `kubectl get all` shows. */
  categories: string[];
  /** Types in api/types.ts and a controller or printer in the simulation. */
  modelled: boolean;
}

interface RowOptions {
  etcd?: string;
  generation?: boolean;
  all?: boolean;
  modelled?: boolean;
}

function row(plural: string, shortNames: string, apiVersion: string, namespaced: boolean, kind: string, options: RowOptions = {}): ResourceInfo {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return {
    plural,
    singular: kind.toLowerCase(),
    shortNames: shortNames ? shortNames.split(',') : [],
    kind,
    group,
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    apiVersion,
    namespaced,
    etcdPrefix: options.etcd ?? (group && group.includes('.') && !CORE_STORED_GROUPS.has(group) ? `${group}/${plural}` : plural),
    generation: options.generation ?? false,
    categories: options.all ? ['all'] : [],
    modelled: options.modelled ?? false,
  };
}

/** Built-in groups whose objects etcd keeps under `/registry/<plural>` rather than `/registry/<group>/<plural>`. */
const CORE_STORED_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

const M = { modelled: true };

/** In the order `kubectl api-resources` prints them: by group (core first), then by name. */
export const RESOURCES: readonly ResourceInfo[] = [
  row('bindings', '', 'v1', true, 'Binding'),
  row('componentstatuses', 'cs', 'v1', false, 'ComponentStatus'),
  row('configmaps', 'cm', 'v1', true, 'ConfigMap', M),
  row('endpoints', 'ep', 'v1', true, 'Endpoints', { ...M, etcd: 'services/endpoints' }),
  row('events', 'ev', 'v1', true, 'Event', M),
  row('limitranges', 'limits', 'v1', true, 'LimitRange'),
  row('namespaces', 'ns', 'v1', false, 'Namespace', M),
  row('nodes', 'no', 'v1', false, 'Node', { ...M, etcd: 'minions' }),
  row('persistentvolumeclaims', 'pvc', 'v1', true, 'PersistentVolumeClaim'),
  row('persistentvolumes', 'pv', 'v1', false, 'PersistentVolume'),
  row('pods', 'po', 'v1', true, 'Pod', { ...M, all: true }),
  row('podtemplates', '', 'v1', true, 'PodTemplate'),
  row('replicationcontrollers', 'rc', 'v1', true, 'ReplicationController', { etcd: 'controllers', generation: true, all: true }),
  row('resourcequotas', 'quota', 'v1', true, 'ResourceQuota'),
  row('secrets', '', 'v1', true, 'Secret'),
  row('serviceaccounts', 'sa', 'v1', true, 'ServiceAccount', M),
  row('services', 'svc', 'v1', true, 'Service', { ...M, etcd: 'services/specs', all: true }),
  row('mutatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false, 'MutatingWebhookConfiguration'),
  row('validatingadmissionpolicies', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingAdmissionPolicy', { generation: true }),
  row('validatingadmissionpolicybindings', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingAdmissionPolicyBinding', { generation: true }),
  row('validatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingWebhookConfiguration'),
  row('customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', false, 'CustomResourceDefinition', { generation: true }),
  row('apiservices', '', 'apiregistration.k8s.io/v1', false, 'APIService'),
  row('controllerrevisions', '', 'apps/v1', true, 'ControllerRevision'),
  row('daemonsets', 'ds', 'apps/v1', true, 'DaemonSet', { ...M, generation: true, all: true }),
  row('deployments', 'deploy', 'apps/v1', true, 'Deployment', { ...M, generation: true, all: true }),
  row('replicasets', 'rs', 'apps/v1', true, 'ReplicaSet', { ...M, generation: true, all: true }),
  row('statefulsets', 'sts', 'apps/v1', true, 'StatefulSet', { generation: true, all: true }),
  row('selfsubjectreviews', '', 'authentication.k8s.io/v1', false, 'SelfSubjectReview'),
  row('tokenreviews', '', 'authentication.k8s.io/v1', false, 'TokenReview'),
  row('localsubjectaccessreviews', '', 'authorization.k8s.io/v1', true, 'LocalSubjectAccessReview'),
  row('selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectAccessReview'),
  row('selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectRulesReview'),
  row('subjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SubjectAccessReview'),
  row('horizontalpodautoscalers', 'hpa', 'autoscaling/v2', true, 'HorizontalPodAutoscaler', { all: true }),
  row('cronjobs', 'cj', 'batch/v1', true, 'CronJob', { generation: true, all: true }),
  row('jobs', '', 'batch/v1', true, 'Job', { generation: true, all: true }),
  row('certificatesigningrequests', 'csr', 'certificates.k8s.io/v1', false, 'CertificateSigningRequest'),
  row('leases', '', 'coordination.k8s.io/v1', true, 'Lease'),
  row('endpointslices', '', 'discovery.k8s.io/v1', true, 'EndpointSlice'),
  row('events', 'ev', 'events.k8s.io/v1', true, 'Event'),
  row('flowschemas', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'FlowSchema', { generation: true }),
  row('prioritylevelconfigurations', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'PriorityLevelConfiguration', { generation: true }),
  row('ingressclasses', '', 'networking.k8s.io/v1', false, 'IngressClass'),
  row('ingresses', 'ing', 'networking.k8s.io/v1', true, 'Ingress', { etcd: 'ingress', generation: true }),
  row('networkpolicies', 'netpol', 'networking.k8s.io/v1', true, 'NetworkPolicy', { generation: true }),
  row('runtimeclasses', '', 'node.k8s.io/v1', false, 'RuntimeClass'),
  row('poddisruptionbudgets', 'pdb', 'policy/v1', true, 'PodDisruptionBudget', { generation: true }),
  row('clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRoleBinding'),
  row('clusterroles', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRole'),
  row('rolebindings', '', 'rbac.authorization.k8s.io/v1', true, 'RoleBinding'),
  row('roles', '', 'rbac.authorization.k8s.io/v1', true, 'Role'),
  row('priorityclasses', 'pc', 'scheduling.k8s.io/v1', false, 'PriorityClass'),
  row('csidrivers', '', 'storage.k8s.io/v1', false, 'CSIDriver'),
  row('csinodes', '', 'storage.k8s.io/v1', false, 'CSINode'),
  row('csistoragecapacities', '', 'storage.k8s.io/v1', true, 'CSIStorageCapacity'),
  row('storageclasses', 'sc', 'storage.k8s.io/v1', false, 'StorageClass'),
  row('volumeattachments', '', 'storage.k8s.io/v1', false, 'VolumeAttachment'),
];

/**
 * What `kubectl get TEXT` means: `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy`,
 * `deployments.v1.apps`. Null when nothing matches, for kubectl's
 * `error: the server doesn't have a resource type "foo"`. Where two groups serve a name (`events`),
 * the core group wins, as in kubectl.
 */
export function resolveResource(text: string): ResourceInfo | null {
  const lower = text.trim().toLowerCase();
  if (!lower) return null;
  const direct = RESOURCES.find((info) => matchesName(info, lower));
  if (direct) return direct;
  // NAME.GROUP or NAME.VERSION.GROUP
  for (let dot = lower.indexOf('.'); dot > 0; dot = lower.indexOf('.', dot + 1)) {
    const name = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    const found = RESOURCES.find((info) => matchesName(info, name) && (rest === info.group || rest === `${info.version}.${info.group}` || (info.group === '' && rest === info.version)));
    if (found) return found;
  }
  return null;
}

function matchesName(info: ResourceInfo, name: string): boolean {
  return info.plural === name || info.singular === name || info.shortNames.includes(name);
}

/** The resource for an object's `kind` and `apiVersion` (group checked when given). */
export function resourceForKind(kind: string, apiVersion?: string): ResourceInfo | null {
  const group = apiVersion === undefined ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return RESOURCES.find((info) => info.kind === kind && (group === undefined || info.group === group)) ?? null;
}

/** A kind (`Pod`) or any name kubectl takes (`pods`, `po`, `deployments.apps`). */
export function lookupResource(text: string): ResourceInfo | null {
  return resourceForKind(text) ?? resolveResource(text);
}

/** The kinds `kubectl get all` lists, in its order. */
export function resourcesInCategory(category: string): ResourceInfo[] {
  return RESOURCES.filter((info) => info.categories.includes(category));
}

/** `pod`, `deployment.apps`: the prefix of `kubectl get -o name` and `kubectl get all` (`deployment.apps/web`). */
export function typePrefix(info: ResourceInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/** `pods` or `deployments.apps` as the server names a resource in messages, with its group/version/resource string. */
export function qualifiedResource(text: string): { text: string; group: string; plural: string; groupVersionResource: string } {
  const info = lookupResource(text);
  if (!info) {
    const lower = text.toLowerCase();
    return { text: lower, group: '', plural: lower, groupVersionResource: `/v1, Resource=${lower}` };
  }
  return {
    text: info.group ? `${info.plural}.${info.group}` : info.plural,
    group: info.group,
    plural: info.plural,
    groupVersionResource: `${info.group}/${info.version}, Resource=${info.plural}`,
  };
}

/** `Pod` or `Deployment.apps`, as the server names a kind in `… is invalid` messages. */
export function qualifiedKind(kind: string): { text: string; group: string; kind: string } {
  const info = lookupResource(kind);
  if (!info) return { text: kind, group: '', kind };
  return { text: info.group ? `${info.kind}.${info.group}` : info.kind, group: info.group, kind: info.kind };
}

export interface ApiResourceRow {
  name: string;
  shortNames: string;
  apiVersion: string;
  namespaced: string;
  kind: string;
}

/** The rows of `kubectl api-resources`, optionally only `--namespaced=true|false`. */
export function apiResourceRows(options: { namespaced?: boolean; apiGroup?: string } = {}): ApiResourceRow[] {
  return RESOURCES.filter((info) => (options.namespaced === undefined || info.namespaced === options.namespaced) && (options.apiGroup === undefined || info.group === options.apiGroup)).map((info) => ({
    name: info.plural,
    shortNames: info.shortNames.join(','),
    apiVersion: info.apiVersion,
    namespaced: String(info.namespaced),
    kind: info.kind,
  }));
}

/** The same as a table with its header, for a tab-aligned printer. */
export function apiResourceTable(options: { namespaced?: boolean; apiGroup?: string } = {}): string[][] {
  return [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...apiResourceRows(options).map((r) => [r.name, r.shortNames, r.apiVersion, r.namespaced, r.kind])];
}
