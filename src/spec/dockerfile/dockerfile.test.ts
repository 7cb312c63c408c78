// Whole Dockerfiles of the kinds found in the wild, through the module's
// public surface, and what a builder does with the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import {
  DockerfileParseError,
  EXPANDED_FIELDS,
  expandHeredoc,
  expandWord,
  expandWords,
  parseDockerfile,
  parseInstructions,
  parseMount,
  type Instruction,
} from './index.js';

const nodeApp = `# syntax=docker/dockerfile:1.7
# check=error=true

ARG NODE_VERSION=20.11.1

FROM node:\${NODE_VERSION}-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \\
    npm ci --omit=dev

FROM node:\${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:\${NODE_VERSION}-alpine
ENV NODE_ENV=production \\
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
USER node
EXPOSE \${PORT}
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \\
  CMD wget -qO- http://localhost:\${PORT}/health || exit 1
ENTRYPOINT ["node"]
CMD ["dist/server.js"]
`;

test('a multi-stage Node.js Dockerfile', () => {
  const df = parseDockerfile(nodeApp);
  assert.equal(df.syntax, 'docker/dockerfile:1.7');
  assert.equal(df.check, 'error=true');
  assert.equal(df.escape, '\\');
  assert.deepEqual(df.warnings, []);
  assert.deepEqual(df.metaArgs.map((a) => [a.startLine, a.args]), [[4, [{ name: 'NODE_VERSION', value: '20.11.1' }]]]);
  assert.deepEqual(
    df.stages.map((s) => [s.name, s.from.image, s.from.startLine, s.instructions.map((i) => i.kind).join(' ')]),
    [
      ['deps', 'node:${NODE_VERSION}-alpine', 6, 'WORKDIR COPY RUN'],
      ['build', 'node:${NODE_VERSION}-alpine', 12, 'WORKDIR COPY COPY RUN'],
      [undefined, 'node:${NODE_VERSION}-alpine', 18, 'ENV WORKDIR COPY COPY USER EXPOSE HEALTHCHECK ENTRYPOINT CMD'],
    ],
  );
  const final = df.stages[2]!.instructions;
  assert.deepEqual(final[0], {
    kind: 'ENV',
    startLine: 19,
    endLine: 20,
    original: 'ENV NODE_ENV=production     PORT=3000',
    env: [
      { key: 'NODE_ENV', value: 'production' },
      { key: 'PORT', value: '3000' },
    ],
  });
  const health = final[6]!;
  assert.deepEqual([health.startLine, health.endLine], [26, 27]);
  assert.deepEqual(health.kind === 'HEALTHCHECK' && health.health, {
    Test: ['CMD-SHELL', 'wget -qO- http://localhost:${PORT}/health || exit 1'],
    Interval: 30e9,
    Timeout: 5e9,
    Retries: 3,
  });
});

const goCross = `FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
RUN --mount=type=bind,target=. \\
    --mount=type=cache,target=/root/.cache/go-build \\
    --mount=type=cache,target=/go/pkg/mod,sharing=locked \\
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app

FROM scratch
LABEL org.opencontainers.image.source="https://example.com/app" \\
      org.opencontainers.image.licenses=Apache-2.0
COPY --from=build --chmod=0755 /out/app /app
COPY <<EOF /etc/passwd
nobody:x:65534:65534:nobody:/:/sbin/nologin
EOF
USER 65534
ENTRYPOINT ["/app"]
`;

test('a cross-compiling Go Dockerfile with cache mounts and a scratch stage', () => {
  const df = parseDockerfile(goCross);
  const [build, final] = df.stages;
  assert.equal(build!.from.platform, '$BUILDPLATFORM');
  const run = build!.instructions[2]!;
  assert.equal(run.kind, 'RUN');
  if (run.kind !== 'RUN') return;
  assert.deepEqual(run.mounts, ['type=bind,target=.', 'type=cache,target=/root/.cache/go-build', 'type=cache,target=/go/pkg/mod,sharing=locked']);
  assert.deepEqual(run.command, ['CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app']);
  assert.deepEqual(run.mounts.map((m) => parseMount(m, (v) => v).type), ['bind', 'cache', 'cache']);
  assert.equal(final!.from.image, 'scratch');
  const copy = final!.instructions[2]!;
  assert.deepEqual(copy.kind === 'COPY' && [copy.heredocs, copy.dest, copy.startLine, copy.endLine], [
    [{ name: 'EOF', content: 'nobody:x:65534:65534:nobody:/:/sbin/nologin\n', expand: true, chomp: false }],
    '/etc/passwd',
    13,
    15,
  ]);
});

