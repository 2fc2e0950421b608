/**
 * Lesson 6's exercises: the course's other app, Flask, packaged by the student. The lesson's text
 * builds the Node version step by step; here the student writes the Dockerfile. Every check reads
 * the engine's state: the image tagged hello-flask, the files in its layers, the container that
 * holds the host's port 8080 and what its server answers with.
 */
import type { IFileSystem } from 'just-bash';
import { parseFlaskApp } from '@/sandbox/docker/apps/flask';
import { ignoreMatcher } from '@/sandbox/docker/build/context';
import { OVERLAY2 } from '@/sandbox/docker/layer-store';
import type { ContainerRecord, StoredImage } from '@/sandbox/docker/state';
import { missing, pass, type CheckResult, type LessonExercises } from '@/sandbox/exercises/types';
import type { World } from '@/sandbox/exercises/world';

const DIR = '/root/hello-flask';
const FLASK_INSTALLED = '/usr/local/lib/python3.12/site-packages/flask/__init__.py';

const engine = (world: World) => world.sandbox.host.docker;

function helloFlask(world: World): StoredImage | undefined {
  return engine(world).images.resolve('hello-flask');
}

/** The image's files, as a container started from it would see them (read-only). */
function imageFs(world: World, image: StoredImage): IFileSystem {
  return world.sandbox.host.mountFilesystem({ kind: 'overlay', lower: engine(world).images.lowerDirs(image).map((id) => `${OVERLAY2}/${id}/diff`) });
}

async function readIn(fs: IFileSystem, path: string): Promise<string | null> {
  try {
    return await fs.readFile(path);
  } catch {
    return null;
  }
}

/** Whether one layer (its own diff, not what is under it) holds `path`. */
async function layerHolds(world: World, diffId: string, path: string): Promise<boolean> {
  const layer = engine(world).images.layers.get(diffId);
  return !!layer && (await world.sandbox.host.layerRoot().exists(`${OVERLAY2}/${layer.cacheId}/diff${path}`));
}

/** The .py file the image's CMD (or ENTRYPOINT) starts, as an absolute path. */
function appPath(world: World, image: StoredImage): string | null {
  const config = engine(world).images.configOf(image);
  const words = [...(config?.Entrypoint ?? []), ...(config?.Cmd ?? [])].flatMap((w) => w.split(/\s+/));
  const file = words.find((w) => /\.py$/.test(w));
  if (!file) return null;
  if (file.startsWith('/')) return file;
  return `${(config?.WorkingDir || '/').replace(/\/$/, '')}/${file.replace(/^\.\//, '')}`;
}

