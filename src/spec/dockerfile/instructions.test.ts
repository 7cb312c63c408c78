// Every instruction, its flags, and the errors BuildKit gives for each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { DockerfileParseError } from './errors.js';
import { parseInstructions } from './parse.js';
import type { Instruction } from './types.js';

function one(text: string): Instruction {
  const instructions = parseInstructions(text);
  assert.equal(instructions.length, 1, text);
  return instructions[0]!;
}

/** The instruction without its location, to compare its fields. */
function fields(text: string): Record<string, unknown> {
  const { startLine: _s, endLine: _e, original: _o, ...rest } = one(text);
  return rest;
}

function fails(text: string, reason: string, line = 1): void {
  assert.throws(
    () => parseInstructions(text),
    (err: unknown) => {
      assert.ok(err instanceof DockerfileParseError && err instanceof InvalidArgument, String(err));
      assert.equal(err.reason, reason, text);
      assert.equal(err.line, line, text);
      assert.equal(err.message, `dockerfile parse error on line ${line}: ${reason}`);
      return true;
    },
    text,
  );
}

test('instruction names are case-insensitive; unknown ones are refused with a hint', () => {
  assert.equal(one('from alpine').kind, 'FROM');
  assert.equal(one('rUn echo').kind, 'RUN');
  fails('RUNN echo', 'unknown instruction: RUNN (did you mean RUN?)');
  fails('runn echo', 'unknown instruction: runn (did you mean run?)');
  fails('Cpy a b', 'unknown instruction: Cpy (did you mean copy?)');
  fails('FOOBAR x', 'unknown instruction: FOOBAR');
  fails('FROM a\n  apt-get install x', 'unknown instruction: apt-get', 2);
});

test('each instruction keeps its lines and text', () => {
  const [from, run] = parseInstructions('FROM a\n\nRUN b \\\n  c\n');
  assert.deepEqual(from, { kind: 'FROM', startLine: 1, endLine: 1, original: 'FROM a', image: 'a' });
  assert.deepEqual([run!.startLine, run!.endLine, run!.original], [3, 4, 'RUN b   c']);
});

test('FROM: image, --platform, AS name', () => {
  assert.deepEqual(fields('FROM alpine:3.20'), { kind: 'FROM', image: 'alpine:3.20' });
  assert.deepEqual(fields('FROM --platform=$BUILDPLATFORM golang:1.22 as Builder-1.x_y'), {
    kind: 'FROM',
    image: 'golang:1.22',
    name: 'builder-1.x_y',
    platform: '$BUILDPLATFORM',
  });
  assert.deepEqual(fields('FROM scratch'), { kind: 'FROM', image: 'scratch' });
  fails('FROM', 'FROM requires either one or three arguments');
  fails('FROM a AS', 'FROM requires either one or three arguments');
  fails('FROM a FOR b', 'FROM requires either one or three arguments');
  fails('FROM a AS 1st', 'invalid name for build stage: "1st", name can\'t start with a number or contain symbols');
  fails('FROM a AS my:stage', 'invalid name for build stage: "my:stage", name can\'t start with a number or contain symbols');
  fails('FROM --platfrom=x a', 'unknown flag: --platfrom (did you mean platform?)');
  fails('FROM --platform a', 'missing a value on flag: --platform');
  fails('FROM --platform=a --platform=b c', 'duplicate flag specified: --platform');
});

test('RUN: shell and exec forms, flags, heredocs', () => {
  assert.deepEqual(fields('RUN apt-get update && apt-get install -y curl'), {
    kind: 'RUN',
    command: ['apt-get update && apt-get install -y curl'],
    shell: true,
    heredocs: [],
    mounts: [],
    network: 'default',
    security: 'sandbox',
    devices: [],
  });
  assert.deepEqual(fields('RUN --network=host ["/bin/bash", "-c", "echo hi"]'), {
    kind: 'RUN',
    command: ['/bin/bash', '-c', 'echo hi'],
    shell: false,
    heredocs: [],
    mounts: [],
    network: 'host',
    security: 'sandbox',
    devices: [],
  });
  const run = one('RUN --mount=type=secret,id=npm,target=/root/.npmrc <<EOF\nnpm ci\nEOF\n');
  assert.equal(run.kind, 'RUN');
  if (run.kind !== 'RUN') return;
  assert.deepEqual(run.mounts, ['type=secret,id=npm,target=/root/.npmrc']);
  assert.deepEqual(run.command, ['<<EOF']);
  assert.deepEqual(run.heredocs, [{ name: 'EOF', content: 'npm ci\n', expand: true, chomp: false }]);
  assert.equal(run.endLine, 3);
  fails('RUN --mount=type=cache,target=/x,mode=abc make', 'invalid value abc for mode');
  fails('RUN --mount=type=bind,from=$X make', "'from' doesn't support variable expansion, define alias stage instead");
  fails('RUN --network=bridge make', 'invalid network mode "bridge"');
  fails('RUN --security=x make', 'security "x" is not valid');
  fails('RUN --foo make', 'unknown flag: --foo');
  fails('RUN ["a", {}]', 'when using JSON array syntax, arrays must be comprised of strings only');
});

