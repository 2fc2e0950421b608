/**
 * The offline registry: every image the course pulls, with realistic layer counts and sizes, base
 * layers shared where the real images share them (nginx, httpd, redis and python:3.12-slim all sit
 * on the same debian:bookworm-slim layer, so pulling a second one says "Already exists").
 */
import type { EmptyStep, ImageDefinition, LayerDefinition } from '../image-spec';
import { httpdFiles, nginxFiles, nodeFiles, pythonFiles, redisFiles } from './app-files';
import { alpineFiles, busyboxFiles, debianFiles, ubuntuFiles } from './base-files';
import { KUBERNETES_IMAGES } from './kubernetes-images';

const at = (iso: string) => Date.parse(iso);
const step = (createdBy: string): EmptyStep => ({ createdBy });
const layer = (createdBy: string, size: number, compressedSize: number, files: LayerDefinition['files']): LayerDefinition => ({ createdBy, size, compressedSize, files });
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const ALPINE_BASE = layer('ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit', 7_797_760, 3_623_807, alpineFiles('3.20.3'));
const BOOKWORM_SLIM = layer("# debian.sh --arch 'amd64' out/ 'bookworm' '@1731283200'", 74_780_000, 28_230_000, debianFiles('12.8'));

export const IMAGES: ImageDefinition[] = [
  {
    repository: 'hello-world',
    tags: ['latest'],
    created: at('2023-05-02T16:49:27Z'),
    steps: [layer('COPY hello / # buildkit', 13_256, 2_459, { '/hello': { content: 'ELF hello-world (static)\n', mode: 0o755 } }), step('CMD ["/hello"]')],
    config: { Env: [PATH], Cmd: ['/hello'], Entrypoint: null, WorkingDir: '' },
  },
  {
    repository: 'busybox',
    tags: ['1.37.0', '1.37', '1', 'latest'],
    created: at('2024-09-26T21:31:42Z'),
    steps: [layer('BusyBox 1.37.0 (glibc), Debian 12', 4_269_000, 2_152_000, busyboxFiles()), step('CMD ["sh"]')],
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'], Entrypoint: null, WorkingDir: '' },
  },
  {
    repository: 'alpine',
    tags: ['3.20.3', '3.20', '3', 'latest'],
    created: at('2024-09-06T12:05:36Z'),
    steps: [ALPINE_BASE, step('CMD ["/bin/sh"]')],
    config: { Env: [PATH], Cmd: ['/bin/sh'], Entrypoint: null, WorkingDir: '' },
  },
  {
    repository: 'ubuntu',
    tags: ['24.04', 'noble', 'latest'],
    created: at('2024-10-11T03:35:56Z'),
    steps: [
      step('ARG RELEASE'),
      step('ARG LAUNCHPAD_BUILD_ARCH'),
      step('LABEL org.opencontainers.image.ref.name=ubuntu'),
      step('LABEL org.opencontainers.image.version=24.04'),
      layer('ADD file:6df775300d76441aa33f31b22c1afce8dfe35c8ffbc14ef27c27009235b12a95 in / ', 78_120_000, 29_750_000, ubuntuFiles()),
      step('CMD ["/bin/bash"]'),
    ],
    config: { Env: [PATH], Cmd: ['/bin/bash'], Entrypoint: null, WorkingDir: '', Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' } },
  },
  {
    repository: 'debian',
    tags: ['12', 'bookworm', 'latest'],
    created: at('2024-11-11T00:00:00Z'),
    steps: [layer("# debian.sh --arch 'amd64' out/ 'bookworm' '@1731283200'", 116_520_000, 49_550_000, { ...debianFiles('12.8'), '/usr/bin/perl': { content: '#!/bin/bash\n# Built-in command: perl\n', mode: 0o755 } }), step('CMD ["bash"]')],
    config: { Env: [PATH], Cmd: ['bash'], Entrypoint: null, WorkingDir: '' },
  },
  {
    repository: 'nginx',
    tags: ['1.27.2', '1.27', '1', 'latest'],
    created: at('2024-10-02T17:55:35Z'),
    steps: [
      BOOKWORM_SLIM,
      step('CMD ["bash"]'),
      step('LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>'),
      step('ENV NGINX_VERSION=1.27.2'),
      step('ENV NJS_VERSION=0.8.6'),
      step('ENV NJS_RELEASE=1~bookworm'),
      step('ENV PKG_RELEASE=1~bookworm'),
      step('ENV DYNPKG_RELEASE=1~bookworm'),
      layer('RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates # buildkit', 117_410_000, 43_980_000, nginxFiles()),
      layer('COPY docker-entrypoint.sh / # buildkit', 1_620, 628, { '/docker-entrypoint.sh': { content: '#!/bin/sh\n# vim:sw=4:ts=4:et\nset -e\nexec "$@"\n', mode: 0o755 } }),
      layer('COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', 2_125, 956, { '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': { content: '#!/bin/sh\n', mode: 0o755 } }),
      layer('COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', 389, 404, { '/docker-entrypoint.d/15-local-resolvers.envsh': { content: '#!/bin/sh\n', mode: 0o755 } }),
      layer('COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', 3_018, 1_210, { '/docker-entrypoint.d/20-envsubst-on-templates.sh': { content: '#!/bin/sh\n', mode: 0o755 } }),
      layer('COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', 4_620, 1_397, { '/docker-entrypoint.d/30-tune-worker-processes.sh': { content: '#!/bin/sh\n', mode: 0o755 } }),
      step('ENTRYPOINT ["/docker-entrypoint.sh"]'),
      step('EXPOSE map[80/tcp:{}]'),
      step('STOPSIGNAL SIGQUIT'),
      step('CMD ["nginx" "-g" "daemon off;"]'),
    ],
    config: {
      Env: [PATH, 'NGINX_VERSION=1.27.2', 'NJS_VERSION=0.8.6', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      Entrypoint: ['/docker-entrypoint.sh'],
      WorkingDir: '',
      ExposedPorts: { '80/tcp': {} },
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      StopSignal: 'SIGQUIT',
    },
  },
  {
    repository: 'httpd',
    tags: ['2.4.62', '2.4', '2', 'latest'],
    created: at('2024-10-15T02:05:58Z'),
    steps: [
      BOOKWORM_SLIM,
      step('CMD ["bash"]'),
      step('ENV HTTPD_PREFIX=/usr/local/apache2'),
      step('ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
      layer('RUN /bin/sh -c mkdir -p "$HTTPD_PREFIX"     && chown www-data:www-data "$HTTPD_PREFIX" # buildkit', 0, 118, { '/usr/local/apache2': { dir: true } }),
      step('WORKDIR /usr/local/apache2'),
      layer('RUN /bin/sh -c set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         libaprutil1-ldap         libldap-common     ;     rm -rf /var/lib/apt/lists/* # buildkit', 10_320_000, 4_210_000, { '/usr/lib/x86_64-linux-gnu/libaprutil-1.so.0': 'ELF shared object\n' }),
      step('ENV HTTPD_VERSION=2.4.62'),
      layer('RUN /bin/sh -c set -eux;         savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends bzip2 dpkg-dev gcc libapr1-dev libaprutil1-dev make wget # buildkit', 63_140_000, 25_840_000, httpdFiles()),
      step('STOPSIGNAL SIGWINCH'),
      layer('COPY httpd-foreground /usr/local/bin/ # buildkit', 138, 262, { '/usr/local/bin/httpd-foreground.sh': { content: '#!/bin/sh\nset -e\nrm -f /usr/local/apache2/logs/httpd.pid\nexec httpd -DFOREGROUND "$@"\n', mode: 0o755 } }),
      step('EXPOSE map[80/tcp:{}]'),
      step('CMD ["httpd-foreground"]'),
    ],
    config: { Env: ['PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HTTPD_PREFIX=/usr/local/apache2', 'HTTPD_VERSION=2.4.62'], Cmd: ['httpd-foreground'], Entrypoint: null, WorkingDir: '/usr/local/apache2', ExposedPorts: { '80/tcp': {} }, StopSignal: 'SIGWINCH' },
  },
  {
    repository: 'redis',
    tags: ['7.4.1', '7.4', '7', 'latest'],
    created: at('2024-10-03T05:45:07Z'),
    steps: [
      BOOKWORM_SLIM,
      step('CMD ["bash"]'),
      layer('RUN /bin/sh -c set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis # buildkit', 4_052, 1_104, { '/etc/passwd.d-redis': 'redis:x:999:999::/home/redis:/bin/sh\n' }),
      layer('RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit', 1_470_000, 262_000, { '/usr/share/zoneinfo/UTC': 'TZif2\n' }),
      step('ENV GOSU_VERSION=1.17'),
      layer('RUN /bin/sh -c set -eux; \tsavedAptMark="$(apt-mark showmanual)"; \tapt-get install -y --no-install-recommends ca-certificates gnupg wget; \twget -O /usr/local/bin/gosu # buildkit', 4_130_000, 1_240_000, { '/usr/local/bin/gosu': modelledGosu() }),
      step('ENV REDIS_VERSION=7.4.1'),
      layer('RUN /bin/sh -c set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\twget \t\tdpkg-dev \t\tgcc \t\tlibc6-dev \t\tlibssl-dev \t\tmake # buildkit', 32_330_000, 10_210_000, redisFiles()),
      layer('RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit', 0, 96, { '/data': { dir: true } }),
      step('VOLUME [/data]'),
      step('WORKDIR /data'),
      layer('COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 661, 412, { '/usr/local/bin/docker-entrypoint.sh': { content: '#!/bin/sh\nset -e\nexec "$@"\n', mode: 0o755 } }),
      step('ENTRYPOINT ["docker-entrypoint.sh"]'),
      step('EXPOSE map[6379/tcp:{}]'),
      step('CMD ["redis-server"]'),
    ],
    config: { Env: [PATH, 'GOSU_VERSION=1.17', 'REDIS_VERSION=7.4.1'], Cmd: ['redis-server'], Entrypoint: ['docker-entrypoint.sh'], WorkingDir: '/data', ExposedPorts: { '6379/tcp': {} } },
  },
  {
    repository: 'python',
    tags: ['3.12.7-slim', '3.12-slim', '3-slim', 'slim'],
    created: at('2024-10-17T23:16:58Z'),
    steps: [
      BOOKWORM_SLIM,
      step('CMD ["bash"]'),
      step('ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
      step('ENV LANG=C.UTF-8'),
      layer('RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit', 3_510_000, 3_500_000, { '/etc/ssl/certs/ca-certificates.crt': '-----BEGIN CERTIFICATE-----\n' }),
      step('ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305'),
      step('ENV PYTHON_VERSION=3.12.7'),
      layer('RUN /bin/sh -c set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tdpkg-dev \t\tgcc \t\tgnupg \t\tlibbz2-dev # buildkit', 41_330_000, 12_560_000, pythonFiles('3.12.7')),
      layer('RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\t[ -s "/usr/local/bin/$src" ]; \t\t[ ! -e "/usr/local/bin/$dst" ]; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone # buildkit', 36, 249, { '/usr/local/bin/pydoc': { symlink: 'pydoc3' } }),
      step('CMD ["python3"]'),
    ],
    config: { Env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305', 'PYTHON_VERSION=3.12.7'], Cmd: ['python3'], Entrypoint: null, WorkingDir: '' },
  },
  {
    repository: 'node',
    tags: ['20.18.0-alpine', '20-alpine', '20.18-alpine', 'lts-alpine'],
    created: at('2024-10-03T18:22:43Z'),
    steps: [
      ALPINE_BASE,
      step('CMD ["/bin/sh"]'),
      step('ENV NODE_VERSION=20.18.0'),
      layer('RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && ARCH= OPENSSL_ARCH= # buildkit', 120_360_000, 42_350_000, nodeFiles('20.18.0')),
      step('ENV YARN_VERSION=1.22.22'),
      layer('RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && export GNUPGHOME="$(mktemp -d)" # buildkit', 5_340_000, 1_390_000, { '/opt/yarn-v1.22.22/bin/yarn': { content: '#!/bin/sh\n', mode: 0o755 } }),
      layer('COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 388, 447, { '/usr/local/bin/docker-entrypoint.sh': { content: '#!/bin/sh\nset -e\nexec "$@"\n', mode: 0o755 } }),
      step('ENTRYPOINT ["docker-entrypoint.sh"]'),
      step('CMD ["node"]'),
    ],
    config: { Env: [PATH, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'], Cmd: ['node'], Entrypoint: ['docker-entrypoint.sh'], WorkingDir: '' },
  },
  {
    repository: 'polinux/stress',
    tags: ['1.0.4', 'latest'],
    created: at('2018-06-13T09:03:18Z'),
    steps: [
      layer('ADD file:25c10b1d1b41d46a1827ad0b0d2389c24df6d31430005ff4e9a2d84ea23ebd42 in / ', 4_410_000, 2_206_000, alpineFiles('3.7.0')),
      step('CMD ["/bin/sh"]'),
      step('MAINTAINER Przemyslaw Ozgo <linux@ozgo.info>'),
      layer('RUN apk add --update bash g++ make curl &&   curl -o /tmp/stress-1.0.4.tgz https://fossies.org/linux/privat/stress-1.0.4.tar.gz &&   cd /tmp && tar xvf stress-1.0.4.tgz && rm /tmp/stress-1.0.4.tgz &&   cd /tmp/stress-1.0.4 &&   ./configure && make && make install &&   apk del g++ make curl &&   rm -rf /tmp/* /var/tmp/* /var/cache/apk/* /var/cache/distfiles/*', 5_290_000, 1_730_000, { '/usr/local/bin/stress': { content: '#!/bin/sh\nexec /usr/bin/stress "$@"\n', mode: 0o755 }, '/usr/bin/stress': { content: '#!/bin/bash\n# Built-in command: stress\n', mode: 0o755 }, '/bin/bash': { content: '#!/bin/bash\n# Built-in command: bash\n', mode: 0o755 } }),
      step('CMD ["/usr/local/bin/stress"]'),
    ],
    config: { Env: [PATH], Cmd: ['/usr/local/bin/stress'], Entrypoint: null, WorkingDir: '' },
  },
];

function modelledGosu() {
  return { content: '#!/bin/sh\nexec "$@"\n', mode: 0o755 };
}

/** `nginx` → `nginx:latest`; `docker.io/library/nginx:1.27` → `nginx:1.27`. */
export function normaliseReference(reference: string): { repository: string; tag: string } {
  let ref = reference.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const at = ref.indexOf('@');
  if (at !== -1) ref = ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

export function findImage(repository: string, tag: string): ImageDefinition | undefined {
  return [...IMAGES, ...KUBERNETES_IMAGES].find((image) => image.repository === repository && image.tags.includes(tag));
}

/** Whether the registry has the repository at all (under any tag): a wrong tag is "manifest unknown". */
export function hasRepository(repository: string): boolean {
  return [...IMAGES, ...KUBERNETES_IMAGES].some((image) => image.repository === repository);
}
