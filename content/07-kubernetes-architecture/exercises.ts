/**
 * Lesson 7's exercises, on the ready three-node cluster: find the control plane's static pods, find
 * where pods run, watch a ReplicaSet replace a deleted pod, scale a Deployment, and read the keys
 * the API server keeps in etcd. Every check reads the cluster's API objects (after letting the
 * cluster catch up with the clock) or a file the student saved, compared with those objects.
 */
import { clusterStore, isActivePod, isOwnedBy, isReadyPod } from '@/sandbox/exercises/cluster';
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';
import type { Deployment, Event, Node, Pod, ReplicaSet } from '@/sandbox/kubernetes/api/types';

type Store = ReturnType<typeof clusterStore>;


/** A Deployment's ReplicaSets and every pod they own (terminating ones included). */
function deploymentTree(store: Store, namespace: string, name: string) {
  const deployment = store.get<Deployment>('Deployment', namespace, name);
  if (!deployment) return undefined;
  const replicaSets = store.list<ReplicaSet>('ReplicaSet', { namespace }).filter((rs) => isOwnedBy(rs, deployment));
  const pods = store.list<Pod>('Pod', { namespace }).filter((pod) => replicaSets.some((rs) => isOwnedBy(pod, rs)));
  return { deployment, replicaSets, pods };
}

/**
 * Pods a ReplicaSet made (its `SuccessfulCreate` events) that are gone or going, though the
 * ReplicaSet did not remove them itself (no `SuccessfulDelete`): someone deleted them, or they were
 * evicted. Each with the moment it was created.
 */
function podsDeletedFrom(store: Store, namespace: string, replicaSets: ReplicaSet[]) {
  // By uid: a Deployment deleted and created again has a ReplicaSet of the same name, but a new one.
  const uids = new Set(replicaSets.map((rs) => rs.metadata.uid));
  const events = store.list<Event>('Event', { namespace }).filter((e) => e.involvedObject.kind === 'ReplicaSet' && uids.has(e.involvedObject.uid));
  const podIn = (prefix: string) => (e: Event) => (e.message.startsWith(prefix) ? e.message.slice(prefix.length).trim() : undefined);
  const removedByReplicaSet = new Set(events.filter((e) => e.reason === 'SuccessfulDelete').map(podIn('Deleted pod: ')));
  const active = new Set(store.list<Pod>('Pod', { namespace }).filter(isActivePod).map((p) => p.metadata.name));
  return events
    .filter((e) => e.reason === 'SuccessfulCreate')
    .map((e) => ({ name: podIn('Created pod: ')(e) ?? '', created: e.firstTimestamp }))
    .filter((p) => p.name && !active.has(p.name) && !removedByReplicaSet.has(p.name));
}

/** Whether some pod of the Deployment web has been deleted (and not by its ReplicaSet). */
function webPodDeleted(store: Store): boolean {
  const tree = deploymentTree(store, 'default', 'web');
  return tree !== undefined && podsDeletedFrom(store, 'default', tree.replicaSets).length > 0;
}