test('RUN heredocs: several, <<- strips tabs, quoted names are not expanded', () => {
  const run = one('RUN <<-A python3 - <<"B"\n\timport os\n\tA\n$HOME\nB\n');
  assert.equal(run.kind, 'RUN');
  if (run.kind !== 'RUN') return;
  assert.deepEqual(run.command, ['<<-A python3 - <<"B"']);
  assert.deepEqual(run.heredocs, [
    { name: 'A', content: 'import os\n', expand: true, chomp: true },
    { name: 'B', content: '$HOME\n', expand: false, chomp: false },
  ]);
  assert.equal(run.endLine, 5);
  // No heredoc: exec form, `<<` not starting a word.
  assert.deepEqual(parseInstructions('RUN ["cat", "<<EOF"]\nRUN cat<<EOF\n').map((i) => i.kind), ['RUN', 'RUN']);
  fails('RUN cat <<EOF\nline\n', 'unterminated heredoc');
  fails('FROM a\nRUN <<A <<B\nA\nb', 'unterminated heredoc', 2);
});

test('CMD and ENTRYPOINT', () => {
  assert.deepEqual(fields('CMD ["nginx", "-g", "daemon off;"]'), { kind: 'CMD', command: ['nginx', '-g', 'daemon off;'], shell: false });
  assert.deepEqual(fields('CMD node server.js'), { kind: 'CMD', command: ['node server.js'], shell: true });
  assert.deepEqual(fields('CMD []'), { kind: 'CMD', command: [], shell: false });
  assert.deepEqual(fields('ENTRYPOINT ["/docker-entrypoint.sh"]'), { kind: 'ENTRYPOINT', command: ['/docker-entrypoint.sh'], shell: false });
  assert.deepEqual(fields('ENTRYPOINT'), { kind: 'ENTRYPOINT', command: [], shell: true });
  fails('CMD --x=1 a', 'unknown flag: --x');
});

test('LABEL and ENV: both forms, values kept as written', () => {
  assert.deepEqual(fields('LABEL org.opencontainers.image.title="My app" version=1.0'), {
    kind: 'LABEL',
    labels: [
      { key: 'org.opencontainers.image.title', value: '"My app"' },
      { key: 'version', value: '1.0' },
    ],
  });
  assert.deepEqual(fields('LABEL maintainer Jane Doe <jane@example.com>'), { kind: 'LABEL', labels: [{ key: 'maintainer', value: 'Jane Doe <jane@example.com>' }] });
  assert.deepEqual(fields('ENV PATH=/opt/bin:$PATH LANG=C.UTF-8 EMPTY='), {
    kind: 'ENV',
    env: [
      { key: 'PATH', value: '/opt/bin:$PATH' },
      { key: 'LANG', value: 'C.UTF-8' },
      { key: 'EMPTY', value: '' },
    ],
  });
  assert.deepEqual(fields('ENV NODE_VERSION 20.11.0'), { kind: 'ENV', env: [{ key: 'NODE_VERSION', value: '20.11.0' }] });
  fails('ENV', 'ENV requires at least one argument');
  fails('LABEL', 'LABEL requires at least one argument');
  fails('ENV =x', 'ENV names can not be blank');
  fails('LABEL a=b =c', 'LABEL names can not be blank');
  fails('ENV A', 'ENV must have two arguments');
  fails('ENV A=1 B', 'Syntax error - can\'t find = in "B". Must be of the form: name=value');
  fails('ENV --x=1 A=1', 'unknown flag: --x');
});

test('EXPOSE: ports as written, sorted', () => {
  assert.deepEqual(fields('EXPOSE 8080 80/tcp 53/udp $PORT'), { kind: 'EXPOSE', ports: ['$PORT', '53/udp', '80/tcp', '8080'] });
  fails('EXPOSE', 'EXPOSE requires at least one argument');
});

