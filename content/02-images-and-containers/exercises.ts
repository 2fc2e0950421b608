/**
 * Lesson 2's exercises: each checked against the Docker engine's state (containers, their status
 * and published ports, images and their tags), never against what was typed.
 */
import type { ContainerRecord } from '@/sandbox/docker/state';
import type { World } from '@/sandbox/exercises/world';
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';

const docker = (world: World) => world.sandbox.host.docker;
const byName = (world: World, name: string) => docker(world).list(true).find((c) => c.name === name);

/** Whether the container was made from an nginx image, whichever tag or id the student named. */
function fromNginx(world: World, record: ContainerRecord): boolean {
  if (/^(docker\.io\/)?(library\/)?nginx(:|@|$)/.test(record.image)) return true;
  const image = docker(world).images.images.get(record.imageId);
  return !!image && image.repoTags.some((tag) => tag.startsWith('nginx:'));
}

const portsOf = (record: ContainerRecord) => record.hostConfig.portBindings.map((p) => `${p.hostPort}→${p.containerPort}`).join(', ') || 'none';

const V2 = 'flask-hello-world:v2';

/** The running containers made from the image tagged flask-hello-world:v2. */
function v2Containers(world: World): ContainerRecord[] {
  const image = docker(world).images.resolve(V2);
  return image ? docker(world).list(true).filter((c) => c.imageId === image.id) : [];
}

