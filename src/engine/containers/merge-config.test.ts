import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseContainerCreate } from '../../spec/docker-validate/index.js';
import { entrypointAndArgs, mergeImageConfig } from './merge-config.js';
import { containerName, randomName } from './names.js';
import { humanDuration } from '../../spec/index.js';

const user = (body: object) => parseContainerCreate({ Image: 'img', ...body }).Config;
const image = {
  User: 'daemon',
  Env: ['PATH=/bin', 'A=image'],
  Cmd: ['sh'],
  Entrypoint: ['/init'],
  WorkingDir: '/srv',
  Labels: { a: 'image', b: 'image' },
  ExposedPorts: { '80/tcp': {} },
  Volumes: { '/data': {} },
  StopSignal: 'SIGQUIT',
  Healthcheck: { Test: ['CMD', 'true'], Interval: 5e9 },
};

test('the request wins field by field; Env, Labels, ports and volumes are unions', () => {
  const merged = mergeImageConfig(user({ Env: ['A=user'], Labels: { b: 'user' }, ExposedPorts: { '8080/tcp': {} }, Healthcheck: { Retries: 3 } }), image);
  assert.deepEqual(merged.Env, ['A=user', 'PATH=/bin']);
  assert.deepEqual(merged.Labels, { a: 'image', b: 'user' });
  assert.deepEqual(Object.keys(merged.ExposedPorts ?? {}).sort(), ['80/tcp', '8080/tcp']);
  assert.deepEqual(merged.Volumes, { '/data': {} });
  assert.equal(merged.User, 'daemon');
  assert.equal(merged.WorkingDir, '/srv');
  assert.equal(merged.StopSignal, 'SIGQUIT');
  assert.deepEqual(merged.Healthcheck, { Test: ['CMD', 'true'], Interval: 5e9, Timeout: 0, StartPeriod: 0, StartInterval: 0, Retries: 3 });
  assert.deepEqual(entrypointAndArgs(merged), { path: '/init', args: ['sh'] });
});

test("the image's Cmd comes only when the request sets neither Cmd nor Entrypoint", () => {
  assert.deepEqual(entrypointAndArgs(mergeImageConfig(user({ Cmd: ['echo', 'hi'] }), image)), { path: '/init', args: ['echo', 'hi'] });
  const ownEntrypoint = mergeImageConfig(user({ Entrypoint: ['/bin/echo'] }), image);
  assert.deepEqual(entrypointAndArgs(ownEntrypoint), { path: '/bin/echo', args: [] });
  assert.equal(entrypointAndArgs(mergeImageConfig(user({}), { Env: ['A=1'] })), undefined);
  assert.deepEqual(mergeImageConfig(user({ Env: ['X=1'] }), undefined).Env, ['X=1']);
});

test("names: Docker's rule and random adjective_surname names", () => {
  assert.equal(containerName('web-1'), '/web-1');
  assert.equal(containerName('/web.1'), '/web.1');
  for (const bad of ['a', '-x', 'a b', 'x/y']) assert.throws(() => containerName(bad), /^InvalidArgument: Invalid container name/);
  assert.match(randomName(0), /^[a-z]+_[a-z]+$/);
  assert.match(randomName(1), /^[a-z]+_[a-z]+[0-9]$/);
});

test("go-units' HumanDuration", () => {
  assert.equal(humanDuration(500), 'Less than a second');
  assert.equal(humanDuration(1000), '1 second');
  assert.equal(humanDuration(59_000), '59 seconds');
  assert.equal(humanDuration(90_000), 'About a minute');
  assert.equal(humanDuration(45 * 60_000), '45 minutes');
  assert.equal(humanDuration(3_600_000), 'About an hour');
  assert.equal(humanDuration(5 * 3_600_000), '5 hours');
  assert.equal(humanDuration(3 * 86_400_000), '3 days');
});
