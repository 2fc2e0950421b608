/** The Docker engine's costs: starting a server container, listing many, and memory per container. */
import { Sandbox } from '../../sandbox/index';
import { ms, printFigures, timeLine } from './stats';


function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function benchDocker(): Promise<Record<string, number>> {
  const sandbox = await Sandbox.create({ seed: 1, elapsed: () => performance.now() });
  await sandbox.console.run('docker pull nginx');
  const runNginx = await timeLine(sandbox, 'docker run -d nginx', 20);

  const crowded = await Sandbox.create({ seed: 2, elapsed: () => performance.now() });
  await crowded.console.run('docker pull nginx && docker pull alpine');
  const before = heapMiB();
  for (let i = 0; i < 100; i++) await crowded.console.run('docker run -d nginx');
  const heapPer100 = heapMiB() - before;
  for (let i = 0; i < 100; i++) await crowded.console.run('docker create alpine');
  const ps200 = await timeLine(crowded, 'docker ps -a', 9);
  for (let i = 0; i < 98; i++) await crowded.console.run(`docker tag alpine lab/alpine:v${i}`);
  const images100 = await timeLine(crowded, 'docker images', 9);
  const [buildCold, buildCached] = await benchBuild();
  const gcNote = typeof (globalThis as { gc?: unknown }).gc === 'function' ? '' : ' (no --expose-gc: rough)';
  printFigures('Docker engine (Node, medians)', [
    { name: 'docker run -d nginx (20 runs)', value: ms(runNginx) },
    { name: 'docker ps -a with 200 containers', value: ms(ps200) },
    { name: 'docker images with 100 images', value: ms(images100) },
    { name: `heap for 100 running nginx containers${gcNote}`, value: `${heapPer100.toFixed(1)} MiB` },
    { name: 'docker build, 10 steps, cold (--no-cache; base pulled)', value: ms(buildCold) },
    { name: 'docker build, the same 10 steps, all cached', value: ms(buildCached) },
  ]);
  return { runNginxMs: runNginx, ps200Ms: ps200, images100Ms: images100, heap100ContainersMiB: heapPer100, build10ColdMs: buildCold, build10CachedMs: buildCached };
}

/** A ten-instruction Dockerfile (four of them make layers by running or copying), built cold and again from cache. */
async function benchBuild(): Promise<[number, number]> {
  const sandbox = await Sandbox.create({ seed: 3, elapsed: () => performance.now() });
  const dockerfile = [
    'FROM alpine',
    'LABEL org.opencontainers.image.title=bench',
    'ENV GREETING=hello',
    'WORKDIR /app',
    'COPY notes.txt ./',
    'RUN echo "$GREETING" > greeting.txt',
    'RUN mkdir -p data && cp notes.txt data/',
    'COPY app.sh ./',
    'EXPOSE 8080',
    'CMD ["sh", "app.sh"]',
  ];
  const setup = `docker pull -q alpine && mkdir -p /root/bench && cd /root/bench && printf '%s\\n' ${dockerfile.map((l) => `'${l}'`).join(' ')} > Dockerfile && echo notes > notes.txt && echo 'echo hi' > app.sh`;
  const result = await sandbox.console.run(setup);
  if (result.exitCode !== 0) throw new Error(`bench build setup: ${result.stderr}`);
  const cold = await timeLine(sandbox, 'docker build --no-cache -q -t bench .', 7);
  const cached = await timeLine(sandbox, 'docker build -q -t bench .', 7);
  return [cold, cached];
}
