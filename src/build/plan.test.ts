import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../spec/dockerfile/index.js';
import { planBuild, stageRef } from './plan.js';

const file = parseDockerfile(
  [
    'ARG BASE=bb',
    'FROM $BASE AS deps',
    'RUN make deps',
    'FROM scratch AS assets',
    'COPY x /x',
    'FROM deps AS build',
    'COPY --from=assets /x /x',
    'RUN --mount=type=bind,from=tools,target=/t make',
    'FROM bb AS tools',
    'FROM bb AS unused',
    'FROM build',
    'WORKDIR /app',
  ].join('\n'),
);

test('only the stages the target needs, in Dockerfile order, with their bases', () => {
  const plan = planBuild(file, undefined, new Map([['BASE', 'bb']]));
  assert.deepEqual(plan.stages.map((s) => s.index), [0, 1, 2, 5]);
  assert.deepEqual(plan.stages.map((s) => s.base), [
    { kind: 'image', ref: 'bb' },
    { kind: 'scratch' },
    { kind: 'stage', index: 0 },
    { kind: 'stage', index: 2 },
  ]);
  // "tools" comes after "build": a name of a later stage is an image, as in BuildKit.
  assert.equal(stageRef(file.stages, 2, 'tools'), undefined);
  assert.equal(stageRef(file.stages, 2, 'ASSETS'), 1);
  assert.throws(() => stageRef(file.stages, 2, '2'), /invalid stage index 2/);
});

test('the steps and their BuildKit vertex names', () => {
  const plan = planBuild(file, 'deps', new Map([['BASE', 'bb']]));
  assert.deepEqual(plan.steps, [
    { instruction: 'FROM $BASE AS deps', vertex: '[1/2] FROM bb' },
    { instruction: 'RUN make deps', vertex: '[2/2] RUN make deps' },
  ]);
  const all = planBuild(file, undefined, new Map([['BASE', 'bb']]));
  assert.equal(all.steps[1]!.vertex, '[deps 2/2] RUN make deps');
  assert.equal(all.steps.at(-1)!.vertex, '[stage-5 2/2] WORKDIR /app');
});

test('an unknown target is refused with Docker\'s words', () => {
  assert.throws(() => planBuild(file, 'nope', new Map()), { message: 'target stage "nope" could not be found' });
});