test('ADD: sources, destination, every flag', () => {
  assert.deepEqual(fields('ADD --chown=app:app --chmod=644 --link --keep-git-dir=true --checksum=sha256:abc --exclude=*.md --exclude=.git --unpack=false https://example.com/a.tar.gz git@github.com:x/y.git /dst/'), {
    kind: 'ADD',
    sources: ['https://example.com/a.tar.gz', 'git@github.com:x/y.git'],
    heredocs: [],
    dest: '/dst/',
    chown: 'app:app',
    chmod: '644',
    link: true,
    keepGitDir: true,
    checksum: 'sha256:abc',
    exclude: ['*.md', '.git'],
    unpack: false,
  });
  assert.deepEqual(fields('ADD a.tar /'), { kind: 'ADD', sources: ['a.tar'], heredocs: [], dest: '/', link: false, keepGitDir: false, exclude: [] });
  fails('ADD a', 'ADD requires at least two arguments, but only one was provided. Destination could not be determined');
  fails('ADD --from=x a b', 'unknown flag: --from');
  fails('ADD --link=yes a b', 'expecting boolean value for flag --link, not: yes');
  fails('ADD --link= a b', 'missing a value on flag: --link');
});

test('COPY: sources, destination, heredocs, every flag', () => {
  assert.deepEqual(fields('COPY --from=build --chown=1000:1000 --chmod=0755 --link --parents --exclude=**/*.test.js ["dist/a b", "/app/"]'), {
    kind: 'COPY',
    sources: ['dist/a b'],
    heredocs: [],
    dest: '/app/',
    from: 'build',
    chown: '1000:1000',
    chmod: '0755',
    link: true,
    parents: true,
    exclude: ['**/*.test.js'],
  });
  assert.deepEqual(fields('COPY <<-EOF x <<"END" /etc/\n\tport=$PORT\n\tEOF\n$HOME\nEND\n'), {
    kind: 'COPY',
    sources: ['x'],
    heredocs: [
      { name: 'EOF', content: 'port=$PORT\n', expand: true, chomp: true },
      { name: 'END', content: '$HOME\n', expand: false, chomp: false },
    ],
    dest: '/etc/',
    link: false,
    parents: false,
    exclude: [],
  });
  fails('COPY', 'COPY requires at least two arguments, but only one was provided. Destination could not be determined');
  fails('COPY \t\n', 'COPY requires at least two arguments, but only one was provided. Destination could not be determined');
  fails('COPY /foo <<EOF\nEOF', 'COPY cannot accept a heredoc as a destination');
  fails('COPY --keep-git-dir a b', 'unknown flag: --keep-git-dir');
  fails('COPY --frm=a b c', 'unknown flag: --frm (did you mean from?)');
});

test('VOLUME, USER, WORKDIR, STOPSIGNAL, MAINTAINER', () => {
  assert.deepEqual(fields('VOLUME ["/data", "/var/log"]'), { kind: 'VOLUME', volumes: ['/data', '/var/log'] });
  assert.deepEqual(fields('VOLUME /a /b'), { kind: 'VOLUME', volumes: ['/a', '/b'] });
  assert.deepEqual(fields('USER 1000:1000'), { kind: 'USER', user: '1000:1000' });
  assert.deepEqual(fields('WORKDIR /app/$NAME dir'), { kind: 'WORKDIR', path: '/app/$NAME dir' });
  assert.deepEqual(fields('STOPSIGNAL SIGQUIT'), { kind: 'STOPSIGNAL', signal: 'SIGQUIT' });
  // Docker ignores STOPSIGNAL's flags.
  assert.deepEqual(fields('STOPSIGNAL --foo 9'), { kind: 'STOPSIGNAL', signal: '9' });
  assert.deepEqual(fields('MAINTAINER Jane <jane@example.com>'), { kind: 'MAINTAINER', maintainer: 'Jane <jane@example.com>' });
  fails('VOLUME', 'VOLUME requires at least one argument');
  fails('VOLUME []', 'VOLUME requires at least one argument');
  fails('VOLUME ["/a", " "]', 'VOLUME specified can not be an empty string');
  for (const name of ['USER', 'WORKDIR', 'STOPSIGNAL', 'MAINTAINER']) fails(name, `${name} requires exactly one argument`);
  fails('MAINTAINER --boo joe@example.com', 'unknown flag: --boo');
  fails('WORKDIR --x=1 /a', 'unknown flag: --x');
});

