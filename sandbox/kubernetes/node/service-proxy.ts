/**
 * kube-proxy's part of the model: a connection to a Service's ClusterIP and port, to any node's
 * address and a NodePort, or straight to a pod's IP, lands on a ready endpoint pod (in turn, as
 * IPVS's round-robin would), and the pod's image answers: nginx and httpd serve their pages from
 * the image's own files. A pod whose program the lab cannot serve refuses, and says nothing false.
 */
import { InMemoryFs, type IFileSystem } from 'just-bash';
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { serveHttpd, serveNginx, type Served } from '../../docker/http-servers';
import { isLayer } from '../../docker/image-spec';
import { writeLayerFiles } from '../../docker/layer-store';
import type { HttpRequest } from '../../net/http';
import type { Endpoints, Pod, Service } from '../api/types';
import type { Cluster } from '../cluster';
import type { Host } from '../../host';
import { serveRegistered, taskKey } from './pod-program';
import { podRootfs } from './pod-rootfs';

export type PodTarget = { ok: true; pod: Pod; port: number } | { ok: false; error: 'refused' };

/** Which endpoint each Service sends its next connection to. */
const turns = new WeakMap<Cluster, Map<string, number>>();

function nextTurn(cluster: Cluster, key: string, count: number): number {
  const map = turns.get(cluster) ?? new Map<string, number>();
  turns.set(cluster, map);
  const turn = map.get(key) ?? 0;
  map.set(key, turn + 1);
  return turn % count;
}

/** A ready endpoint of `service` for its port `servicePort` (the port in the Service's spec). */
function endpointOf(cluster: Cluster, service: Service, servicePort: { port: number; targetPort?: number | string; name?: string }): PodTarget {
  const endpoints = cluster.store.get<Endpoints>('Endpoints', service.metadata.namespace, service.metadata.name);
  const addresses = (endpoints?.subsets ?? []).flatMap((subset) => {
    const port = subset.ports?.find((p) => p.name === servicePort.name || (subset.ports?.length ?? 0) === 1)?.port ?? (typeof servicePort.targetPort === 'number' ? servicePort.targetPort : servicePort.port);
    return (subset.addresses ?? []).map((address) => ({ address, port }));
  });
  if (addresses.length === 0) return { ok: false, error: 'refused' };
  const chosen = addresses[nextTurn(cluster, `${service.metadata.namespace}/${service.metadata.name}:${servicePort.port}`, addresses.length)];
  const pod = chosen.address.targetRef ? cluster.store.get<Pod>('Pod', chosen.address.targetRef.namespace, chosen.address.targetRef.name) : undefined;
  return pod ? { ok: true, pod, port: chosen.port } : { ok: false, error: 'refused' };
}

/**
 * Where a connection to `address`:`port` goes in the cluster, or undefined when the address is not
 * the cluster's (a ClusterIP, a pod IP, or a node's address with a NodePort).
 */
export function routeInCluster(cluster: Cluster, address: string, port: number, nodeAddresses: string[]): PodTarget | undefined {
  const services = cluster.store.list<Service>('Service');
  const byClusterIP = services.find((s) => s.spec.clusterIP === address);
  if (byClusterIP) {
    const servicePort = byClusterIP.spec.ports?.find((p) => p.port === port);
    return servicePort ? endpointOf(cluster, byClusterIP, servicePort) : { ok: false, error: 'refused' };
  }
  if (nodeAddresses.includes(address)) {
    for (const service of services) {
      const servicePort = service.spec.ports?.find((p) => p.nodePort === port);
      if (servicePort) return endpointOf(cluster, service, servicePort);
    }
    return undefined;
  }
  const pod = cluster.store.list<Pod>('Pod').find((p) => p.status?.podIP === address && !p.spec.hostNetwork && p.status?.phase === 'Running');
  if (pod) return { ok: true, pod, port };
  return undefined;
}

/** The merged files of an image from the offline registry, built once per image. */
const imageFiles = new Map<string, Promise<IFileSystem>>();

function filesOf(image: string): Promise<IFileSystem> | undefined {
  const { repository, tag } = normaliseReference(image);
  const definition = findImage(repository, tag);
  if (!definition) return undefined;
  const key = `${repository}:${tag}`;
  if (!imageFiles.has(key)) {
    imageFiles.set(key, (async () => {
      const fs = new InMemoryFs();
      for (const layer of definition.steps.filter(isLayer)) await writeLayerFiles(fs, '', layer.files);
      return fs;
    })());
  }
  return imageFiles.get(key);
}

/**
 * How the pod's program answers on `port`, when the lab models it: the app its own image runs
 * (registered on `node`, the host the pod runs on), or nginx/httpd on 80 serving the image's files
 * (the container's own, when the node is given).
 */
export function podServer(pod: Pod, port: number, node?: Host): ((request: HttpRequest, now: number) => Promise<Served>) | undefined {
  if (node) {
    for (const container of pod.spec.containers) {
      const server = node.containerd.serverOf(taskKey(pod, container.name));
      if (server?.ports.includes(port)) return serveRegistered(node, pod, container.name, server);
    }
  }
  for (const container of pod.spec.containers) {
    const { repository } = normaliseReference(container.image);
    const serve = repository === 'nginx' ? serveNginx : repository === 'httpd' ? serveHttpd : undefined;
    if (!serve || port !== 80 || container.command) continue;
    const own = node ? podRootfs(node, pod, container.name) : undefined;
    if (own) return (request, now) => serve(own, request, now);
    const files = filesOf(container.image);
    if (files) return async (request, now) => serve(await files, request, now);
  }
  return undefined;
}
