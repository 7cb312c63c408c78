import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { applyChanges, shellWords } from './changes.js';

test('CMD and ENTRYPOINT in JSON and shell forms', () => {
  assert.deepEqual(applyChanges({}, ['CMD ["/bin/sh", "-c", "echo hi"]']).Cmd, ['/bin/sh', '-c', 'echo hi']);
  assert.deepEqual(applyChanges({}, ['CMD echo "hi there"']).Cmd, ['/bin/sh', '-c', 'echo "hi there"']);
  assert.deepEqual(applyChanges({}, ['cmd [not json']).Cmd, ['/bin/sh', '-c', '[not json']);
  const both = applyChanges({}, ['CMD ["x"]', 'ENTRYPOINT ["/init"]']);
  assert.deepEqual(both.Entrypoint, ['/init']);
  assert.deepEqual(both.Cmd, ['x']);
  // ENTRYPOINT resets a CMD that these changes did not set
  assert.equal(applyChanges({ Cmd: ['old'] }, ['ENTRYPOINT /init']).Cmd, null);
});

test('ENV, LABEL: both forms, quotes, expansion, replacement', () => {
  const c = applyChanges({ Env: ['PATH=/bin'] }, [
    // one ENV line expands with the values from before it, as Docker does
    'ENV A=1 B="two words" C=${A}x',
    'ENV PATH=/usr/bin:$PATH',
    'ENV LEGACY some value here',
    'LABEL a=b "c d"=e',
    'LABEL x y',
  ]);
  assert.deepEqual(c.Env, ['PATH=/usr/bin:/bin', 'A=1', 'B=two words', 'C=x', 'LEGACY=some value here']);
  assert.deepEqual(c.Labels, { a: 'b', 'c d': 'e', x: 'y' });
  assert.throws(() => applyChanges({}, ['ENV =x']), { message: 'ENV names can not be blank' });
  assert.throws(() => applyChanges({}, ['ENV A=1 B']), /can't find = in "B"/);
  assert.throws(() => applyChanges({}, ['LABEL']), { message: 'LABEL requires at least one argument' });
});

test('EXPOSE, VOLUME, WORKDIR, USER, STOPSIGNAL, ONBUILD, HEALTHCHECK', () => {
  const c = applyChanges({}, [
    'EXPOSE 80 53/udp 8000-8002',
    'VOLUME ["/data", "/logs"]',
    'VOLUME /cache',
    'WORKDIR /app',
    'WORKDIR sub/../dir',
    'USER nobody',
    'STOPSIGNAL SIGQUIT',
    'ONBUILD RUN echo built',
    'HEALTHCHECK --interval=5s --retries=3 CMD ["true"]',
  ]);
  assert.deepEqual(Object.keys(c.ExposedPorts ?? {}), ['80/tcp', '53/udp', '8000/tcp', '8001/tcp', '8002/tcp']);
  assert.deepEqual(Object.keys(c.Volumes ?? {}), ['/data', '/logs', '/cache']);
  assert.equal(c.WorkingDir, '/app/dir');
  assert.equal(c.User, 'nobody');
  assert.equal(c.StopSignal, 'SIGQUIT');
  assert.deepEqual(c.OnBuild, ['RUN echo built']);
  assert.deepEqual(c.Healthcheck, { Interval: 5e9, Retries: 3, Test: ['CMD', 'true'] });
  assert.deepEqual(applyChanges({}, ['HEALTHCHECK NONE']).Healthcheck, { Test: ['NONE'] });
  assert.deepEqual(applyChanges({}, ['HEALTHCHECK CMD curl -f x']).Healthcheck, { Test: ['CMD-SHELL', 'curl -f x'] });
});

test('Docker errors for refused changes', () => {
  const cases: [string, string | RegExp][] = [
    ['RUN echo hi', 'run is not a valid change command'],
    ['FROM busybox', 'from is not a valid change command'],
    ['STOPSIGNAL SIGNOPE', 'Invalid signal: SIGNOPE'],
    ['USER a b', 'USER requires exactly one argument'],
    ['ONBUILD ONBUILD RUN x', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'],
    ['ONBUILD FROM x', "FROM isn't allowed as an ONBUILD trigger"],
    ['EXPOSE 99999', /invalid containerPort/],
    ['HEALTHCHECK FOO x', 'Unknown type "FOO" in HEALTHCHECK (try CMD)'],
  ];
  for (const [change, message] of cases) {
    assert.throws(
      () => applyChanges({}, [change]),
      (err: unknown) => err instanceof InvalidArgument && (typeof message === 'string' ? err.message === message : message.test(err.message)),
      change,
    );
  }
});

test('the base config is not modified and comments and continuations are handled', () => {
  const base = { Env: ['A=1'] };
  const c = applyChanges(base, ['# a comment', 'ENV B=2 \\', '  C=3']);
  assert.deepEqual(base.Env, ['A=1']);
  assert.deepEqual(c.Env, ['A=1', 'B=2', 'C=3']);
});

test('shellWords expands like ShellLex', () => {
  const env = ['A=x', 'E='];
  const one = (w: string): string | undefined => shellWords(w, env)[0];
  assert.deepEqual(shellWords(`'$A' "$A" \\$A \${A:-d} \${B:-d} \${E:-d} \${A:+set}`, env), ['$A', 'x', '$A', 'x', 'd', 'd', 'set']);
  assert.equal(one('\${E-d}'), '');
  assert.equal(one('a\${B:+set}b'), 'ab');
  assert.equal(one('"a b"c'), 'a bc');
});