const debianService = `FROM debian:bookworm-slim
MAINTAINER ops@example.com
ENV DEBIAN_FRONTEND noninteractive
RUN set -eux; \\
    apt-get update; \\
    # the tools the entrypoint needs
    apt-get install -y --no-install-recommends \\
        ca-certificates \\

        curl; \\
    rm -rf /var/lib/apt/lists/*
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN <<-EOT bash
	set -e
	echo "ready" > /ready
	EOT
VOLUME ["/var/lib/service"]
EXPOSE 8080/tcp 8443
STOPSIGNAL SIGQUIT
ONBUILD COPY app.conf /etc/service/
CMD exec service --foreground
`;

test('a Debian service Dockerfile: comments and a blank line in a continuation, legacy ENV', () => {
  const df = parseDockerfile(debianService);
  assert.deepEqual(df.warnings, [
    {
      line: 11,
      message:
        'Empty continuation line found in: RUN set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         curl;     rm -rf /var/lib/apt/lists/*',
    },
  ]);
  const [maintainer, env, run, shell, heredoc, volume, expose, stopsignal, onbuild, cmd] = df.stages[0]!.instructions;
  assert.equal(maintainer!.kind === 'MAINTAINER' && maintainer.maintainer, 'ops@example.com');
  assert.deepEqual(env!.kind === 'ENV' && env.env, [{ key: 'DEBIAN_FRONTEND', value: 'noninteractive' }]);
  assert.deepEqual([run!.startLine, run!.endLine], [4, 11]);
  assert.deepEqual(shell!.kind === 'SHELL' && shell.shell, ['/bin/bash', '-o', 'pipefail', '-c']);
  assert.deepEqual(heredoc!.kind === 'RUN' && heredoc.heredocs, [{ name: 'EOT', content: 'set -e\necho "ready" > /ready\n', expand: true, chomp: true }]);
  assert.deepEqual(volume!.kind === 'VOLUME' && volume.volumes, ['/var/lib/service']);
  assert.deepEqual(expose!.kind === 'EXPOSE' && expose.ports, ['8080/tcp', '8443']);
  assert.equal(stopsignal!.kind === 'STOPSIGNAL' && stopsignal.signal, 'SIGQUIT');
  assert.equal(onbuild!.kind === 'ONBUILD' && onbuild.expression, 'COPY app.conf /etc/service/');
  assert.deepEqual(cmd!.kind === 'CMD' && [cmd.command, cmd.shell, cmd.startLine], [['exec service --foreground'], true, 21]);
});

const windows = `# escape=\`

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN New-Item -ItemType Directory C:\\app; \`
    Set-Location C:\\app
COPY app\\ C:\\app\\
WORKDIR C:\\app
`;

test('a Windows Dockerfile with the backtick escape', () => {
  const df = parseDockerfile(windows);
  assert.equal(df.escape, '`');
  const [, run, copy, workdir] = df.stages[0]!.instructions;
  assert.deepEqual(run!.kind === 'RUN' && run.command, ['New-Item -ItemType Directory C:\\app;     Set-Location C:\\app']);
  assert.deepEqual(copy!.kind === 'COPY' && [copy.sources, copy.dest], [['app\\'], 'C:\\app\\']);
  // At build time, expanded with the backtick: backslashes stay.
  assert.equal(workdir!.kind === 'WORKDIR' && expandWord(workdir.path, {}, df.escape), 'C:\\app');
});

