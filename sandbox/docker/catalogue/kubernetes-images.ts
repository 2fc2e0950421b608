/**
 * The images a kubeadm cluster runs (v1.31): the control plane's components from registry.k8s.io,
 * etcd, CoreDNS, the pause sandbox image, and flannel as the CNI. The kube-* images share the
 * distroless and go-runner base layers, as the real ones do, so the second pull says "Already exists".
 * Their files are only what a student would look for (the binary, /etc/os-release).
 */
import type { EmptyStep, ImageDefinition, LayerDefinition } from '../image-spec';
import { alpineFiles } from './base-files';

const at = (iso: string) => Date.parse(iso);
const step = (createdBy: string): EmptyStep => ({ createdBy });
const layer = (createdBy: string, size: number, compressedSize: number, files: LayerDefinition['files']): LayerDefinition => ({ createdBy, size, compressedSize, files });
const binary = (name: string) => ({ [`/usr/local/bin/${name}`]: { content: `#!/bin/sh\n# ${name} (modelled)\n`, mode: 0o755 } });
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const DISTROLESS = layer('bazel build @distroless//base:static_debian12', 2_110_000, 833_000, {
  '/etc/os-release': 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
  '/tmp': { dir: true, mode: 0o1777 },
});
const GO_RUNNER = layer('COPY /workspace/go-runner /go-runner # buildkit', 1_470_000, 720_000, { '/go-runner': { content: '#!/bin/sh\nexec "$@"\n', mode: 0o755 } });
/** The same layer as the alpine image's (equal content, equal id), under both flannel images. */
const ALPINE_3_20 = layer('ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit', 7_797_760, 3_623_807, alpineFiles('3.20.3'));
const K8S_CREATED = at('2024-12-10T11:43:56Z');

function component(name: string, size: number, compressed: number): ImageDefinition {
  return {
    repository: `registry.k8s.io/${name}`,
    tags: ['v1.31.4'],
    created: K8S_CREATED,
    steps: [DISTROLESS, GO_RUNNER, layer(`COPY /workspace/${name} /usr/local/bin/${name} # buildkit`, size, compressed, binary(name)), step(`ENTRYPOINT ["/go-runner"]`)],
    config: { Env: [PATH], Cmd: null, Entrypoint: ['/go-runner'], WorkingDir: '' },
  };
}

export const KUBERNETES_IMAGES: ImageDefinition[] = [
  component('kube-apiserver', 90_870_000, 26_640_000),
  component('kube-controller-manager', 85_930_000, 24_810_000),
  component('kube-scheduler', 66_120_000, 19_420_000),
  {
    repository: 'registry.k8s.io/kube-proxy',
    tags: ['v1.31.4'],
    created: K8S_CREATED,
    steps: [
      layer('ADD debian-iptables-bookworm-v1.0.2 / # buildkit', 62_110_000, 21_550_000, { '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n', '/usr/sbin/iptables': { content: '#!/bin/sh\n', mode: 0o755 } }),
      layer('COPY /workspace/kube-proxy /usr/local/bin/kube-proxy # buildkit', 30_140_000, 9_370_000, binary('kube-proxy')),
    ],
    config: { Env: [PATH], Cmd: null, Entrypoint: null, WorkingDir: '' },
  },
  {
    repository: 'registry.k8s.io/etcd',
    tags: ['3.5.15-0'],
    created: at('2024-07-19T19:18:27Z'),
    steps: [
      DISTROLESS,
      layer('COPY etcd etcdctl etcdutl /usr/local/bin/ # buildkit', 147_900_000, 55_940_000, { ...binary('etcd'), ...binary('etcdctl'), ...binary('etcdutl') }),
      step('WORKDIR /var/etcd/'),
      step('WORKDIR /var/lib/etcd/'),
      step('EXPOSE map[2379/tcp:{} 2380/tcp:{}]'),
      step('CMD ["/usr/local/bin/etcd"]'),
    ],
    config: { Env: [PATH], Cmd: ['/usr/local/bin/etcd'], Entrypoint: null, WorkingDir: '/var/lib/etcd/', ExposedPorts: { '2379/tcp': {}, '2380/tcp': {} } },
  },
  {
    repository: 'registry.k8s.io/coredns/coredns',
    tags: ['v1.11.3'],
    created: at('2024-08-15T14:19:03Z'),
    steps: [
      DISTROLESS,
      layer('COPY /coredns /coredns # buildkit', 59_060_000, 17_820_000, { '/coredns': { content: '#!/bin/sh\n# coredns (modelled)\n', mode: 0o755 } }),
      step('USER nonroot:nonroot'),
      step('EXPOSE map[53/tcp:{} 53/udp:{}]'),
      step('ENTRYPOINT ["/coredns"]'),
    ],
    config: { Env: [PATH], Cmd: null, Entrypoint: ['/coredns'], WorkingDir: '', User: 'nonroot:nonroot', ExposedPorts: { '53/tcp': {}, '53/udp': {} } },
  },
  {
    repository: 'registry.k8s.io/pause',
    tags: ['3.10'],
    created: at('2024-05-21T19:16:54Z'),
    steps: [layer('ARG ARCH; ADD bin/pause-linux-amd64 /pause # buildkit', 736_000, 320_000, { '/pause': { content: 'ELF pause (static)\n', mode: 0o755 } }), step('USER 65535:65535'), step('ENTRYPOINT ["/pause"]')],
    config: { Env: [PATH], Cmd: null, Entrypoint: ['/pause'], WorkingDir: '', User: '65535:65535' },
  },
  {
    repository: 'flannel/flannel',
    tags: ['v0.26.1'],
    created: at('2024-11-06T15:27:04Z'),
    steps: [
      ALPINE_3_20,
      step('CMD ["/bin/sh"]'),
      layer('RUN apk add --no-cache iproute2 ca-certificates nftables iptables strongswan iptables-legacy # buildkit', 45_480_000, 17_110_000, { '/usr/sbin/ip': { content: '#!/bin/sh\n', mode: 0o755 } }),
      layer('COPY dist/flanneld-amd64 /opt/bin/flanneld # buildkit', 33_900_000, 11_740_000, { '/opt/bin/flanneld': { content: '#!/bin/sh\n# flanneld (modelled)\n', mode: 0o755 } }),
      step('ENTRYPOINT ["/opt/bin/flanneld"]'),
    ],
    config: { Env: [PATH], Cmd: null, Entrypoint: ['/opt/bin/flanneld'], WorkingDir: '' },
  },
  {
    repository: 'flannel/flannel-cni-plugin',
    tags: ['v1.5.1-flannel2'],
    created: at('2024-08-20T09:12:40Z'),
    steps: [
      ALPINE_3_20,
      step('CMD ["/bin/sh"]'),
      layer('COPY dist/flannel-amd64 /flannel # buildkit', 2_780_000, 1_240_000, { '/flannel': { content: 'ELF flannel CNI plugin\n', mode: 0o755 } }),
    ],
    config: { Env: [PATH], Cmd: ['/bin/sh'], Entrypoint: null, WorkingDir: '' },
  },
];
