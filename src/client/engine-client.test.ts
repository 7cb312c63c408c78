// The client against servers that answer in set ways (the real daemon is
// in test/integration): error bodies, stream errors, connection failures.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Conflict, Internal, InvalidArgument, NotFound, Unavailable } from '../common/index.js';
import type { JsonMessage } from '../spec/docker/index.js';
import { EngineClient } from './engine-client.js';

let dir: string;
let server: http.Server;
let client: EngineClient;
const seen: Array<{ method: string; url: string; body: number }> = [];

// Answers by path; records what it was asked.
const answers: Record<string, (res: http.ServerResponse) => void> = {
  '/v1.50/images/missing/json': (res) => res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"No such image: missing"}\n'),
  '/v1.50/images/a%2Fb%3Ac/json': (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:1"}\n'),
  '/v1.50/images/a/tag?repo=b&tag=c': (res) => res.writeHead(409).end('{"message":"taken"}'),
  '/v1.50/images/json?all=1&filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D': (res) => res.writeHead(200).end('[]'),
  '/v1.44/version': (res) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end('plain words\n'),
  '/v1.50/images/load?quiet=1': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"status":"one"}\r\n');
    res.end('{"errorDetail":{"message":"broken layer"},"error":"broken layer"}\r\n');
  },
  '/v1.50/images/create?fromSrc=-&repo=r&tag=t&changes=CMD+a&changes=ENV+b%3Dc': (res) => res.writeHead(200).end('{"status":"sha256:ab"}\r\n'),
  '/v1.50/images/get?names=x&names=y%2Fz': (res) => res.writeHead(200).end('TAR'),
  '/v1.50/info': (res) => res.writeHead(200).end('{not json'),
  '/v1.50/networks?filters=%7B%22driver%22%3A%7B%22bridge%22%3Atrue%7D%7D': (res) => res.writeHead(200).end('[{"Name":"bridge"}]'),
  '/v1.50/networks/a%2Fb?verbose=true': (res) => res.writeHead(200).end('{"Name":"a/b"}'),
  '/v1.50/networks/n/connect': (res) => res.writeHead(200).end(),
  '/v1.50/networks/gone': (res) => res.writeHead(404).end('{"message":"network gone not found"}'),
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-client-test-'));
  server = http.createServer((req, res) => {
    let body = 0;
    req.on('data', (c: Buffer) => (body += c.length));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const answer = answers[req.url ?? ''];
      if (answer) answer(res);
      else res.writeHead(599).end(`unexpected ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(join(dir, 's.sock'), resolve));
  client = new EngineClient({ host: `unix://${join(dir, 's.sock')}` });
});

after(async () => {
  client.close();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

test('JSON answers parse; names are path-encoded', async () => {
  assert.deepEqual(await client.inspectImage('a/b:c'), { Id: 'sha256:1' });
  assert.deepEqual(await client.listImages({ all: true, filters: { dangling: ['true'] } }), []);
});

test('networks: filters, verbose inspect, connect with its body, remove', async () => {
  assert.deepEqual(await client.listNetworks({ driver: ['bridge'] }), [{ Name: 'bridge' }]);
  assert.deepEqual(await client.inspectNetwork('a/b', { verbose: true }), { Name: 'a/b' });
  await client.connectNetwork('n', { Container: 'c', EndpointConfig: null });
  assert.equal(seen.find((s) => s.url === '/v1.50/networks/n/connect')?.body, '{"Container":"c","EndpointConfig":null}'.length);
  await assert.rejects(client.removeNetwork('gone'), (err: unknown) => err instanceof NotFound && err.message === 'network gone not found');
});

test('errors carry the class of their status and the daemon\'s message', async () => {
  await assert.rejects(client.inspectImage('missing'), (err: unknown) => err instanceof NotFound && err.message === 'No such image: missing');
  await assert.rejects(client.tagImage('a', 'b', 'c'), (err: unknown) => err instanceof Conflict && err.message === 'taken');
  const old = new EngineClient({ host: client.host, apiVersion: '1.44' });
  await assert.rejects(old.version(), (err: unknown) => err instanceof InvalidArgument && err.message === 'plain words');
  old.close();
  await assert.rejects(client.info(), Internal);
});

test('an error message in a stream rejects with it, after the messages before it', async () => {
  const messages: JsonMessage[] = [];
  await assert.rejects(
    client.loadImages(Readable.from([Buffer.alloc(100)]), { quiet: true }, (m) => messages.push(m)),
    (err: unknown) => err instanceof Internal && err.message === 'broken layer',
  );
  assert.deepEqual(messages, [{ status: 'one' }]);
});

test('import sends the body and its parameters; save returns the stream', async () => {
  const messages: JsonMessage[] = [];
  await client.importImage(Readable.from([Buffer.alloc(5000)]), { repo: 'r', tag: 't', changes: ['CMD a', 'ENV b=c'] }, (m) => messages.push(m));
  assert.deepEqual(messages, [{ status: 'sha256:ab' }]);
  assert.equal(seen.find((s) => s.url.startsWith('/v1.50/images/create'))?.body, 5000);
  const tar = await client.saveImages(['x', 'y/z']);
  const chunks: Buffer[] = [];
  for await (const c of tar) chunks.push(c as Buffer);
  assert.equal(Buffer.concat(chunks).toString(), 'TAR');
});

test('a failing body stream rejects with its own error', async () => {
  const body = new Readable({ read() { this.destroy(new Error('cannot read input')); } });
  await assert.rejects(client.loadImages(body, { quiet: true }, () => {}), /cannot read input/);
});

test('no daemon on the socket: Unavailable, in Docker\'s words', async () => {
  const host = `unix://${join(dir, 'nobody.sock')}`;
  const nobody = new EngineClient({ host });
  await assert.rejects(nobody.ping(), (err: unknown) => {
    assert.ok(err instanceof Unavailable);
    assert.equal(err.message, `Cannot connect to the cais daemon at ${host}. Is the cais daemon running?`);
    return true;
  });
  nobody.close();
});

test('a daemon that dies mid-answer is Unavailable', async () => {
  const path = join(dir, 'dies.sock');
  const dying = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"status":"half');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  await new Promise<void>((resolve) => dying.listen(path, resolve));
  const c = new EngineClient({ host: `unix://${path}` });
  try {
    await assert.rejects(c.loadImages(Readable.from([Buffer.alloc(10)]), { quiet: true }, () => {}), Unavailable);
    await assert.rejects(c.info(), Unavailable);
  } finally {
    c.close();
    await new Promise((resolve) => dying.close(resolve));
  }
});
