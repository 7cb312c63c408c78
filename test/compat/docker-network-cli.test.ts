// `docker network ...`, `docker port` and `docker ps`'s PORTS against a
// server that answers as a docker 28 daemon would (canned networks and
// containers) and records what it is asked; `cais` with the same arguments
// must ask the same (method, URL, body) and print the same, on stdout and
// stderr, with the same exit code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { clis, type Clis } from '../support/cli.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import type { RunResult } from '../support/exec.js';

interface Call {
  method: string;
  url: string;
  body?: unknown;
}

const id = (prefix: string) => prefix.padEnd(64, '0');

const network = (name: string, extra: Record<string, unknown> = {}) => ({
  Name: name,
  Id: id(`${name.length}f2de39df4171`),
  Created: '2024-05-02T10:00:00.5Z',
  Scope: 'local',
  Driver: 'bridge',
  EnableIPv4: true,
  EnableIPv6: false,
  IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
  Internal: false,
  Attachable: false,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {},
  Options: {},
  Labels: {},
  ...extra,
});

const networks: Record<string, ReturnType<typeof network>> = {
  bridge: network('bridge', {
    Id: id('f2de39df4171b0dc801e8002d1d999b7'),
    Created: '2024-05-01T10:00:00.123456789Z',
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
    Options: { 'com.docker.network.bridge.default_bridge': 'true' },
  }),
  host: network('host', { Driver: 'host', IPAM: { Driver: 'default', Options: null, Config: null } }),
  'my-net10': network('my-net10', { EnableIPv6: true, Internal: true, Labels: { a: '1' } }),
  'my-net9': network('my-net9', {
    Driver: 'macvlan',
    Labels: null,
    Containers: { [id('c0ffee')]: { Name: 'web', EndpointID: 'e1', MacAddress: '02:42:ac:12:00:02', IPv4Address: '172.18.0.2/16', IPv6Address: '' } },
    IPAM: { Driver: 'default', Options: { k: 'v' }, Config: [{ Subnet: '10.1.0.0/16', IPRange: '10.1.2.0/24', AuxiliaryAddresses: { h: '10.1.0.5' } }] },
  }),
  ingress: network('ingress', { Ingress: true, Scope: 'swarm', Driver: 'overlay' }),
};

const webPorts = {
  '80/tcp': [
    { HostIp: '0.0.0.0', HostPort: '8080' },
    { HostIp: '::', HostPort: '8080' },
  ],
  '443/tcp': null,
  '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
  '9000/tcp': [{ HostIp: '', HostPort: '9000' }],
  '10000/tcp': [{ HostIp: '0.0.0.0', HostPort: '10000' }],
};

const containers: Record<string, unknown> = {
  web: { Id: id('c0ffee'), Name: '/web', NetworkSettings: { Ports: webPorts } },
  bare: { Id: id('bare'), Name: '/bare', NetworkSettings: { Ports: {} } },
  nullports: { Id: id('null'), Name: '/nullports', NetworkSettings: { Ports: null } },
};

