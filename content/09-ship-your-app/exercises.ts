/**
 * Lesson 9's exercises, on the ready cluster with lesson 6's app in ~/hello-web: carry the image to
 * the workers' containerd, run it as a Deployment of three, expose it on a NodePort, and roll it to
 * a second version. Every check reads the hosts' image stores, the cluster's API objects (after
 * letting the cluster catch up with the clock) or, for the NodePort, asks the model's network for
 * an answer, never what was typed.
 */
import { clusterStore, isActivePod, isOwnedBy, isReadyPod } from '@/sandbox/exercises/cluster';
import type { World } from '@/sandbox/exercises/world';
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';
import type { Deployment, Endpoints, Pod, ReplicaSet, Service } from '@/sandbox/kubernetes/api/types';

const WORKERS = ['node01', 'node02'];

type Store = ReturnType<typeof clusterStore>;

/** Whether a worker's containerd has `image` where the kubelet looks: the k8s.io namespace. */
function onNode(world: World, node: string, image: string, namespace = 'k8s.io'): boolean {
  return world.sandbox.hostNamed(node)?.containerd.find(namespace, image) !== undefined;
}

function imageIdOn(world: World, node: string, image: string): string | undefined {
  return world.sandbox.hostNamed(node)?.containerd.find('k8s.io', image)?.id;
}

/** Docker's image of that name on controlplane, if built or tagged there. */
function dockerImage(world: World, reference: string) {
  return world.sandbox.hostNamed('controlplane')?.docker.images.resolve(reference);
}

async function fileOn(world: World, node: string, path: string): Promise<boolean> {
  try {
    return (await world.sandbox.hostNamed(node)?.rootView().readFile(path)) !== undefined;
  } catch {
    return false;
  }
}

/** `hello-web`, `hello-web:latest`, `docker.io/library/hello-web:v1` → its tag. */
function tagOf(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.includes(':') ? last.slice(last.indexOf(':') + 1) : 'latest';
}

function repositoryOf(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.includes(':') ? last.slice(0, last.indexOf(':')) : last;
}

const imageOf = (pod: Pod) => pod.spec.containers[0]?.image ?? '';

/** The Deployment hello, and the live pods its ReplicaSets own. */
function hello(store: Store) {
  const deployment = store.get<Deployment>('Deployment', 'default', 'hello');
  if (!deployment) return undefined;
  const replicaSets = store.list<ReplicaSet>('ReplicaSet', { namespace: 'default' }).filter((rs) => isOwnedBy(rs, deployment));
  const pods = store.list<Pod>('Pod', { namespace: 'default' }).filter((pod) => isActivePod(pod) && replicaSets.some((rs) => isOwnedBy(pod, rs)));
  return { deployment, pods, image: deployment.spec.template.spec.containers[0]?.image ?? '' };
}

/** A pod stuck on its image: ErrImagePull or ImagePullBackOff. */
function pullStuck(pod: Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some((s) => 'waiting' in s.state && /ErrImagePull|ImagePullBackOff/.test(s.state.waiting.reason));
}

/** The NodePort Services whose endpoints include a pod of hello. */
function helloServices(store: Store) {
  const tree = hello(store);
  if (!tree) return [];
  const names = new Set(tree.pods.map((p) => p.metadata.name));
  return store.list<Service>('Service', { namespace: 'default' }).filter((service) => {
    const endpoints = store.get<Endpoints>('Endpoints', 'default', service.metadata.name);
    return (endpoints?.subsets ?? []).some((s) => (s.addresses ?? []).some((a) => a.targetRef && names.has(a.targetRef.name)));
  });
}

/**
 * Whether a connection to the Service's node port would be answered, as kube-proxy routes it: one
 * of its ready endpoints is a pod whose program, on the pod's node, listens on the endpoint's port
 * (the containerd store keeps each pod container's serving program under `<pod uid>/<container>`).
 * Read from the model's state rather than by connecting, so this file stays free of runtime code.
 */
