/** The Docker engine's state as plain data: what `docker images`, `docker ps` and inspect read. */

export interface StoredImage {
  /** `sha256:...`, the hash of the config. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Where the definition came from: a catalogue `repository:tag`, or a build. */
  source: { kind: 'registry'; repository: string; tag: string } | { kind: 'built'; buildId: string };
  /** Layer DiffIDs, bottom first. */
  layers: string[];
  created: number;
  size: number;
  /** For images built here: their config and history (catalogue images keep theirs in the catalogue). */
  config?: import('./image-spec').ImageConfig;
  history?: { createdBy: string; size: number; emptyLayer: boolean; comment?: string; created?: number }[];
}

export interface StoredLayer {
  diffId: string;
  /** Directory name under /var/lib/docker/overlay2. */
  cacheId: string;
  /** The 26-character name of its link in overlay2/l. */
  link: string;
  size: number;
  parent: string | null;
  /** A base layer that brings bash (Debian, Ubuntu); containers on it get bash's prompt. */
  bash?: boolean;
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  time: number;
}

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** A process listening for connections in a container, and what it answers with. */
export interface ServerState {
  program: 'nginx' | 'redis-server' | 'httpd' | 'flask' | 'python-http' | 'node-http' | 'express';
  ports: number[];
  /** Flask and Express: path → the text the route returns. */
  routes?: [string, string][];
  /** Node's http server: the one text every request gets. */
  fallback?: string;
  /** python -m http.server: the directory it serves. */
  root?: string;
  /** redis-server: its keys and string values, in memory (lost when it stops, as without persistence). */
  keyspace?: [string, string][];
}

export interface VolumeMount {
  type: 'bind' | 'volume';
  /** A host path (bind) or a volume's name. */
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerRecord {
  id: string;
  name: string;
  /** The image as the user named it (`nginx`, `nginx:1.27`). */
  image: string;
  imageId: string;
  created: number;
  status: ContainerStatus;
  /** Host pid of the container's init process while it runs, else 0. */
  pid: number;
  exitCode: number;
  oomKilled: boolean;
  startedAt: number | null;
  finishedAt: number | null;
  restartCount: number;
  config: {
    hostname: string;
    entrypoint: string[] | null;
    cmd: string[] | null;
    env: string[];
    workingDir: string;
    tty: boolean;
    openStdin: boolean;
    user: string;
  };
  hostConfig: {
    memory: number;
    memorySwap: number;
    nanoCpus: number;
    pidsLimit: number | null;
    autoRemove: boolean;
    restartPolicy: 'no' | 'always' | 'unless-stopped' | 'on-failure';
    portBindings: PortBinding[];
    networkMode: string;
    /** -v / --mount: host directories and named volumes inside the container. */
    mounts?: VolumeMount[];
  };
  /** The network from `--network` (null with `--network none`). */
  network: NetworkAttachment | null;
  /** Networks joined later with `docker network connect`. */
  moreNetworks?: NetworkAttachment[];
  /** overlay2 directory of the container's writable layer (and `<id>-init` beside it). */
  layerCacheId: string;
  logs: LogLine[];
  /** When a finite main process (`sleep 30`) will end by itself, in simulated ms. */
  plannedExit: number | null;
  /** The main process handles the stop signal and exits cleanly (nginx, redis), status 0. */
  gracefulStop: boolean;
  /** What serves connections while it runs: the modelled program and the ports it listens on. */
  server: ServerState | null;
}

/** A container's place on one network. */
export interface NetworkAttachment {
  /** A user-defined network's name; absent for the default bridge. */
  name?: string;
  ipAddress: string;
  macAddress: string;
  gateway: string;
}

/** `docker network create NAME`: a bridge network with its own /16 and embedded DNS. */
export interface UserNetwork {
  id: string;
  name: string;
  /** `172.18.0.0/16`. */
  subnet: string;
  gateway: string;
  created: number;
  /** The next address's host number. */
  nextHost: number;
}

export interface DockerSnapshot {
  buildCache?: [string, import('./build/builder').CacheEntry][];
  images: StoredImage[];
  layers: StoredLayer[];
  containers: ContainerRecord[];
  /** The next host number on the default bridge. */
  nextIp: number;
  networks?: UserNetwork[];
  /** Named volumes (`docker volume create`, or made by `-v name:/path`). */
  volumes?: { name: string; created: number }[];
}