/** What a builder does: each field Docker expands, expanded with the stage's variables. */
function expandInstruction(instruction: Instruction, env: Record<string, string>, escape: '\\' | '`'): Record<string, unknown> {
  const word = (v: string): string => expandWord(v, env, escape);
  const out: Record<string, unknown> = { ...instruction };
  for (const field of EXPANDED_FIELDS[instruction.kind] as readonly string[]) {
    const value = out[field];
    if (instruction.kind === 'EXPOSE') out[field] = instruction.ports.flatMap((p) => expandWords(p, env, escape));
    else if (instruction.kind === 'RUN') out[field] = instruction.mounts.map((m) => parseMount(m, word));
    else if (field === 'heredocs') out[field] = (value as { content: string; expand: boolean }[]).map((h) => (h.expand ? { ...h, content: expandHeredoc(h.content, env) } : h));
    else if (typeof value === 'string') out[field] = word(value);
    else if (Array.isArray(value)) {
      out[field] = value.map((item: unknown) =>
        typeof item === 'string'
          ? word(item)
          : Object.fromEntries(Object.entries(item as object).map(([k, v]) => [k, instruction.kind === 'ARG' && k === 'name' ? v : word(v as string)])),
      );
    }
  }
  return out;
}

test('EXPANDED_FIELDS drives the expansion a builder does', () => {
  const env = { PORT: '3000', HOME: '/home/app', USER: 'app', V: '1.2', DIR: 'cache' };
  const parsed = parseInstructions(
    [
      'ENV URL="http://localhost:$PORT" "KEY $USER"=x',
      'EXPOSE $PORT 9$PORT/udp',
      'COPY --chown=$USER:$USER --from=$X <<A <<"B" $HOME/',
      'a=$V "q"',
      'A',
      'b=$V',
      'B',
      'RUN --mount=type=cache,target=/$DIR,id=${DIR}-v$V make',
      'ARG NAME_$V=v$V',
      'CMD echo $HOME',
    ].join('\n'),
  );
  const [env1, expose, copy, run, arg, cmd] = parsed.map((i) => expandInstruction(i, env, '\\'));
  assert.deepEqual(env1!.env, [
    { key: 'URL', value: 'http://localhost:3000' },
    { key: 'KEY app', value: 'x' },
  ]);
  assert.deepEqual(expose!.ports, ['3000', '93000/udp']);
  assert.deepEqual([copy!.chown, copy!.from, copy!.dest], ['app:app', '$X', '/home/app/']);
  assert.deepEqual(copy!.heredocs, [
    { name: 'A', content: 'a=1.2 "q"\n', expand: true, chomp: false },
    { name: 'B', content: 'b=$V\n', expand: false, chomp: false },
  ]);
  assert.deepEqual(run!.mounts, [{ type: 'cache', target: '/cache', id: 'cache-v1.2', readOnly: false, required: false }]);
  assert.deepEqual(arg!.args, [{ name: 'NAME_$V', value: 'v1.2' }]);
  assert.deepEqual(cmd!.command, ['echo $HOME']);
});

test('parseInstructions reads an image\'s ONBUILD triggers', () => {
  const [copy, run] = ['COPY . /app', 'RUN <<EOF\nmake\nEOF'].flatMap((trigger) => parseInstructions(trigger));
  assert.equal(copy!.kind, 'COPY');
  assert.deepEqual(run!.kind === 'RUN' && run.heredocs.map((h) => h.content), ['make\n']);
});

test('file-level errors', () => {
  const cases: [string, string, number][] = [
    ['', 'the Dockerfile cannot be empty', 0],
    ['# only a comment\n\n', 'dockerfile parse error on line 2: file with no instructions', 2],
    ['\n\\\n', 'dockerfile parse error on line 2: unknown instruction: ', 2],
    ['RUN a\nFROM b', 'dockerfile parse error on line 1: no build stage in current context', 1],
  ];
  for (const [source, message, line] of cases) {
    assert.throws(() => parseDockerfile(source), (err: unknown) => err instanceof DockerfileParseError && err instanceof InvalidArgument && err.message === message && err.line === line, JSON.stringify(source));
  }
});

test('a syntax error anywhere wins over instruction errors, as in BuildKit', () => {
  assert.throws(() => parseDockerfile('FROM a\nRUNN x\nRUN <<EOF\nnever ends\n'), {
    line: 3,
    endLine: 4,
    message: 'dockerfile parse error on line 3: unterminated heredoc',
  });
  assert.throws(() => parseDockerfile('FROM a\nRUNN x\nCMD ["a", 1]'), {
    message: 'dockerfile parse error on line 3: when using JSON array syntax, arrays must be comprised of strings only',
  });
});
