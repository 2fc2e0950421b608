/**
 * Lesson 5's exercises: overlayfs by hand, a whiteout in a container's upper layer, an image made
 * with docker commit, and the layer of python:3.12-slim that brought Python. Each is checked
 * against the model: the mount table, the files under /var/lib/docker/overlay2, the image store.
 */
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';
import type { World } from '@/sandbox/exercises/world';
import { humanSize } from '@/sandbox/docker/cli/format';
import { deviceOf, isCharDevice } from '@/sandbox/fs/special-files';

const OVERLAY2 = '/var/lib/docker/overlay2';
const docker = (world: World) => world.sandbox.host.docker;

/** The overlay mounted on /root/merged in the mount namespace of any shell of the terminal. */
function overlayOnMerged(world: World) {
  const host = world.sandbox.host;
  for (const frame of [...host.console.frames()].reverse()) {
    const process = host.kernel.get(frame.pid);
    if (!process) continue;
    const entry = [...host.mountsOf(process.ns.mnt).list()].reverse().find((m) => m.target === '/root/merged');
    if (entry) return entry;
  }
  return undefined;
}

/** Is `path` on the host a whiteout: a character device with device number 0, 0? */
async function isWhiteout(world: World, path: string): Promise<boolean> {
  try {
    const stat = await world.sandbox.host.rootView().lstat(path);
    const device = deviceOf(stat);
    return isCharDevice(stat) && device?.major === 0 && device.minor === 0;
  } catch {
    return false;
  }
}

/** Names of the regular files directly inside `dir` on the host. */
async function filesIn(world: World, dir: string): Promise<string[]> {
  try {
    const fs = world.sandbox.host.rootView();
    const names: string[] = [];
    for (const name of await fs.readdir(dir)) if ((await fs.lstat(`${dir}/${name}`)).isFile) names.push(name);
    return names;
  } catch {
    return [];
  }
}

