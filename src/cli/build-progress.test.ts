// BuildKit's progress output from a fixed sequence of vertex events, with a
// clock the test moves: the plain lines exactly, and the terminal frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuildVertexEvent } from '../spec/docker/index.js';
import { PlainProgress, TtyProgress, unitsBytes } from './build-progress.js';

const t0 = Date.parse('2025-01-01T00:00:00Z');
const at = (ms: number): string => new Date(t0 + ms).toISOString();

/** [local time in ms, event] */
const events: Array<[number, BuildVertexEvent]> = [
  [0, { vertex: 1, name: '[internal] load build definition from Dockerfile', started: at(0) }],
  [10, { vertex: 1, status: { id: 'transferring dockerfile:', current: 75, total: 0, done: true } }],
  [20, { vertex: 1, completed: at(20) }],
  [20, { vertex: 2, name: '[internal] load .dockerignore', started: at(20), completed: at(30) }],
  [30, { vertex: 3, name: '[1/3] FROM busybox', started: at(30), completed: at(30), cached: true }],
  [40, { vertex: 4, name: '[2/3] RUN echo hello && echo world', started: at(40) }],
  [163, { vertex: 4, log: 'hello\nwor' }],
  [250, { vertex: 4, log: 'ld\n' }],
  [300, { vertex: 5, name: '[internal] load build context', started: at(300) }],
  [310, { vertex: 5, status: { id: 'transferring context:', current: 38500, total: 0, done: true } }],
  [320, { vertex: 5, completed: at(320) }],
  [440, { vertex: 4, completed: at(440) }],
  [450, { vertex: 6, name: '[3/3] RUN false', started: at(450) }],
  [500, { vertex: 6, log: 'oops' }],
  [600, { vertex: 6, completed: at(600), error: 'process "/bin/sh -c false" did not complete successfully: exit code: 1' }],
];

function replay<T extends { event(e: BuildVertexEvent): void }>(make: (clock: () => number) => T, upTo = events.length): T {
  let now = t0;
  const progress = make(() => now);
  for (const [ms, ev] of events.slice(0, upTo)) {
    now = t0 + ms;
    progress.event(ev);
  }
  return progress;
}

test('plain: the lines docker buildx build --progress=plain prints', () => {
  let text = '';
  const out = { write: (s: string) => (text += s) };
  const plain = replay((clock) => new PlainProgress(out, clock));
  plain.finish();
  assert.equal(
    text,
    [
      '#1 [internal] load build definition from Dockerfile',
      '#1 transferring dockerfile: 75B done',
      '#1 DONE 0.0s',
      '',
      '#2 [internal] load .dockerignore',
      '#2 DONE 0.0s',
      '',
      '#3 [1/3] FROM busybox',
      '#3 CACHED',
      '',
      '#4 [2/3] RUN echo hello && echo world',
      '#4 0.123 hello',
      '#4 0.123 world',
      '#4 ...',
      '',
      '#5 [internal] load build context',
      '#5 transferring context: 38.50kB done',
      '#5 DONE 0.0s',
      '',
      '#4 [2/3] RUN echo hello && echo world',
      '#4 DONE 0.4s',
      '',
      '#6 [3/3] RUN false',
      '#6 0.050 oops',
      '#6 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1',
      '',
    ].join('\n'),
  );
});

test('plain: a status in progress is printed again only after 5% more or 5 seconds', () => {
  let text = '';
  let now = t0;
  const plain = new PlainProgress({ write: (s: string) => (text += s) }, () => now);
  plain.event({ vertex: 1, name: 'pull', started: at(0) });
  for (const [ms, current] of [[0, 0], [100, 10], [200, 60], [6000, 61]] as const) {
    now = t0 + ms;
    plain.event({ vertex: 1, status: { id: 'sha256:abc', current, total: 1000 } });
  }
  now = t0 + 7000;
  plain.event({ vertex: 1, status: { id: 'sha256:abc', current: 1000, total: 1000, done: true } });
  assert.equal(
    text,
    '#1 pull\n#1 sha256:abc 0B / 1.00kB\n#1 sha256:abc 60B / 1.00kB 0.2s\n#1 sha256:abc 61B / 1.00kB 6.0s\n#1 sha256:abc 1.00kB / 1.00kB 7.0s done\n',
  );
});

test('tty: a header with the time and the count, a line per vertex, the last output of running ones, FINISHED', () => {
  const out = { write: () => true, columns: 61 };
  const running = replay((clock) => new TtyProgress(out, clock, 0), 7);
  assert.deepEqual(running.frame(), [
    '[+] Building 0.2s (3/4)',
    ' => [internal] load build definition from Dockerfile    0.0s',
    ' => => transferring dockerfile: 75B                     0.0s',
    ' => [internal] load .dockerignore                       0.0s',
    ' => CACHED [1/3] FROM busybox                           0.0s',
    ' => [2/3] RUN echo hello && echo world                  0.1s',
    ' => => # hello                                              ',
    ' => => # wor                                                ',
  ]);
  const all = replay((clock) => new TtyProgress(out, clock, 0));
  const last = all.frame(true, false);
  assert.equal(last[0], '[+] Building 0.6s (6/6)');
  assert.equal(last.at(-2), ' => ERROR [3/3] RUN false                               0.1s');
  assert.equal(last.at(-1)?.trimEnd(), ' => => # oops');
  assert.equal(replay((clock) => new TtyProgress(out, clock, 0), 12).frame(true)[0], '[+] Building 0.4s (5/5) FINISHED');
});

test('units as BuildKit prints them', () => {
  assert.deepEqual([0, 75, 999, 1000, 38500, 3_400_000].map(unitsBytes), ['0B', '75B', '999B', '1.00kB', '38.50kB', '3.40MB']);
});
