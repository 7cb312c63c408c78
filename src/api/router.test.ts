import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { Router, type Handler } from './router.js';

const noop: Handler = () => {};

function imageRouter(): Router {
  // In moby's registration order.
  const r = new Router();
  r.get('/images/json', noop);
  r.get('/images/get', noop);
  r.get('/images/{name:.*}/get', noop);
  r.get('/images/{name:.*}/history', noop);
  r.get('/images/{name:.*}/json', noop);
  r.post('/images/load', noop);
  r.post('/images/create', noop);
  r.post('/images/{name:.*}/tag', noop);
  r.post('/images/prune', noop);
  r.delete('/images/{name:.*}', noop);
  r.get('/containers/{id}/json', noop);
  return r;
}

function matched(r: Router, method: string, path: string): [string, Record<string, string>] | undefined {
  const m = r.match(method, path);
  return m ? [m.route.path, m.params] : undefined;
}

test('static paths win over patterns', () => {
  const r = imageRouter();
  assert.deepEqual(matched(r, 'GET', '/images/json'), ['/images/json', {}]);
  assert.deepEqual(matched(r, 'GET', '/images/get'), ['/images/get', {}]);
  assert.deepEqual(matched(r, 'POST', '/images/prune'), ['/images/prune', {}]);
});

test('image names with slashes, colons and digests are everything up to the known suffix', () => {
  const r = imageRouter();
  assert.deepEqual(matched(r, 'GET', '/images/localhost:5000/a/b:t/json'), ['/images/{name:.*}/json', { name: 'localhost:5000/a/b:t' }]);
  assert.deepEqual(matched(r, 'GET', '/images/busybox/history'), ['/images/{name:.*}/history', { name: 'busybox' }]);
  assert.deepEqual(matched(r, 'GET', '/images/a/b/get'), ['/images/{name:.*}/get', { name: 'a/b' }]);
  assert.deepEqual(matched(r, 'POST', '/images/a@sha256:00ff/tag'), ['/images/{name:.*}/tag', { name: 'a@sha256:00ff' }]);
  assert.deepEqual(matched(r, 'DELETE', '/images/localhost:5000/a/b:t'), ['/images/{name:.*}', { name: 'localhost:5000/a/b:t' }]);
  // Greedy, as gorilla/mux's {name:.*}: an image called "json" is possible.
  assert.deepEqual(matched(r, 'GET', '/images/json/json'), ['/images/{name:.*}/json', { name: 'json' }]);
  assert.deepEqual(matched(r, 'GET', '/images/a/json/json'), ['/images/{name:.*}/json', { name: 'a/json' }]);
});

test('parameters are percent-decoded; a bad escape is InvalidArgument', () => {
  const r = imageRouter();
  assert.deepEqual(matched(r, 'GET', '/images/localhost%3A5000%2Fa%2Fb%3At/json'), ['/images/{name:.*}/json', { name: 'localhost:5000/a/b:t' }]);
  assert.throws(() => r.match('GET', '/images/%zz/json'), InvalidArgument);
});

test('a single-segment parameter does not cross a slash', () => {
  const r = imageRouter();
  assert.deepEqual(matched(r, 'GET', '/containers/abc/json'), ['/containers/{id}/json', { id: 'abc' }]);
  assert.equal(r.match('GET', '/containers/a/b/json'), undefined);
});

test('the method must match, and unknown paths match nothing', () => {
  const r = imageRouter();
  assert.equal(r.match('POST', '/images/json'), undefined);
  assert.equal(r.match('GET', '/images/load'), undefined);
  assert.equal(r.match('PUT', '/images/x'), undefined);
  assert.equal(r.match('GET', '/nope'), undefined);
  assert.equal(r.match('GET', '/images/json/'), undefined);
});