function envOf(world: World, image: StoredImage): Record<string, string> {
  const env = engine(world).images.configOf(image)?.Env ?? [];
  return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

/** Any file named .env in any of the image's layers. */
async function holdsDotEnv(world: World, image: StoredImage): Promise<boolean> {
  const root = world.sandbox.host.layerRoot();
  const walk = async (dir: string): Promise<boolean> => {
    for (const name of await root.readdir(dir)) {
      const path = `${dir}/${name}`;
      const stat = await root.lstat(path);
      if (name === '.env' && stat.isFile) return true;
      if (stat.isDirectory && (await walk(path))) return true;
    }
    return false;
  };
  for (const diffId of image.layers) {
    const layer = engine(world).images.layers.get(diffId);
    if (layer && (await walk(`${OVERLAY2}/${layer.cacheId}/diff`))) return true;
  }
  return false;
}

/** The running container that has the host's port 8080, if any. */
function onPort8080(world: World): { record: ContainerRecord; port: number } | undefined {
  return engine(world).byPublishedPort(8080);
}

/** Checks that port 8080 is served by a container of the current hello-flask image, with its app's text. */
async function servesHelloFlask(world: World, image: StoredImage, staleHint: string): Promise<CheckResult> {
  const published = onPort8080(world);
  if (!published) {
    const exited = engine(world)
      .list(true)
      .find((c) => c.status !== 'running' && c.imageId === image.id);
    if (exited?.status === 'created') return missing({ en: `The container ${exited.name} was created but never started (was port 8080 taken?). Once the port is free, \`docker start ${exited.name}\`.` });
    if (exited) return missing({ en: `The container ${exited.name} of hello-flask is not running (status ${exited.status}). \`docker logs ${exited.name}\` shows why.` });
    return missing({ en: "Nothing is published on the host's port 8080 yet: run hello-flask with `-p 8080:8080`." });
  }
  const { record, port } = published;
  if (record.imageId !== image.id) {
    if (/^hello-flask(:|$)/.test(record.image)) return missing({ en: staleHint.replace('NAME', record.name) });
    return missing({ en: `Port 8080 still belongs to the container ${record.name} (image ${record.image}). Remove it with \`docker rm -f ${record.name}\`, then run hello-flask there.` });
  }
  const server = record.server;
  if (!server || !server.ports.includes(port)) {
    return missing({ en: `The container ${record.name} runs, but nothing in it listens on port ${port}. The app must listen on 0.0.0.0, and the number after the colon in \`-p 8080:${port}\` must be the app's port.` });
  }
  const path = appPath(world, image);
  const source = path ? await readIn(imageFs(world, image), path) : null;
  const parsed = source !== null ? parseFlaskApp(source, envOf(world, image)) : null;
  const expected = parsed?.ok ? parsed.app.routes.find(([route]) => route === '/')?.[1] : undefined;
  const answer = server.routes?.find(([route]) => route === '/')?.[1] ?? server.fallback;
  if (server.program !== 'flask' || expected === undefined || answer !== expected) {
    return missing({ en: `Port 8080 answers, but not with the text of ${path ?? 'app.py'} in the hello-flask image.` });
  }
  return pass();
}

const FLASK_APP = String.raw`printf 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.route("/")\ndef hello():\n    return "Hello from Flask!\\n"\n\napp.run(host="0.0.0.0", port=8080)\n' > app.py`;

const exercises: LessonExercises = {
  scenario: 'fresh-host',
  ordered: true,
  exercises: [
    {
      id: 'build-hello-flask',
      title: { en: 'Write a Dockerfile in ~/hello-flask for the Flask app, and build it as an image tagged hello-flask' },
      hints: [
        { text: { en: 'Start from `python:3.12-slim`, set a `WORKDIR`, copy the files in, `pip install -r requirements.txt`, and end with a `CMD` that runs app.py. The Node Dockerfile in the lesson has the same shape.' } },
        {
          text: { en: 'You built an image, but it has no name: `docker images` lists it as <none>. Build again with `-t hello-flask`, or name it with `docker tag IMAGE-ID hello-flask`.' },
          when: (world) => !helloFlask(world) && engine(world).images.list().some((i) => i.source.kind === 'built' && i.repoTags.length === 0),
        },
        { text: { en: '`nano Dockerfile` (or a heredoc) writes the file. Then, in ~/hello-flask, `docker build -t hello-flask .` builds it; the `.` is the build context.' } },
        { text: { en: 'The Dockerfile: `FROM python:3.12-slim`, `WORKDIR /app`, `COPY . .`, `RUN pip install -r requirements.txt`, `EXPOSE 8080`, `CMD ["python", "app.py"]`. Then run `docker build -t hello-flask .`.' } },
      ],
      async check(world) {
        if ((await world.readFile(`${DIR}/Dockerfile`)) === null) return missing({ en: 'There is no Dockerfile in ~/hello-flask yet.' });
        const image = helloFlask(world);
        if (!image) return missing({ en: 'No image is tagged hello-flask yet: build one with `docker build -t hello-flask .` in ~/hello-flask.' });
        if (image.source.kind !== 'built') return missing({ en: 'hello-flask names an image that was not built from your Dockerfile.' });
        const fs = imageFs(world, image);
        if ((await readIn(fs, FLASK_INSTALLED)) === null) return missing({ en: 'Flask is not installed in the hello-flask image: a `RUN pip install -r requirements.txt` step is missing (or runs before requirements.txt is copied in).' });
        const path = appPath(world, image);
        if (!path) return missing({ en: 'The image\'s CMD does not start a .py file. End the Dockerfile with `CMD ["python", "app.py"]`.' });
        const source = await readIn(fs, path);
        if (source === null) return missing({ en: `The CMD runs ${path}, but the image has no such file: check the COPY step and the WORKDIR.` });
        const parsed = parseFlaskApp(source, envOf(world, image));
        if (!parsed.ok) return missing({ en: `${path} in the image is not an app this sandbox runs: ${parsed.reason} (line ${parsed.line}).` });
        return pass();
      },
      solution: {
        commands: [
          'mkdir -p ~/hello-flask && cd ~/hello-flask',
          FLASK_APP,
          "printf 'flask==3.1.0\\n' > requirements.txt",
          String.raw`printf 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8080\nCMD ["python", "app.py"]\n' > Dockerfile`,
          'docker build -t hello-flask .',
        ],
      },
    },
    {
      id: 'keep-env-out',
      title: { en: 'Add a .dockerignore to ~/hello-flask that keeps .env out of the build context, and rebuild hello-flask without it' },
      hints: [
        { text: { en: 'A `.dockerignore` beside the Dockerfile lists, one per line, what the build context leaves out. `COPY . .` can only copy what is in the context.' } },
        {
          text: { en: 'The .dockerignore is right, but the image was built before it existed. Build hello-flask again.' },
          when: async (world) => {
            const ignore = await world.readFile(`${DIR}/.dockerignore`);
            const image = helloFlask(world);
            return ignore !== null && ignoreMatcher(ignore)('.env') && !!image && (await holdsDotEnv(world, image));
          },
        },
        { text: { en: "Run `echo .env > ~/hello-flask/.dockerignore`, then `docker build -t hello-flask .` in ~/hello-flask. `docker run --rm hello-flask ls -A /app` shows what the image holds." } },
      ],
      async check(world) {
        const image = helloFlask(world);
        if (!image) return missing({ en: 'No image is tagged hello-flask yet.' });
        const ignore = await world.readFile(`${DIR}/.dockerignore`);
        if (ignore === null) return missing({ en: 'There is no .dockerignore in ~/hello-flask yet.' });
        if (!ignoreMatcher(ignore)('.env')) return missing({ en: '~/hello-flask/.dockerignore does not leave out .env yet.' });
        if (await holdsDotEnv(world, image)) return missing({ en: 'The hello-flask image still holds a .env file: build it again now that the .dockerignore leaves it out.' });
        return pass();
      },
      solution: { commands: ['cd ~/hello-flask', "printf '.env\\n' > .dockerignore", 'docker build -t hello-flask .'] },
    },
    {
      id: 'serve-hello-flask',
      title: { en: "Run hello-flask in a container that answers on the host's port 8080" },
      hints: [
        { text: { en: '`-d` runs the container in the background and `-p HOST:CONTAINER` publishes a port. The app listens on 8080 inside the container.' } },
        {
          text: { en: "Another container already has the host's port 8080, and only one can: Docker answers a second one with \"port is already allocated\" and leaves it created but not started. Remove the old one with `docker rm -f NAME`, then `docker start` yours." },
          when: (world) => {
            const published = onPort8080(world);
            return !!published && !/^hello-flask(:|$)/.test(published.record.image);
          },
        },
        { text: { en: 'Run `docker run -d -p 8080:8080 --name flask hello-flask`, then `curl localhost:8080`.' } },
      ],
      async check(world) {
        const image = helloFlask(world);
        if (!image) return missing({ en: 'No image is tagged hello-flask yet.' });
        return servesHelloFlask(world, image, 'The container NAME on port 8080 runs an older build of hello-flask. Remove it and run one from the image you built last.');
      },
      solution: { commands: ['docker run -d -p 8080:8080 --name flask hello-flask', 'curl localhost:8080'] },
    },
    {
      id: 'cache-friendly-rebuild',
      title: { en: 'Reorder the hello-flask Dockerfile so a change to app.py leaves pip install CACHED; then change the text, rebuild, and serve the new text on port 8080' },
      hints: [
        { text: { en: 'A step is rebuilt when it, or any step before it, changed. Copy only requirements.txt, run pip install, and copy app.py after that.' } },
        { text: { en: 'Once the order is right, change the text app.py returns (`nano app.py`, or `sed`) and build again: the `RUN pip install` line should say CACHED. A running container keeps its old image, so replace it.' } },
        {
          text: { en: 'The new image is built, but port 8080 is still served by a container of an older one. `docker rm -f` it and `docker run` again.' },
          when: (world) => {
            const image = helloFlask(world);
            const published = onPort8080(world);
            return !!image && !!published && /^hello-flask(:|$)/.test(published.record.image) && published.record.imageId !== image.id;
          },
        },
        { text: { en: 'Dockerfile: `FROM python:3.12-slim`, `WORKDIR /app`, `COPY requirements.txt ./`, `RUN pip install -r requirements.txt`, `COPY app.py ./`, `EXPOSE 8080`, `CMD ["python", "app.py"]`. Build, edit app.py, `docker build -t hello-flask .` again, then `docker rm -f flask` and `docker run -d -p 8080:8080 --name flask hello-flask`.' } },
      ],
      async check(world) {
        const image = helloFlask(world);
        if (!image) return missing({ en: 'No image is tagged hello-flask yet.' });
        const path = appPath(world, image);
        if (!path) return missing({ en: 'The image\'s CMD does not start a .py file.' });
        let install = -1;
        for (let i = 0; i < image.layers.length && install < 0; i++) if (await layerHolds(world, image.layers[i], FLASK_INSTALLED)) install = i;
        if (install < 0) return missing({ en: 'Flask is not installed in the hello-flask image.' });
        for (let i = 0; i <= install; i++) {
          if (await layerHolds(world, image.layers[i], path)) return missing({ en: `In hello-flask, ${path} is copied in before pip install runs, so every change to the app reinstalls Flask. Copy requirements.txt, install, then copy app.py.` });
        }
        const source = await readIn(imageFs(world, image), path);
        const base = image.layers.slice(0, install + 1);
        let rebuilt = false;
        for (const other of engine(world).images.list()) {
          if (other.id === image.id || other.source.kind !== 'built' || other.layers.length <= install) continue;
          if (!base.every((d, i) => other.layers[i] === d)) continue;
          if ((await readIn(imageFs(world, other), path)) !== source) rebuilt = true;
        }
        if (!rebuilt) return missing({ en: 'The order is right. Now change the text app.py returns and build again: watch `RUN pip install` say CACHED.' });
        return servesHelloFlask(world, image, 'The new image is built, but the container NAME on port 8080 still runs the old one: a container keeps the image it started from. Remove it and run a new one.');
      },
      solution: {
        commands: [
          'cd ~/hello-flask',
          String.raw`printf 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY app.py ./\nEXPOSE 8080\nCMD ["python", "app.py"]\n' > Dockerfile`,
          'docker build -t hello-flask .',
          "sed -i 's/Hello from Flask/Hello again from Flask/' app.py",
          'docker build -t hello-flask .',
          'docker rm -f flask',
          'docker run -d -p 8080:8080 --name flask hello-flask',
          'curl localhost:8080',
        ],
      },
    },
  ],
};

export default exercises;
