import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerfileError, parseDockerfile, type ParsedInstruction } from './dockerfile';

const only = (source: string) => parseDockerfile(source).stages[0].instructions;
const second = (source: string): ParsedInstruction => only(`FROM alpine\n${source}`)[1];

describe('parseDockerfile', () => {
  it('reads the homework Dockerfile', () => {
    const file = parseDockerfile(`FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
ENV PORT=8080 GREETING="hello world"
EXPOSE 8080
CMD ["python3", "app.py"]
`);
    expect(file.stages).toHaveLength(1);
    expect(file.stages[0].instructions.map((i) => i.keyword)).toEqual(['FROM', 'WORKDIR', 'COPY', 'RUN', 'COPY', 'ENV', 'EXPOSE', 'CMD']);
    expect(file.stages[0].instructions[5]).toMatchObject({ pairs: [['PORT', '8080'], ['GREETING', 'hello world']], line: 6 });
    expect(file.stages[0].instructions[7]).toMatchObject({ command: { form: 'exec', argv: ['python3', 'app.py'] } });
  });

  it('knows every instruction in the reference', () => {
    expect(second('RUN echo hi > /x')).toMatchObject({ command: { form: 'shell', script: 'echo hi > /x' } });
    expect(second('RUN ["/bin/sh", "-c", "echo hi"]')).toMatchObject({ command: { form: 'exec', argv: ['/bin/sh', '-c', 'echo hi'] } });
    expect(second('RUN [not json')).toMatchObject({ command: { form: 'shell', script: '[not json' } });
    expect(second('RUN --mount=type=cache,target=/root/.cache pip install x')).toMatchObject({ mounts: ['type=cache,target=/root/.cache'] });
    expect(second('CMD echo $HOME')).toMatchObject({ command: { form: 'shell', script: 'echo $HOME' } });
    expect(second('ENTRYPOINT ["nginx", "-g", "daemon off;"]')).toMatchObject({ command: { form: 'exec', argv: ['nginx', '-g', 'daemon off;'] } });
    expect(second('COPY --chown=1000:1000 --chmod=755 a b /dest/')).toMatchObject({ sources: ['a', 'b'], destination: '/dest/', chown: '1000:1000', chmod: '755' });
    expect(second('COPY ["a file", "/dest"]')).toMatchObject({ sources: ['a file'], destination: '/dest' });
    expect(second('ADD https://example.com/x.tar.gz /opt/')).toMatchObject({ keyword: 'ADD', sources: ['https://example.com/x.tar.gz'] });
    expect(second('LABEL org.opencontainers.image.title="My app" version=1')).toMatchObject({ pairs: [['org.opencontainers.image.title', 'My app'], ['version', '1']] });
    expect(second('ENV LEGACY value with spaces')).toMatchObject({ pairs: [['LEGACY', 'value with spaces']] });
    expect(second('ARG VERSION=1.2')).toMatchObject({ name: 'VERSION', defaultValue: '1.2' });
    expect(second('ARG TOKEN')).toMatchObject({ name: 'TOKEN', defaultValue: undefined });
    expect(second('EXPOSE 80/tcp 53/udp')).toMatchObject({ ports: ['80/tcp', '53/udp'] });
    expect(second('WORKDIR /app')).toMatchObject({ value: '/app' });
    expect(second('USER 1000:1000')).toMatchObject({ value: '1000:1000' });
    expect(second('VOLUME ["/data", "/logs"]')).toMatchObject({ paths: ['/data', '/logs'] });
    expect(second('VOLUME /data /logs')).toMatchObject({ paths: ['/data', '/logs'] });
    expect(second('STOPSIGNAL SIGQUIT')).toMatchObject({ value: 'SIGQUIT' });
    expect(second('SHELL ["/bin/bash", "-c"]')).toMatchObject({ argv: ['/bin/bash', '-c'] });
    expect(second('HEALTHCHECK --interval=5s CMD curl -f http://localhost/')).toMatchObject({ options: ['--interval=5s'], command: { form: 'shell', script: 'curl -f http://localhost/' } });
    expect(second('HEALTHCHECK NONE')).toMatchObject({ command: null });
    expect(second('ONBUILD RUN echo child')).toMatchObject({ trigger: 'RUN echo child' });
    expect(second('MAINTAINER someone')).toMatchObject({ value: 'someone' });
    expect(second('run lower case works')).toMatchObject({ keyword: 'RUN' });
  });

  it('handles stages, continuations, comments and directives', () => {
    const file = parseDockerfile(`# syntax=docker/dockerfile:1
# escape=\`
ARG BASE=alpine
FROM \${BASE} AS build
# a comment
RUN echo one \`

    # comments inside a continuation are dropped
    && echo two
FROM scratch
COPY --from=build /out /out
`);
    expect(file.escape).toBe('`');
    expect(file.syntax).toBe('docker/dockerfile:1');
    expect(file.globalArgs[0]).toMatchObject({ name: 'BASE', defaultValue: 'alpine' });
    expect(file.stages.map((s) => s.alias)).toEqual(['build', undefined]);
    expect(file.stages[0].instructions[1]).toMatchObject({ command: { script: 'echo one     && echo two' }, line: 6, endLine: 9 });
    expect(file.stages[1].instructions[1]).toMatchObject({ from: 'build' });
  });

  it('reads heredocs', () => {
    const [, run, copy] = only(`FROM alpine
RUN <<EOF
echo hi > /greeting
EOF
COPY <<'EOF' /app/config.txt
value=$NOT_EXPANDED
EOF
`);
    expect(run.heredocs).toEqual([{ name: 'EOF', content: 'echo hi > /greeting\n', expand: true }]);
    expect(copy).toMatchObject({ destination: '/app/config.txt', heredocs: [{ content: 'value=$NOT_EXPANDED\n', expand: false }], line: 5, endLine: 7 });
  });

  it("reports mistakes in BuildKit's words, with the line", () => {
    const error = (source: string) => {
      try {
        parseDockerfile(source);
      } catch (e) {
        return e instanceof DockerfileError ? `${e.line}: ${e.message}` : `not a DockerfileError: ${String(e)}`;
      }
      return 'no error';
    };
    expect(error('FROM alpine\nRUNN echo hi')).toBe('2: unknown instruction: RUNN (did you mean run?)');
    expect(error('FROM alpine\nFOOBAR x')).toBe('2: unknown instruction: FOOBAR');
    expect(error('FROM alpine as')).toBe('1: FROM requires either one or three arguments');
    expect(error('RUN echo hi')).toBe('1: no build stage in current context');
    expect(error('# just a comment\n')).toBe('0: the Dockerfile (Dockerfile) cannot be empty');
    expect(error('FROM alpine\nENV =x')).toBe('2: ENV names can not be blank');
    expect(error('FROM alpine\nSHELL /bin/bash -c')).toBe('2: SHELL requires the arguments to be in JSON form');
    expect(error('FROM alpine\nONBUILD ONBUILD RUN x')).toBe("2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    expect(error('FROM alpine\nCOPY onlyone')).toBe('2: COPY requires at least two arguments, but only one was provided. Destination could not be determined');
    expect(error('FROM alpine\nRUN <<EOF\necho never closed')).toBe('2: unterminated heredoc EOF');
  });

  it('never fails with anything but a DockerfileError, whatever the text', () => {
    const line = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('FROM alpine', 'RUN echo x \\', 'COPY a b', 'ENV A=1', '# escape=`', 'RUN <<EOF', 'EOF', 'CMD ["x"', 'ARG', 'LABEL "a'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        try {
          parseDockerfile(lines.join('\n'));
        } catch (error) {
          return error instanceof DockerfileError;
        }
        return true;
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