// What ps lists: published, unpublished, grouped ranges, IPv6 hosts, a host port other than the container's.
const summary = {
  Id: id('c0ffee'),
  Names: ['/web'],
  Image: 'busybox',
  ImageID: 'sha256:1',
  Command: 'sh',
  Created: 1700000000,
  Ports: [
    { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    { PrivatePort: 443, Type: 'tcp' },
    { PrivatePort: 444, Type: 'tcp' },
    { PrivatePort: 446, Type: 'tcp' },
    { IP: '0.0.0.0', PrivatePort: 8000, PublicPort: 8000, Type: 'tcp' },
    { IP: '0.0.0.0', PrivatePort: 8001, PublicPort: 8001, Type: 'tcp' },
    { IP: '::', PrivatePort: 8000, PublicPort: 8000, Type: 'tcp' },
    { IP: '::', PrivatePort: 8001, PublicPort: 8001, Type: 'tcp' },
    { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
    { PrivatePort: 53, Type: 'udp' },
    { PrivatePort: 60, Type: 'sctp' },
  ],
  Labels: {},
  State: 'running',
  Status: 'Up 1 hour',
  HostConfig: { NetworkMode: 'bridge' },
  NetworkSettings: { Networks: {} },
  Mounts: [],
};

let server: RecordingServer;
let calls: Call[] = [];
let both: Clis;

function reply(res: http.ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** Answers as a docker 28 daemon would. */
function answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
  res.setHeader('Api-Version', '1.50');
  res.setHeader('OSType', 'linux');
  res.setHeader('Content-Type', 'application/json');
  const url = new URL(req.url ?? '', 'http://x');
  const path = url.pathname.replace(/^\/v[0-9.]+/, '');
  if (path === '/_ping') return void res.end('OK');
  calls.push({ method: req.method ?? '', url: req.url ?? '', ...(text ? { body: JSON.parse(text) as unknown } : {}) });
  const route = `${req.method} ${path}`;
  const name = decodeURIComponent(path.split('/')[2] ?? '');
  if (route === 'GET /networks') return reply(res, 200, Object.values(networks).filter((n) => n.Scope === 'local'));
  if (route === 'POST /networks/create') {
    const created = JSON.parse(text) as { Name: string };
    if (created.Name === 'taken') return reply(res, 409, { message: 'network with name taken already exists' });
    return reply(res, 201, { Id: id('abc123'), Warning: '' });
  }
  if (route === 'POST /networks/prune') {
    return reply(res, 200, { NetworksDeleted: url.searchParams.has('filters') ? null : [id('n1'), id('n2')] });
  }
  if (/^POST \/networks\/[^/]+\/(connect|disconnect)$/.test(route)) {
    return name in networks ? reply(res, 200) : reply(res, 404, { message: `network ${name} not found` });
  }
  if (route === `GET /networks/${encodeURIComponent(name)}`) {
    return name in networks ? reply(res, 200, networks[name]) : reply(res, 404, { message: `network ${name} not found` });
  }
  if (route === `DELETE /networks/${encodeURIComponent(name)}`) {
    if (name === 'my-net9') return reply(res, 403, { message: 'error while removing network: network my-net9 has active endpoints' });
    return name in networks ? reply(res, 204) : reply(res, 404, { message: `network ${name} not found` });
  }
  if (route === 'GET /containers/json') return reply(res, 200, [summary]);
  if (route === `GET /containers/${name}/json`) {
    return name in containers ? reply(res, 200, containers[name]) : reply(res, 404, { message: `No such container: ${name}` });
  }
  if (route === `GET /images/${name}/json`) return reply(res, 404, { message: `No such image: ${name}:latest` });
  reply(res, 404, { message: 'page not found' });
}

before(async () => {
  server = await startRecordingServer('cais-network-cli-', answer);
  both = clis(() => server.env);
});
after(async () => {
  await server?.close();
});

/** docker's words with "docker" read as "cais" (but in names such as docs.docker.com or com.docker.network...). */
const asCais = (text: string): string => text.replace(/(?<!\.)docker(?!\.)/g, 'cais');

async function capture(cli: 'docker' | 'cais', args: string[], input?: string): Promise<{ result: RunResult; calls: Call[] }> {
  calls = [];
  const result = await both[cli](args, input);
  return { result: cli === 'docker' ? { ...result, stdout: asCais(result.stdout), stderr: asCais(result.stderr) } : result, calls };
}

/** Runs both CLIs; they must ask the same and say the same. Returns docker's exit code. */
async function same(args: string[], input?: string): Promise<number> {
  const theirs = await capture('docker', args, input);
  const ours = await capture('cais', args, input);
  assert.deepEqual(ours, theirs, args.join(' '));
  return theirs.result.code;
}

test('network ls: tables, quiet, filters, JSON and templates', async () => {
  const cases: string[][] = [
    [],
    ['-q'],
    ['--no-trunc'],
    ['-q', '--no-trunc', '-f', 'driver=bridge', '-f', 'name=my', '--filter', 'Name=b'],
    ['--format', 'json'],
    ['--format', '{{.ID}}|{{.Name}}|{{.Driver}}|{{.Scope}}|{{.CreatedAt}}|{{.IPv4}}|{{.IPv6}}|{{.Internal}}|{{.Labels}}'],
    ['--format', 'table {{.Name}}\t{{.Labels}}\t{{.Internal}}'],
    ['--format', 'raw'],
    ['--format', 'raw', '-q'],
    ['--format', 'table', '-q'],
  ];
  for (const flags of cases) assert.equal(await same(['network', 'ls', ...flags]), 0, flags.join(' '));
  assert.equal(await same(['network', 'list', '--format', '{{.Nope}}']), 1);
});

test('network inspect: the JSON, -v, templates on the typed view and on the raw JSON, missing networks', async () => {
  assert.equal(await same(['network', 'inspect', 'bridge', 'my-net9']), 0);
  assert.equal(await same(['network', 'inspect', '-v', 'my-net10']), 0);
  assert.equal(await same(['network', 'inspect', '-f', 'json', 'host']), 0);
  const template = '{{.Created}}|{{.IPAM}}|{{json .IPAM}}|{{.Containers}}|{{.ConfigFrom}}|{{.Labels}}|{{.Peers}}|{{.Services}}|{{.Options}}|{{json .}}';
  assert.equal(await same(['network', 'inspect', '--format', template, 'my-net9', 'bridge', 'host']), 0);
  assert.equal(await same(['network', 'inspect', '-f', '{{.Nope}}', 'bridge']), 1);
  assert.equal(await same(['network', 'inspect', 'missing']), 1);
  assert.equal(await same(['network', 'inspect', 'missing', 'host']), 1);
  assert.equal(await same(['inspect', '--type', 'network', 'bridge']), 0);
  assert.equal(await same(['inspect', '-f', '{{.Name}} {{.Created}}', 'host']), 0);
});

test('network create: the body of every flag, the IPAM checks, the daemon refusing', async () => {
  const cases: string[][] = [
    ['foo'],
    [
      '-d', 'macvlan', '--subnet', '10.1.0.0/16', '--gateway', '10.1.0.1', '--ip-range', '10.1.2.0/24', '--internal', '--label', 'b=2', '--label', 'a',
      '-o', 'x=y', '--opt', 'parent=eth0', '--attachable', '--ipv6', '--aux-address', 'h2=10.1.0.6', '--aux-address', 'h1=10.1.0.5',
      '--ipam-driver', 'foo', '--ipam-opt', 'k=v', '--scope', 'local', '--config-only', '--ingress', '--ipv4=false', 'bar',
    ],
    ['--config-from', 'base', '--ipv4', 'baz'],
    ['--subnet', 'fd00::/64', '--gateway', 'fd00::1', 'v6'],
    ['--subnet', 'not-checked-alone', 'lone'],
  ];
  for (const flags of cases) assert.equal(await same(['network', 'create', ...flags]), 0, flags.join(' '));
  const bad: string[][] = [
    ['--gateway', '10.0.0.1', 'n'],
    ['--subnet', '10.0.0.0/8', '--subnet', '10.1.0.0/16', 'n'],
    ['--subnet', '10.0.0.0/8,foo', 'n'],
    ['--subnet', '10.0.0.0/8', '--gateway', '11.0.0.1', 'n'],
    ['--subnet', '10.0.0.0/8', '--ip-range', 'x', 'n'],
    ['--subnet', '10.0.0.0/8', '--ip-range', '11.0.0.0/16', 'n'],
    ['--subnet', '10.0.0.0/8', '--aux-address', 'a=11.0.0.1', 'n'],
    ['--subnet', '10.0.0.0/8,11.0.0.0/8', '--gateway', '10.0.0.1,10.0.0.2', 'n'],
    ['--subnet', 'fd00::/64', '--subnet', 'not-checked-with-another', 'n'],
    ['taken'],
    [],
  ];
  for (const flags of bad) assert.equal(await same(['network', 'create', ...flags]), 1, flags.join(' '));
  for (const flags of [['--label', '', 'n'], ['--label', 'a b=c', 'n'], ['--ipv6=x', 'n'], ['--subnet', '"a', 'n']]) {
    assert.equal(await same(['network', 'create', ...flags]), 125, flags.join(' '));
  }
});

test('network rm: each in turn, failures on stderr, -f for missing ones, the ingress prompt', async () => {
  assert.equal(await same(['network', 'rm', 'host', 'missing', 'my-net10', 'my-net9']), 1);
  assert.equal(await same(['network', 'remove', '-f', 'missing', 'host']), 0);
  assert.equal(await same(['network', 'rm', 'ingress', 'host'], 'y\n'), 0);
  assert.equal(await same(['network', 'rm', 'ingress', 'host'], 'n\n'), 0);
  assert.equal(await same(['network', 'rm']), 1);
});

test('network prune: the prompt, -f, filters, nothing deleted', async () => {
  assert.equal(await same(['network', 'prune', '-f']), 0);
  assert.equal(await same(['network', 'prune'], 'y\n'), 0);
  assert.equal(await same(['network', 'prune'], 'n\n'), 0);
  assert.equal(await same(['network', 'prune', '--force', '--filter', 'until=24h', '--filter', 'label=b', '--filter', 'label=a']), 0);
});

test('network connect and disconnect: the endpoint of every flag, bad driver options, missing networks', async () => {
  assert.equal(await same(['network', 'connect', 'host', 'web']), 0);
  const all = ['--alias', 'a,b', '--alias', 'c', '--ip', '1.2.3.4', '--ip6', '::1', '--link', 'x:y', '--link', 'z', '--link-local-ip', '169.254.1.1,169.254.1.2'];
  assert.equal(await same(['network', 'connect', ...all, '--driver-opt', 'k2=v2,k= v ', '--gw-priority', '-3', 'bridge', 'web']), 0);
  assert.equal(await same(['network', 'connect', '--driver-opt', 'k', 'bridge', 'web']), 1);
  assert.equal(await same(['network', 'connect', 'missing', 'web']), 1);
  assert.equal(await same(['network', 'connect', '--link', 'a:b:c', 'bridge', 'web']), 125);
  assert.equal(await same(['network', 'connect', 'bridge']), 1);
  assert.equal(await same(['network', 'disconnect', 'host', 'web']), 0);
  assert.equal(await same(['network', 'disconnect', '-f', 'bridge', 'web']), 0);
  assert.equal(await same(['network', 'disconnect', 'missing', 'web']), 1);
});

test("port: every mapping, one port's, and docker's errors", async () => {
  const ok: string[][] = [['web'], ['web', '80'], ['web', '80/tcp'], ['web', '53/udp'], ['web', '80/'], ['bare'], ['nullports'], ['container', 'port', 'web', '9000']];
  for (const args of ok) assert.equal(await same(args[0] === 'container' ? args : ['port', ...args]), 0, args.join(' '));
  const bad: string[][] = [['web', '81'], ['web', '443/tcp'], ['web', 'x'], ['web', '70000/tcp'], ['web', '/tcp'], ['web', '80/UDP'], ['missing'], [], ['a', 'b', 'c']];
  for (const args of bad) assert.equal(await same(['port', ...args]), 1, args.join(' '));
});

test("ps prints the PORTS the API returns as docker does", async () => {
  assert.equal(await same(['ps', '--format', '{{.Ports}}']), 0);
  assert.equal(await same(['ps', '--format', 'table {{.Names}}\t{{.Ports}}']), 0);
});

test('help and usage errors as docker words them', async () => {
  const cases: string[][] = [['network'], ['network', '--help'], ['network', 'foo'], ['port', '--help'], ['help', 'network', 'ls']];
  for (const sub of ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm']) cases.push(['network', sub, '--help']);
  cases.push(['network', 'ls', 'x'], ['network', 'inspect'], ['network', 'prune', 'x'], ['network', 'disconnect', 'a']);
  for (const args of cases) await same(args);
});