const exercises: LessonExercises = {
  scenario: 'fresh-host',
  ordered: false,
  exercises: [
    {
      id: 'overlay-by-hand',
      title: { en: 'Mount an overlay on ~/merged with two lower directories, each holding a file, and see both files in ~/merged' },
      hints: [
        { text: { en: 'You need two directories with a file in each (say ~/a/a.txt and ~/b/b.txt) and an empty directory ~/merged to mount on. An upper and a work directory are optional: without them the overlay is read-only.' } },
        { text: { en: 'Several lower directories go into one `lowerdir=` option, separated by colons: `lowerdir=/root/a:/root/b`. The leftmost is the top one.' } },
        {
          text: { en: 'Something is mounted on ~/merged, but it is not an overlay. Unmount it with `umount ~/merged` and mount again with `-t overlay`.' },
          when: (world) => {
            const entry = overlayOnMerged(world);
            return !!entry && entry.fstype !== 'overlay';
          },
        },
        {
          text: { en: 'The overlay on ~/merged has only one lower directory. Unmount it (`umount ~/merged`) and mount again with two, separated by a colon.' },
          when: (world) => {
            const entry = overlayOnMerged(world);
            return entry?.spec?.kind === 'overlay' && entry.spec.lower.length < 2;
          },
        },
        { text: { en: 'Run `mkdir -p ~/a ~/b ~/u ~/w ~/merged`, `echo A > ~/a/a.txt`, `echo B > ~/b/b.txt`, then `mount -t overlay overlay -o lowerdir=/root/a:/root/b,upperdir=/root/u,workdir=/root/w /root/merged` and `ls ~/merged`.' } },
      ],
      async check(world) {
        const entry = overlayOnMerged(world);
        if (!entry) return missing({ en: 'Nothing is mounted on /root/merged yet.' });
        if (entry.spec?.kind !== 'overlay') return missing({ en: `/root/merged holds a ${entry.fstype} mount, not an overlay.` });
        const lowers = entry.spec.lower;
        if (lowers.length < 2) return missing({ en: 'The overlay on /root/merged has one lower directory; give it two (`lowerdir=DIR1:DIR2`).' });
        for (const lower of lowers) {
          const files = await filesIn(world, lower);
          if (files.length === 0) return missing({ en: `The lower directory ${lower} holds no file of its own: put one in it, then look at ~/merged again.` });
          const seen = await Promise.all(files.map((name) => world.readFile(`/root/merged/${name}`)));
          if (seen.every((text) => text === null)) return missing({ en: `None of the files of ${lower} shows in ~/merged: is a whiteout or another layer hiding it?` });
        }
        return pass();
      },
      solution: {
        commands: [
          'mkdir -p ~/a ~/b ~/u ~/w ~/merged',
          'echo A > ~/a/a.txt',
          'echo B > ~/b/b.txt',
          'mount -t overlay overlay -o lowerdir=/root/a:/root/b,upperdir=/root/u,workdir=/root/w /root/merged',
          'ls ~/merged',
        ],
      },
    },
    {
      id: 'find-the-whiteout',
      title: { en: 'In a container named box made from alpine, delete /etc/alpine-release; then save the host path of the whiteout it left into ~/whiteout.txt' },
      hints: [
        { text: { en: 'A container does not need to keep running for this: `docker run --name box alpine rm /etc/alpine-release` deletes the file and exits, and its layers stay until the container is removed.' } },
        { text: { en: '`docker diff box` should now say `D /etc/alpine-release`. The whiteout is in the container\'s upper directory: `docker inspect -f \'{{.GraphDriver.Data.UpperDir}}\' box`.' } },
        {
          text: { en: 'The container box still shows /etc/alpine-release, so nothing was deleted yet. Remove it (`docker rm -f box`) and run a new one whose command is `rm /etc/alpine-release`, or use `docker exec box rm /etc/alpine-release` if it is running.' },
          when: async (world) => {
            const box = docker(world).list(true).find((c) => c.name === 'box');
            return !!box && !(await isWhiteout(world, `${OVERLAY2}/${box.layerCacheId}/diff/etc/alpine-release`));
          },
        },
        { text: { en: 'Run `echo $(docker inspect -f \'{{.GraphDriver.Data.UpperDir}}\' box)/etc/alpine-release > ~/whiteout.txt`, then `ls -l $(cat ~/whiteout.txt)`: a `c---------` file with device number `0, 0`.' } },
      ],
      async check(world) {
        const box = docker(world).list(true).find((c) => c.name === 'box');
        if (!box) return missing({ en: 'There is no container named box yet.' });
        const image = docker(world).images.images.get(box.imageId);
        if (!image?.repoTags.some((tag) => tag.startsWith('alpine:'))) return missing({ en: 'The container box was not made from the alpine image.' });
        const whiteout = `${OVERLAY2}/${box.layerCacheId}/diff/etc/alpine-release`;
        if (!(await isWhiteout(world, whiteout))) return missing({ en: '/etc/alpine-release has not been deleted inside box yet (`docker diff box` shows no `D /etc/alpine-release`).' });
        const text = await world.readFile('/root/whiteout.txt');
        if (text === null) return missing({ en: 'There is no whiteout.txt in /root yet.' });
        const saved = text.trim().replace(/\/+$/, '');
        if (saved !== whiteout) return missing({ en: 'whiteout.txt does not hold the whiteout\'s full path: the container\'s UpperDir followed by /etc/alpine-release.' });
        return pass();
      },
      solution: {
        commands: [
          'docker run --name box alpine rm /etc/alpine-release',
          'docker diff box',
          "echo $(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' box)/etc/alpine-release > ~/whiteout.txt",
          'ls -l $(cat ~/whiteout.txt)',
        ],
      },
    },
    {
      id: 'commit-a-change',
      title: { en: 'Make an image layers-lab:v1 with docker commit, from an alpine container in which you wrote a file /hello.txt that says hello' },
      hints: [
        { text: { en: 'First a container whose upper layer holds /hello.txt, for example one whose command writes it: `sh -c \'echo hello > /hello.txt\'`. Then `docker commit CONTAINER layers-lab:v1`.' } },
        {
          text: { en: 'A container already holds /hello.txt in its upper layer. Commit it: `docker commit NAME layers-lab:v1` (`docker ps -a` shows the names).' },
          when: async (world) => {
            if (docker(world).images.resolve('layers-lab:v1')) return false;
            for (const c of docker(world).list(true)) if ((await world.readFile(`${OVERLAY2}/${c.layerCacheId}/diff/hello.txt`)) !== null) return true;
            return false;
          },
        },
        { text: { en: 'Run `docker run --name maker alpine sh -c \'echo hello > /hello.txt\'`, then `docker commit maker layers-lab:v1`, and try it: `docker run --rm layers-lab:v1 cat /hello.txt`.' } },
      ],
      async check(world) {
        const image = docker(world).images.resolve('layers-lab:v1');
        if (!image) return missing({ en: 'There is no image layers-lab:v1 yet (`docker images`).' });
        if (!docker(world).images.images.get(image.id)?.layers.length) return missing({ en: 'layers-lab:v1 has no layers.' });
        const top = docker(world).images.layers.get(image.layers[image.layers.length - 1]);
        const hello = top ? await world.readFile(`${OVERLAY2}/${top.cacheId}/diff/hello.txt`) : null;
        if (hello === null) return missing({ en: 'The top layer of layers-lab:v1 has no /hello.txt: commit a container in which you wrote it.' });
        if (!/hello/i.test(hello)) return missing({ en: '/hello.txt in layers-lab:v1 does not say hello.' });
        const base = docker(world).images.layers.get(image.layers[0]);
        const alpine = docker(world).images.resolve('alpine');
        if (!base || !alpine || alpine.layers[0] !== base.diffId) return missing({ en: 'layers-lab:v1 is not built on alpine: commit a container made from the alpine image.' });
        return pass();
      },
      solution: {
        commands: ["docker run --name maker alpine sh -c 'echo hello > /hello.txt'", 'docker commit maker layers-lab:v1', 'docker run --rm layers-lab:v1 cat /hello.txt'],
      },
    },
    {
      id: 'which-layer',
      title: { en: 'Find the layer of python:3.12-slim that added /usr/local/bin/python3.12, and save its SIZE, as docker history prints it, into ~/python-layer.txt' },
      hints: [
        { text: { en: 'Pull the image first. Each layer is a directory under /var/lib/docker/overlay2; a shell glob finds the one whose diff holds the file: `ls -d /var/lib/docker/overlay2/*/diff/usr/local/bin/python3.12`.' } },
        { text: { en: '`docker image inspect` lists the image\'s layer directories top first: UpperDir, then LowerDir from left to right. `docker history` lists the layers top first too, between rows of metadata (0B) that made no layer.' } },
        {
          text: { en: 'That is the size of another layer of python:3.12-slim. Count again: the directory holding python3.12 is the second from the top.' },
          when: async (world) => {
            const text = (await world.readFile('/root/python-layer.txt'))?.replace(/\s+/g, '');
            const image = docker(world).images.resolve('python:3.12-slim');
            if (!text || !image) return false;
            const sizes = image.layers.map((d) => docker(world).images.layers.get(d)).filter((l) => !!l).map((l) => humanSize(l!.size));
            return sizes.includes(text) && text !== '41.3MB';
          },
        },
        { text: { en: 'Run `docker pull python:3.12-slim`, `ls -d /var/lib/docker/overlay2/*/diff/usr/local/bin/python3.12`, compare with `docker image inspect -f \'{{.GraphDriver.Data.LowerDir}}\' python:3.12-slim`, then read the size in `docker history python:3.12-slim` and write it with `echo SIZE > ~/python-layer.txt`.' } },
      ],
      async check(world) {
        const image = docker(world).images.resolve('python:3.12-slim');
        if (!image) return missing({ en: 'python:3.12-slim is not pulled yet.' });
        let expected: string | null = null;
        for (const diffId of image.layers) {
          const layer = docker(world).images.layers.get(diffId);
          if (layer && (await world.readFile(`${OVERLAY2}/${layer.cacheId}/diff/usr/local/bin/python3.12`)) !== null) expected = humanSize(layer.size);
        }
        if (!expected) return missing({ en: 'No layer of python:3.12-slim holds /usr/local/bin/python3.12: pull the image again.' });
        const text = await world.readFile('/root/python-layer.txt');
        if (text === null) return missing({ en: 'There is no python-layer.txt in /root yet.' });
        if (!text.replace(/\s+/g, '').includes(expected)) return missing({ en: 'python-layer.txt does not hold the size of the layer that added python3.12.' });
        return pass();
      },
      solution: {
        commands: [
          'docker pull python:3.12-slim',
          'ls -d /var/lib/docker/overlay2/*/diff/usr/local/bin/python3.12',
          "docker image inspect -f '{{.GraphDriver.Data.LowerDir}}' python:3.12-slim",
          'docker history python:3.12-slim',
          'echo 41.3MB > ~/python-layer.txt',
        ],
      },
    },
  ],
};

export default exercises;