test('ARG: several names, with or without defaults', () => {
  assert.deepEqual(fields('ARG VERSION=1.2 TARGETARCH NAME="a b" EMPTY='), {
    kind: 'ARG',
    args: [{ name: 'VERSION', value: '1.2' }, { name: 'TARGETARCH' }, { name: 'NAME', value: '"a b"' }, { name: 'EMPTY', value: '' }],
  });
  fails('ARG', 'ARG requires at least one argument');
  fails('ARG =x', 'ARG names can not be blank');
  fails('ARG --required X', 'unknown flag: --required');
});

test('ONBUILD: the trigger parsed, the expression Docker stores', () => {
  const onbuild = one('ONBUILD COPY --chown=app . /src');
  assert.equal(onbuild.kind, 'ONBUILD');
  if (onbuild.kind !== 'ONBUILD') return;
  assert.equal(onbuild.expression, 'COPY --chown=app . /src');
  assert.deepEqual(onbuild.trigger, {
    kind: 'COPY',
    startLine: 1,
    endLine: 1,
    original: 'COPY --chown=app . /src',
    sources: ['.'],
    heredocs: [],
    dest: '/src',
    chown: 'app',
    link: false,
    parents: false,
    exclude: [],
  });
  const heredoc = one('onbuild RUN <<EOF\necho hi\nEOF\n');
  assert.equal(heredoc.kind === 'ONBUILD' && heredoc.expression, 'RUN <<EOF\necho hi\nEOF');
  assert.equal(heredoc.kind === 'ONBUILD' && heredoc.trigger.kind === 'RUN' && heredoc.trigger.heredocs[0]?.content, 'echo hi\n');
  fails('ONBUILD', 'ONBUILD requires at least one argument');
  fails('ONBUILD ONBUILD RUN touch foobar', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  fails('ONBUILD FROM scratch', "FROM isn't allowed as an ONBUILD trigger");
  fails('ONBUILD maintainer docker.io', "MAINTAINER isn't allowed as an ONBUILD trigger");
  fails('ONBUILD RUNN x', 'unknown instruction: RUNN (did you mean RUN?)');
  fails('ONBUILD --x RUN y', 'unknown flag: --x');
});

test('HEALTHCHECK: NONE, CMD in both forms, durations and retries', () => {
  assert.deepEqual(fields('HEALTHCHECK NONE'), { kind: 'HEALTHCHECK', health: { Test: ['NONE'] } });
  assert.deepEqual(fields('HEALTHCHECK --interval=30s --timeout=3s --start-period=1m --start-interval=500ms --retries=5 CMD curl -f http://localhost/ || exit 1'), {
    kind: 'HEALTHCHECK',
    health: {
      Test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
      Interval: 30e9,
      Timeout: 3e9,
      StartPeriod: 60e9,
      StartInterval: 5e8,
      Retries: 5,
    },
  });
  assert.deepEqual(fields('healthcheck --interval=0s --retries=0 cmd ["pg_isready", "-U", "postgres"]'), {
    kind: 'HEALTHCHECK',
    health: { Test: ['CMD', 'pg_isready', '-U', 'postgres'] },
  });
  // As in Docker, flags are not even looked at with NONE.
  assert.deepEqual(fields('HEALTHCHECK --bogus NONE'), { kind: 'HEALTHCHECK', health: { Test: ['NONE'] } });
  fails('HEALTHCHECK', 'HEALTHCHECK requires at least one argument');
  fails('HEALTHCHECK NONE x', 'HEALTHCHECK NONE takes no arguments');
  fails('HEALTHCHECK CMD', 'Missing command after HEALTHCHECK CMD');
  fails('HEALTHCHECK RUN true', 'Unknown type "RUN" in HEALTHCHECK (try CMD)');
  fails('HEALTHCHECK --interval=1 CMD true', 'time: missing unit in duration "1"');
  fails('HEALTHCHECK --timeout=500us CMD true', 'Interval "timeout" cannot be less than 1ms');
  fails('HEALTHCHECK --retries=-1 CMD true', '--retries cannot be negative (-1)');
  fails('HEALTHCHECK --retries=x CMD true', 'strconv.ParseInt: parsing "x": invalid syntax');
  fails('HEALTHCHECK --intervl=1s CMD true', 'unknown flag: --intervl (did you mean interval?)');
});

test('SHELL: JSON only', () => {
  assert.deepEqual(fields('SHELL ["powershell", "-command"]'), { kind: 'SHELL', shell: ['powershell', '-command'] });
  fails('SHELL /bin/bash -c', 'SHELL requires the arguments to be in JSON form');
  fails('SHELL []', 'SHELL requires at least one argument');
  fails('SHELL', 'SHELL requires at least one argument');
});