const exercises: LessonExercises = {
  scenario: 'hello-world-exited',
  ordered: false,
  exercises: [
    {
      id: 'publish-docs',
      title: { en: 'Run a second nginx container named `docs`, in the background, reachable at `localhost:8000` (host port 8000 to the container’s port 80)' },
      hints: [
        { text: { en: 'A new container needs `docker run`. `-d` runs it in the background, `--name` names it, and `-p HOST:CONTAINER` publishes a port.' } },
        {
          text: { en: '`docs` publishes the ports the wrong way round. In `-p 8000:80` the host port comes first and the container’s port second: nginx listens on 80 inside. Remove it with `docker rm -f docs` and run it again.' },
          when: (world) => {
            const docs = byName(world, 'docs');
            return !!docs && docs.hostConfig.portBindings.some((p) => p.hostPort === 80 && p.containerPort === 8000);
          },
        },
        {
          text: { en: '`docs` exists but publishes no port, and a container’s published ports are fixed when it is created. Remove it with `docker rm -f docs` and run it again with `-p 8000:80`.' },
          when: (world) => {
            const docs = byName(world, 'docs');
            return !!docs && docs.hostConfig.portBindings.length === 0;
          },
        },
        { text: { en: 'Run `docker run -d --name docs -p 8000:80 nginx`, then `curl localhost:8000`.' } },
      ],
      check(world) {
        const docs = byName(world, 'docs');
        if (!docs) return missing({ en: 'There is no container named `docs` yet.' });
        if (!fromNginx(world, docs)) return missing({ en: `\`docs\` was made from ${docs.image}, not from nginx.` });
        if (!docs.hostConfig.portBindings.some((p) => p.hostPort === 8000 && p.containerPort === 80)) return missing({ en: `\`docs\` does not publish host port 8000 to its port 80 (its published ports: ${portsOf(docs)}).` });
        if (docs.status !== 'running') return missing({ en: `\`docs\` is ${docs.status}, not running: start it with \`docker start docs\`.` });
        return pass();
      },
      solution: { commands: ['docker run -d --name docs -p 8000:80 nginx', 'curl localhost:8000'] },
    },
    {
      id: 'remove-leftover',
      title: { en: 'Clean up the container left over from `hello-world`: remove it, but keep the hello-world image' },
      hints: [
        { text: { en: '`docker ps` lists only running containers. Which command shows the stopped ones too?' } },
        { text: { en: '`docker ps -a` shows the exited container and its name in the last column. `docker rm` takes a name or an id (the first few characters are enough).' } },
        {
          text: { en: 'The hello-world image is gone too. Pull it back with `docker pull hello-world`: the exercise asks you to keep the image and remove only the container.' },
          when: (world) => !docker(world).images.resolve('hello-world'),
        },
        { text: { en: 'Run `docker ps -a`, then `docker rm NAME` with the name it shows for hello-world. In one line: `docker rm $(docker ps -aq --filter ancestor=hello-world)`.' } },
      ],
      check(world) {
        const left = docker(world).list(true).filter((c) => /^(docker\.io\/)?(library\/)?hello-world(:|@|$)/.test(c.image));
        if (left.length > 0) return missing({ en: `A container made from hello-world is still there: ${left.map((c) => `\`${c.name}\` (${c.status})`).join(', ')}.` });
        if (!docker(world).images.resolve('hello-world')) return missing({ en: 'The container is gone, but so is the hello-world image: pull it back with `docker pull hello-world`.' });
        return pass();
      },
      solution: { commands: ['docker ps -a', 'docker rm $(docker ps -aq --filter ancestor=hello-world)'] },
    },
    {
      id: 'hello-dockyard',
      title: { en: 'Make the Flask app say `Hello, Dockyard!`, build it as `flask-hello-world:v2`, and run it so that `curl localhost:8081` answers with the new text' },
      hints: [
        { text: { en: 'Three steps: edit `app.py`, build a new image with a new tag (`-t flask-hello-world:v2`), run a container of it with a free host port published to the app’s port, 8080.' } },
        {
          text: { en: 'A container of v2 is running but it publishes the wrong container port. The app listens on 8080 inside the container, so publish `-p 8081:8080`. Remove it with `docker rm -f` and run it again.' },
          when: (world) => v2Containers(world).some((c) => c.status === 'running' && c.hostConfig.portBindings.some((p) => p.hostPort === 8081 && p.containerPort !== 8080)),
        },
        {
          text: { en: 'The v2 image still says the old text: editing `app.py` changes nothing until you build again. Check the file with `cat app.py`, then rebuild with `docker build -t flask-hello-world:v2 .` and run a new container.' },
          when: (world) => v2Containers(world).some((c) => c.status === 'running' && !!c.server && !(c.server.routes ?? []).some(([path, text]) => path === '/' && text.includes('Hello, Dockyard!'))),
        },
        { text: { en: 'In `~/flask-hello-world`, change the return line to `return "Hello, Dockyard!\\n"`, then run `docker build -t flask-hello-world:v2 .` and `docker run -d -p 8081:8080 flask-hello-world:v2`.' } },
      ],
      check(world) {
        if (!docker(world).images.resolve(V2)) return missing({ en: 'There is no image tagged `flask-hello-world:v2` yet.' });
        const running = v2Containers(world).filter((c) => c.status === 'running');
        if (running.length === 0) return missing({ en: 'No container of `flask-hello-world:v2` is running.' });
        const published = running.find((c) => c.hostConfig.portBindings.some((p) => p.hostPort === 8081 && p.containerPort === 8080));
        if (!published) return missing({ en: `The running v2 container does not publish host port 8081 to the app’s port 8080 (its published ports: ${portsOf(running[0])}).` });
        const page = (published.server?.routes ?? []).find(([path]) => path === '/')?.[1];
        if (page === undefined) return missing({ en: 'The v2 container is running, but its app is not answering: look at `docker logs` for it.' });
        if (!page.includes('Hello, Dockyard!')) return missing({ en: `The v2 app answers \`${page.trim()}\`, not \`Hello, Dockyard!\`.` });
        return pass();
      },
      solution: {
        commands: [
          'mkdir -p ~/flask-hello-world && cd ~/flask-hello-world',
          `printf '%s\\n' 'from flask import Flask' '' 'app = Flask(__name__)' '' '@app.route("/")' 'def hello():' '    return "Hello, Dockyard!\\n"' '' 'app.run(host="0.0.0.0", port=8080)' > app.py`,
          `printf '%s\\n' 'FROM python:3.12-slim' 'WORKDIR /app' 'RUN pip install flask' 'COPY app.py .' 'EXPOSE 8080' 'CMD ["python", "app.py"]' > Dockerfile`,
          'docker build -t flask-hello-world:v2 .',
          'docker run -d -p 8081:8080 flask-hello-world:v2',
          'curl localhost:8081',
        ],
      },
    },
  ],
};

export default exercises;