/** The first word of each non-blank line, without kubectl's `pod/` prefix or a header's NAME. */
function namesIn(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .map((word) => word.replace(/^pods?\//, ''))
    .filter((word) => word && word !== 'NAME');
}

const wordsIn = (text: string) => new Set(text.split(/[^A-Za-z0-9.-]+/).filter(Boolean));

const CREATE_WEB = 'kubectl get deployment web || kubectl create deployment web --image=nginx --replicas=2';
const ETCDCTL = 'etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/apiserver-etcd-client.crt --key /etc/kubernetes/pki/apiserver-etcd-client.key';

const exercises: LessonExercises = {
  scenario: 'ready-cluster',
  ordered: true,
  exercises: [
    {
      id: 'static-pods',
      title: { en: 'Save the names of the static pods in kube-system (the ones the kubelet starts from manifest files) in ~/static-pods.txt, one per line' },
      hints: [
        { text: { en: 'A static pod comes from a file in the kubelet’s manifest directory, and its API object is named after the file’s pod plus the node it runs on: `-controlplane`.' } },
        {
          text: { en: 'CoreDNS and kube-proxy are not static pods: a Deployment and a DaemonSet create them through the API server, on every node. Keep only the pods that come from /etc/kubernetes/manifests.' },
          when: async (world) => /coredns|kube-proxy|flannel/.test((await world.readFile('/root/static-pods.txt')) ?? ''),
        },
        { text: { en: '`ls /etc/kubernetes/manifests` shows four files; `kubectl get pods -n kube-system` shows the four pods made from them. `grep` keeps the lines that end in the node’s name.' } },
        { text: { en: 'Run `kubectl get pods -n kube-system -o name | grep -- -controlplane > ~/static-pods.txt`, then `cat ~/static-pods.txt`.' } },
      ],
      async check(world) {
        const text = await world.readFile('/root/static-pods.txt');
        if (text === null) return missing({ en: 'There is no static-pods.txt in /root yet.' });
        const store = clusterStore(world);
        const pods = store.list<Pod>('Pod', { namespace: 'kube-system' });
        const expected = pods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined).map((p) => p.metadata.name);
        const saved = namesIn(text);
        if (saved.length === 0) return missing({ en: 'static-pods.txt is empty.' });
        const extra = saved.filter((name) => !expected.includes(name));
        if (extra.length > 0) return missing({ en: `static-pods.txt lists ${extra.map((n) => `\`${n}\``).join(', ')}, which ${extra.length === 1 ? 'is not a static pod' : 'are not static pods'} of kube-system.` });
        const absent = expected.filter((name) => !saved.includes(name));
        if (absent.length > 0) return missing({ en: `static-pods.txt is missing ${absent.length} of the ${expected.length} static pods, e.g. \`${absent[0]}\`.` });
        return pass();
      },
      solution: { commands: ['ls /etc/kubernetes/manifests', 'kubectl get pods -n kube-system -o name | grep -- -controlplane > ~/static-pods.txt', 'cat ~/static-pods.txt'] },
    },
    {
      id: 'dns-nodes',
      title: { en: 'Find the nodes the CoreDNS pods run on, and save their names in ~/dns-nodes.txt' },
      hints: [
        { text: { en: 'The scheduler writes its choice into each pod. `kubectl get pods -n kube-system -o wide` shows it in the NODE column.' } },
        {
          text: { en: 'dns-nodes.txt names a node that runs no CoreDNS pod. Look at the NODE column of the two `coredns-…` lines only.' },
          when: async (world) => {
            const text = await world.readFile('/root/dns-nodes.txt');
            if (text === null) return false;
            const store = clusterStore(world);
            const dnsNodes = new Set(store.list<Pod>('Pod', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).map((p) => p.spec.nodeName));
            const words = wordsIn(text);
            return store.list<Node>('Node').some((n) => words.has(n.metadata.name) && !dnsNodes.has(n.metadata.name));
          },
        },
        { text: { en: 'CoreDNS’s pods carry the label `k8s-app=kube-dns`, so `-l k8s-app=kube-dns` keeps only them. `-o jsonpath=\'{.items[*].spec.nodeName}\'` prints just the node names.' } },
        { text: { en: 'Run `kubectl get pods -n kube-system -l k8s-app=kube-dns -o jsonpath=\'{.items[*].spec.nodeName}\' > ~/dns-nodes.txt`.' } },
      ],
      async check(world) {
        const text = await world.readFile('/root/dns-nodes.txt');
        if (text === null) return missing({ en: 'There is no dns-nodes.txt in /root yet.' });
        const store = clusterStore(world);
        const dnsNodes = [...new Set(store.list<Pod>('Pod', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).filter(isActivePod).map((p) => p.spec.nodeName ?? ''))].filter(Boolean);
        const words = wordsIn(text);
        const wrong = store.list<Node>('Node').map((n) => n.metadata.name).filter((n) => words.has(n) && !dnsNodes.includes(n));
        if (wrong.length > 0) return missing({ en: `dns-nodes.txt names ${wrong.join(' and ')}, where no CoreDNS pod runs.` });
        const absent = dnsNodes.filter((n) => !words.has(n));
        if (absent.length === dnsNodes.length) return missing({ en: 'dns-nodes.txt names none of the nodes that run CoreDNS.' });
        if (absent.length > 0) return missing({ en: `dns-nodes.txt is missing a node: a CoreDNS pod runs on ${absent.join(' and ')} too.` });
        return pass();
      },
      solution: { commands: ['kubectl get pods -n kube-system -o wide', "kubectl get pods -n kube-system -l k8s-app=kube-dns -o jsonpath='{.items[*].spec.nodeName}' > ~/dns-nodes.txt", 'cat ~/dns-nodes.txt'] },
    },
    {
      id: 'replace-a-pod',
      title: { en: 'Delete one pod of the web Deployment, and wait until a new pod has taken its place' },
      hints: [
        { text: { en: '`kubectl get pods -l app=web` lists web’s pods. Pick one and delete it by name; keep the Deployment.' } },
        {
          text: { en: 'The Deployment web is gone, so nothing will replace its pods. Create it again with `kubectl create deployment web --image=nginx --replicas=2`, then delete one of its pods.' },
          when: (world) => {
            const store = clusterStore(world);
            const webExisted = store.list<Event>('Event', { namespace: 'default' }).some((e) => e.involvedObject.kind === 'Deployment' && e.involvedObject.name === 'web');
            return webExisted && !store.get<Deployment>('Deployment', 'default', 'web');
          },
        },
        {
          text: { en: 'That was a CoreDNS pod: its own ReplicaSet replaced it, which is the same idea. This exercise watches web’s pods, in the default namespace.' },
          when: (world) => {
            const store = clusterStore(world);
            const tree = deploymentTree(store, 'kube-system', 'coredns');
            return tree !== undefined && podsDeletedFrom(store, 'kube-system', tree.replicaSets).length > 0 && !webPodDeleted(store);
          },
        },
        { text: { en: 'Delete a pod with `kubectl delete pod NAME`, then run `kubectl get pods -l app=web` again: one name is new, and its AGE is only seconds.' } },
        { text: { en: 'Run `kubectl delete pod $(kubectl get pods -l app=web -o jsonpath=\'{.items[0].metadata.name}\')`, then `kubectl rollout status deployment web`.' } },
      ],
      check(world) {
        const store = clusterStore(world);
        const tree = deploymentTree(store, 'default', 'web');
        if (!tree) return missing({ en: 'There is no Deployment web. Create it first: `kubectl create deployment web --image=nginx --replicas=2`.' });
        const deleted = podsDeletedFrom(store, 'default', tree.replicaSets);
        if (deleted.length === 0) return missing({ en: 'No pod of web has been deleted yet.' });
        const active = tree.pods.filter(isActivePod);
        const replacement = active.find((p) => deleted.some((d) => (p.metadata.creationTimestamp ?? '') > d.created));
        if (!replacement) return missing({ en: `\`${deleted[0].name}\` is gone, but no newer pod of web has appeared yet.` });
        const want = tree.deployment.spec.replicas ?? 1;
        if (active.length < want || active.filter(isReadyPod).length < want) return missing({ en: `\`${replacement.metadata.name}\` has taken the deleted pod’s place but is not ready yet: run \`kubectl get pods -l app=web\` again in a few seconds.` });
        return pass();
      },
      solution: { commands: [CREATE_WEB, 'kubectl rollout status deployment web', 'kubectl get pods -l app=web', "kubectl delete pod $(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')", 'kubectl rollout status deployment web', 'kubectl get pods -l app=web'] },
    },
    {
      id: 'scale-web',
      title: { en: 'Scale web to 4 replicas, and wait until all four pods are ready' },
      hints: [
        { text: { en: 'You change the desired state, the number of replicas, and the controllers do the rest. `kubectl scale` changes it.' } },
        {
          text: { en: 'web asks for a different number of replicas. Scale it to exactly 4.' },
          when: (world) => {
            const deployment = clusterStore(world).get<Deployment>('Deployment', 'default', 'web');
            return deployment !== undefined && ![2, 4].includes(deployment.spec.replicas ?? 1);
          },
        },
        { text: { en: 'Run `kubectl scale deployment web --replicas=4`, then `kubectl rollout status deployment web`.' } },
      ],
      check(world) {
        const store = clusterStore(world);
        const tree = deploymentTree(store, 'default', 'web');
        if (!tree) return missing({ en: 'There is no Deployment web. Create it first: `kubectl create deployment web --image=nginx --replicas=2`.' });
        const want = tree.deployment.spec.replicas ?? 1;
        if (want !== 4) return missing({ en: `web asks for ${want} replica${want === 1 ? '' : 's'}; the goal is 4.` });
        const ready = tree.pods.filter((p) => isActivePod(p) && isReadyPod(p)).length;
        if (ready < 4) return missing({ en: `web asks for 4 replicas; ${ready} ${ready === 1 ? 'is' : 'are'} ready so far. \`kubectl rollout status deployment web\` waits for the rest.` });
        return pass();
      },
      solution: { commands: ['kubectl scale deployment web --replicas=4', 'kubectl rollout status deployment web', 'kubectl get pods -l app=web -o wide'] },
    },
    {
      id: 'etcd-keys',
      title: { en: 'Ask etcd itself for the keys of web’s pods, and save them in ~/web-keys.txt, one per line' },
      hints: [
        { text: { en: 'The API server keeps each pod under `/registry/pods/NAMESPACE/NAME`. `etcdctl get PREFIX --prefix --keys-only` lists the keys that start with PREFIX.' } },
        {
          text: { en: 'etcd runs on controlplane, and listens only there. Type `exit` to come back from the node, then run etcdctl on controlplane.' },
          when: (world) => world.hostname() !== 'controlplane',
        },
        {
          text: { en: 'web-keys.txt is empty: etcdctl wrote an error instead of keys. kubeadm’s etcd only answers clients with a certificate signed by its CA, so pass `--cacert`, `--cert` and `--key` (see the section on etcd).' },
          when: async (world) => (await world.readFile('/root/web-keys.txt'))?.trim() === '',
        },
        {
          text: { en: 'web-keys.txt holds values as well as keys. `--keys-only` prints just the keys.' },
          when: async (world) => ((await world.readFile('/root/web-keys.txt')) ?? '').includes('{'),
        },
        { text: { en: 'The pods of web are in the default namespace and their names start with `web-`, so the prefix is `/registry/pods/default/web-`.' } },
        { text: { en: `Run \`${ETCDCTL} get /registry/pods/default/web- --prefix --keys-only > ~/web-keys.txt\`.` } },
      ],
      async check(world) {
        const text = await world.readFile('/root/web-keys.txt');
        if (text === null) return missing({ en: 'There is no web-keys.txt in /root yet.' });
        const store = clusterStore(world);
        const tree = deploymentTree(store, 'default', 'web');
        if (!tree) return missing({ en: 'There is no Deployment web. Create it first: `kubectl create deployment web --image=nginx --replicas=2`.' });
        const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
        if (lines.length === 0) return missing({ en: 'web-keys.txt is empty.' });
        const expected = tree.pods.map((p) => `/registry/pods/default/${p.metadata.name}`);
        const stored = new Set(store.etcdKeys());
        const notKeys = lines.filter((l) => !stored.has(l));
        if (notKeys.length > 0) return missing({ en: `\`${notKeys[0].slice(0, 60)}\` in web-keys.txt is not a key etcd holds now. Save only keys, one per line.` });
        const others = lines.filter((l) => !expected.includes(l));
        if (others.length > 0) return missing({ en: `\`${others[0]}\` is not one of web’s pods. Keep only web’s.` });
        const absent = expected.filter((k) => !lines.includes(k));
        if (absent.length > 0) return missing({ en: `web-keys.txt is missing ${absent.length} of web’s ${expected.length} pods, e.g. \`${absent[0]}\`.` });
        return pass();
      },
      solution: { commands: [`${ETCDCTL} get /registry/pods/default/web- --prefix --keys-only > ~/web-keys.txt`, 'cat ~/web-keys.txt'] },
    },
  ],
};

export default exercises;