function answersOnNodePort(world: World, store: Store, service: Service): boolean {
  if (service.spec.type !== 'NodePort' || !(service.spec.ports ?? []).some((p) => p.nodePort !== undefined)) return false;
  const endpoints = store.get<Endpoints>('Endpoints', service.metadata.namespace, service.metadata.name);
  for (const subset of endpoints?.subsets ?? []) {
    for (const address of subset.addresses ?? []) {
      const pod = address.targetRef ? store.get<Pod>('Pod', address.targetRef.namespace, address.targetRef.name) : undefined;
      const node = pod?.spec.nodeName ? world.sandbox.hostNamed(pod.spec.nodeName) : undefined;
      if (!pod || !node) continue;
      for (const container of pod.spec.containers) {
        const server = node.containerd.serverOf(`${pod.metadata.uid ?? pod.metadata.name}/${container.name}`);
        if (server && (subset.ports ?? []).some((p) => server.ports.includes(p.port))) return true;
      }
    }
  }
  return false;
}

const exercises: LessonExercises = {
  scenario: 'cluster-with-app',
  ordered: true,
  exercises: [
    {
      id: 'image-on-nodes',
      title: { en: 'Build `hello-web:v1` on controlplane and import it into containerd’s `k8s.io` namespace on node01 and node02' },
      hints: [
        { text: { en: 'Three moves: `docker save` writes the image to a tar file, `scp` copies the file to a node, and `ctr -n k8s.io images import` loads it into the node’s containerd.' } },
        {
          text: { en: 'You built `hello-web` without a tag, so it is `hello-web:latest`. Give it a version: `docker tag hello-web hello-web:v1` (or build again with `-t hello-web:v1`).' },
          when: (world) => dockerImage(world, 'hello-web:latest') !== undefined && dockerImage(world, 'hello-web:v1') === undefined,
        },
        {
          text: { en: 'The image went into containerd’s `default` namespace, which the kubelet never looks at. Import it again with `-n k8s.io`: `ssh NODE ctr -n k8s.io images import hello-web-v1.tar`.' },
          when: (world) => WORKERS.some((node) => onNode(world, node, 'hello-web:v1', 'default') && !onNode(world, node, 'hello-web:v1')),
        },
        {
          text: { en: 'The tar file is on the node, but copying it is not enough: containerd has not imported it yet. Run `ssh NODE ctr -n k8s.io images import hello-web-v1.tar`.' },
          when: async (world) => {
            for (const node of WORKERS) {
              const inDefault = onNode(world, node, 'hello-web:v1', 'default');
              if (!inDefault && !onNode(world, node, 'hello-web:v1') && (await fileOn(world, node, '/root/hello-web-v1.tar'))) return true;
            }
            return false;
          },
        },
        { text: { en: 'In `~/hello-web`: `docker build -t hello-web:v1 .`, `docker save -o hello-web-v1.tar hello-web:v1`, then for each node `scp hello-web-v1.tar node01:` and `ssh node01 ctr -n k8s.io images import hello-web-v1.tar` (and the same for node02).' } },
      ],
      async check(world) {
        if (!dockerImage(world, 'hello-web:v1') && !WORKERS.some((node) => onNode(world, node, 'hello-web:v1'))) {
          return missing({ en: 'There is no image `hello-web:v1` yet: build it in ~/hello-web on controlplane.' });
        }
        for (const node of WORKERS) {
          if (!onNode(world, node, 'hello-web:v1')) return missing({ en: `${node}’s containerd has no hello-web:v1 in its k8s.io namespace yet.` });
        }
        return pass();
      },
      solution: {
        commands: [
          'cd ~/hello-web',
          'docker build -t hello-web:v1 .',
          'docker save -o hello-web-v1.tar hello-web:v1',
          'scp hello-web-v1.tar node01: && scp hello-web-v1.tar node02:',
          'ssh node01 ctr -n k8s.io images import hello-web-v1.tar',
          'ssh node02 ctr -n k8s.io images import hello-web-v1.tar',
        ],
      },
    },
    {
      id: 'deploy-hello',
      title: { en: 'Run `hello-web:v1` as a Deployment named `hello` with 3 replicas, all of them ready' },
      hints: [
        { text: { en: '`kubectl create deployment NAME --image=IMAGE` makes a Deployment; `--replicas` sets how many pods it keeps, and `--port` records the port the app listens on.' } },
        {
          text: { en: 'Your Deployment’s image has no version tag, so it means `:latest`, and for `:latest` the kubelet always pulls from the registry, where there is no hello-web. Point it at the tag you imported: `kubectl set image deployment/hello hello-web=hello-web:v1`.' },
          when: (world) => {
            const tree = hello(clusterStore(world));
            return tree !== undefined && repositoryOf(tree.image) === 'hello-web' && tagOf(tree.image) === 'latest';
          },
        },
        {
          text: { en: 'A pod is stuck in ErrImagePull or ImagePullBackOff: the node it was placed on cannot find its image. `kubectl get pods -o wide` shows which node; import the image there with `ctr -n k8s.io images import`, and the kubelet’s next retry starts the pod.' },
          when: (world) => {
            const store = clusterStore(world);
            const tree = hello(store);
            return tree !== undefined && tagOf(tree.image) !== 'latest' && tree.pods.some(pullStuck);
          },
        },
        {
          text: { en: 'The Deployment should be called `hello`: the next steps and the checks look for that name. Delete yours with `kubectl delete deployment NAME` and create it again.' },
          when: (world) => {
            const store = clusterStore(world);
            return !hello(store) && store.list<Deployment>('Deployment', { namespace: 'default' }).some((d) => repositoryOf(d.spec.template.spec.containers[0]?.image ?? '') === 'hello-web');
          },
        },
        { text: { en: 'Run `kubectl create deployment hello --image=hello-web:v1 --replicas=3 --port=8080`, then `kubectl rollout status deployment/hello`.' } },
      ],
      async check(world) {
        const tree = hello(clusterStore(world));
        if (!tree) return missing({ en: 'There is no Deployment named hello in the default namespace yet.' });
        if (repositoryOf(tree.image) !== 'hello-web') return missing({ en: `The Deployment runs ${tree.image}, not your hello-web image.` });
        if (tagOf(tree.image) === 'latest') return missing({ en: `The Deployment runs ${tree.image}, which means :latest; give it the version you imported, hello-web:v1.` });
        if (tree.deployment.spec.replicas !== 3) return missing({ en: `The Deployment asks for ${tree.deployment.spec.replicas ?? 1} replicas, not 3.` });
        const ready = tree.pods.filter((p) => isReadyPod(p) && imageOf(p) === tree.image).length;
        if (ready < 3) return missing({ en: `${ready} of hello’s 3 pods are ready so far.` });
        return pass();
      },
      solution: {
        commands: ['kubectl create deployment hello --image=hello-web:v1 --replicas=3 --port=8080', 'kubectl rollout status deployment/hello'],
      },
    },
    {
      id: 'expose-hello',
      title: { en: 'Expose `hello` with a NodePort Service, so that a node’s port answers with your app' },
      hints: [
        { text: { en: '`kubectl expose deployment NAME` makes a Service that selects the Deployment’s pods. `--type` chooses the kind of Service, and `--port` the port, which is also the pods’ port unless `--target-port` says otherwise.' } },
        {
          text: { en: 'This Service is a ClusterIP: it has an address only inside the cluster, and no port on the nodes. Delete it (`kubectl delete service NAME`) and expose again with `--type=NodePort`.' },
          when: (world) => helloServices(clusterStore(world)).some((s) => (s.spec.type ?? 'ClusterIP') === 'ClusterIP'),
        },
        {
          text: { en: 'The Service sends connections to a port where your app does not listen. The app listens on 8080: recreate the Service with `--port=8080` (or add `--target-port=8080`).' },
          when: (world) =>
            helloServices(clusterStore(world)).some((s) => s.spec.type === 'NodePort' && (s.spec.ports ?? []).every((p) => (typeof p.targetPort === 'number' ? p.targetPort : p.port) !== 8080)),
        },
        { text: { en: 'Run `kubectl expose deployment hello --type=NodePort --port=8080`, then `kubectl get service hello` shows the node port (the number after `8080:`); `curl node01:THAT_PORT`.' } },
      ],
      async check(world) {
        const store = clusterStore(world);
        if (!hello(store)) return missing({ en: 'There is no Deployment hello any more: create it again first.' });
        const services = helloServices(store);
        if (services.length === 0) return missing({ en: 'No Service has hello’s pods as its endpoints yet.' });
        const nodePorts = services.filter((s) => s.spec.type === 'NodePort');
        if (nodePorts.length === 0) return missing({ en: 'A Service selects hello’s pods, but it is not a NodePort Service.' });
        if (nodePorts.some((service) => answersOnNodePort(world, store, service))) return pass();
        return missing({ en: 'The NodePort Service exists, but nothing answers on its node port: check the Service’s target port (the app listens on 8080).' });
      },
      solution: {
        commands: [
          'kubectl expose deployment hello --type=NodePort --port=8080',
          'kubectl get service hello',
          "curl node01:$(kubectl get service hello -o jsonpath='{.spec.ports[0].nodePort}')",
        ],
      },
    },
    {
      id: 'roll-to-v2',
      title: { en: 'Change the app’s message, build `hello-web:v2`, put it on both workers, and roll `hello` out to it' },
      hints: [
        { text: { en: 'A new version travels the same road as the first: edit server.js, build with a new tag, save, copy and import on each node. Then `kubectl set image` changes the Deployment’s image, and `kubectl rollout status` waits for the rolling update.' } },
        {
          text: { en: 'A new pod cannot start: its node has no hello-web:v2. Import the v2 archive there (`ssh NODE ctr -n k8s.io images import hello-web-v2.tar`); the rollout carries on by itself.' },
          when: (world) => {
            const store = clusterStore(world);
            const tree = hello(store);
            return tree !== undefined && tagOf(tree.image) === 'v2' && tree.pods.some(pullStuck);
          },
        },
        {
          text: { en: 'hello-web:v2 is the same image as v1: nothing changed in it. Edit the message in server.js (`sed -i` or an editor), then build v2 again and move it to the nodes.' },
          when: (world) => {
            const v1 = imageIdOn(world, 'node01', 'hello-web:v1');
            return v1 !== undefined && v1 === imageIdOn(world, 'node01', 'hello-web:v2');
          },
        },
        { text: { en: '`kubectl create deployment` named the container after the image: `hello-web`. So: `kubectl set image deployment/hello hello-web=hello-web:v2`, then `kubectl rollout status deployment/hello`.' } },
      ],
      async check(world) {
        const tree = hello(clusterStore(world));
        if (!tree) return missing({ en: 'There is no Deployment hello any more: create it again first.' });
        const v1 = imageIdOn(world, 'node01', 'hello-web:v1');
        for (const node of WORKERS) {
          const v2 = imageIdOn(world, node, 'hello-web:v2');
          if (!v2) return missing({ en: `${node}’s containerd has no hello-web:v2 yet.` });
          if (v2 === v1) return missing({ en: 'hello-web:v2 is the same image as v1: change server.js and build again.' });
        }
        if (tagOf(tree.image) !== 'v2') return missing({ en: `The Deployment still runs ${tree.image}.` });
        const old = tree.pods.filter((p) => imageOf(p) !== tree.image).length;
        const ready = tree.pods.filter((p) => isReadyPod(p) && imageOf(p) === tree.image).length;
        if (ready < 3) return missing({ en: `The rollout is under way: ${ready} of 3 pods run v2 and are ready.` });
        if (old > 0) return missing({ en: `The rollout is nearly done: ${old} old pod${old === 1 ? '' : 's'} still to go.` });
        return pass();
      },
      solution: {
        commands: [
          'cd ~/hello-web',
          "sed -i 's/Hello from version 3!/Hello from Kubernetes, version 2!/' server.js",
          'docker build -t hello-web:v2 .',
          'docker save -o hello-web-v2.tar hello-web:v2',
          'scp hello-web-v2.tar node01: && scp hello-web-v2.tar node02:',
          'ssh node01 ctr -n k8s.io images import hello-web-v2.tar',
          'ssh node02 ctr -n k8s.io images import hello-web-v2.tar',
          'kubectl set image deployment/hello hello-web=hello-web:v2',
          'kubectl rollout status deployment/hello',
          "curl node02:$(kubectl get service hello -o jsonpath='{.spec.ports[0].nodePort}')",
        ],
      },
    },
  ],
};

export default exercises;
