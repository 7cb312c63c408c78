// Networking through the real docker CLI (28.x) against a cais daemon with
// a default bridge: real containers on real bridges (netavark), reached
// with nc and busybox httpd. Each test leaves the host's interfaces,
// namespaces and iptables as it found them: the file compares them before
// and after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { watch } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { run, runOk, type RunResult } from '../support/exec.js';
import { hostNetworkState } from '../support/host-network.js';
import { cliEntry } from '../support/cli.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let hostBefore: string;

const docker = (args: string[]): Promise<RunResult> => run('docker', args, { env });
const dockerOk = (args: string[]): Promise<string> => runOk('docker', args, { env });
/** What busybox httpd serves for GET /hostname from -h /etc: the serving container's hostname. */
const getHostname = (address: string, port: number) => `printf 'GET /hostname HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${address} ${port} | tail -n 1`;

before(async () => {
  hostBefore = await hostNetworkState();
  daemon = await startDaemon({ network: true });
  env = dockerEnv(daemon);
  await importBusybox(env);
});
after(async () => {
  await daemon?.stop();
  assert.equal(await hostNetworkState(), hostBefore, 'the host network is as it was');
});

/** The host-reachable address of the default bridge (its gateway). */
async function bridgeGateway(): Promise<string> {
  const inspect = JSON.parse(await dockerOk(['network', 'inspect', 'bridge'])) as { IPAM: { Config: { Gateway: string }[] } }[];
  return inspect[0]!.IPAM.Config[0]!.Gateway;
}

/** The body of GET /hostname from a host port (the serving container's hostname). */
function fetchHostname(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => resolve(text.trim().split('\n').pop() ?? ''));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.write('GET /hostname HTTP/1.0\r\n\r\n');
  });
}

test('the default bridge: an address, a route out through the gateway, /etc/hosts and resolv.conf as Docker writes them', async () => {
  const gateway = await bridgeGateway();
  const since = Math.floor(Date.now() / 1000);
  const out = await dockerOk(['run', '--rm', '--hostname', 'box', '--add-host', 'db:10.9.8.7', '--add-host', 'gw:host-gateway', '--dns-search', 'example.test', 'bb', 'sh', '-c', 'ip -4 -o addr show eth0; ip route; cat /etc/hosts /etc/resolv.conf /etc/hostname']);
  const ip = /inet (\d+\.\d+\.\d+\.\d+)\/24/.exec(out)?.[1];
  assert.ok(ip !== undefined && ip.split('.').slice(0, 3).join('.') === gateway.split('.').slice(0, 3).join('.'), out);
  assert.match(out, new RegExp(`default via ${gateway.replaceAll('.', '\\.')} dev eth0`));
  assert.match(out, /^10\.9\.8\.7\tdb$/m);
  assert.match(out, new RegExp(`^${gateway.replaceAll('.', '\\.')}\\tgw$`, 'm'));
  assert.match(out, new RegExp(`^${ip.replaceAll('.', '\\.')}\\tbox$`, 'm'));
  assert.match(out, /^search example\.test$/m);
  assert.doesNotMatch(out, /nameserver 127\./);
  assert.match(out, /^box$/m);
  const events = await dockerOk(['events', '--since', String(since), '--until', String(Math.floor(Date.now() / 1000) + 1), '--filter', 'type=network', '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
  assert.equal(events, 'connect bridge\ndisconnect bridge\n');
  const dns = await dockerOk(['run', '--rm', '--dns', '10.1.2.3', '--dns-option', 'ndots:2', 'bb', 'cat', '/etc/resolv.conf']);
  assert.match(dns, /^nameserver 10\.1\.2\.3$/m);
  assert.match(dns, /^options ndots:2$/m);
});

test('network create, ls, inspect, rm and prune, with Docker\'s fields and errors', async () => {
  const id = (await dockerOk(['network', 'create', '--subnet', '10.250.7.0/24', '--gateway', '10.250.7.254', '--ip-range', '10.250.7.128/25', '--label', 'team=a', '-o', 'com.docker.network.driver.mtu=1400', 'made'])).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  const [n] = JSON.parse(await dockerOk(['network', 'inspect', 'made'])) as Record<string, unknown>[];
  assert.equal(n!.Id, id);
  assert.equal(n!.Driver, 'bridge');
  assert.equal(n!.Scope, 'local');
  assert.deepEqual(n!.IPAM, { Driver: 'default', Options: null, Config: [{ Subnet: '10.250.7.0/24', IPRange: '10.250.7.128/25', Gateway: '10.250.7.254' }] });
  assert.deepEqual(n!.Labels, { team: 'a' });
  assert.equal(n!.Internal, false);
  const ls = await dockerOk(['network', 'ls', '--filter', 'label=team=a', '--format', '{{.Name}} {{.Driver}} {{.Scope}}']);
  assert.equal(ls, 'made bridge local\n');
  assert.equal(await dockerOk(['network', 'ls', '-q', '--filter', 'type=builtin']).then((t) => t.trim().split('\n').length), 3);
  // An address from the range, on the network's MTU.
  const inside = await dockerOk(['run', '--rm', '--network', 'made', 'bb', 'ip', '-4', '-o', 'addr', 'show', 'eth0']);
  assert.match(inside, /inet 10\.250\.7\.(12[89]|1[3-9]\d|2\d\d)\/24/);
  assert.match(await dockerOk(['run', '--rm', '--network', 'made', 'bb', 'cat', '/sys/class/net/eth0/mtu']), /^1400$/m);

  const dup = await docker(['network', 'create', 'made']);
  assert.equal(dup.stderr, 'Error response from daemon: network with name made already exists\n');
  assert.equal(dup.code, 1);
  const overlap = await docker(['network', 'create', '--subnet', '10.250.7.0/25', 'other']);
  assert.match(overlap.stderr, /Pool overlaps with other one on this address space/);
  const predefined = await docker(['network', 'rm', 'bridge']);
  assert.equal(predefined.stderr, 'Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n');
  assert.equal((await docker(['network', 'inspect', 'absent'])).stderr, 'Error response from daemon: network absent not found\n');
  assert.equal((await docker(['run', '--rm', '--network', 'absent', 'bb'])).stderr.split('\n')[0], 'docker: Error response from daemon: network absent not found');

  await dockerOk(['run', '-d', '--name', 'holder', '--network', 'made', 'bb', 'sleep', '60']);
  const busy = await docker(['network', 'rm', 'made']);
  assert.match(busy.stderr, new RegExp(`error while removing network: network made id ${id} has active endpoints`));
  const [withContainer] = JSON.parse(await dockerOk(['network', 'inspect', 'made'])) as { Containers: Record<string, { Name: string; IPv4Address: string }> }[];
  const holder = Object.values(withContainer!.Containers);
  assert.equal(holder.length, 1);
  assert.equal(holder[0]!.Name, 'holder');
  assert.match(holder[0]!.IPv4Address, /^10\.250\.7\.\d+\/24$/);
  await dockerOk(['rm', '-f', 'holder']);
  // Removal waits for the container's network teardown instead of refusing.
  assert.equal(await dockerOk(['network', 'rm', 'made']), 'made\n');
  await dockerOk(['network', 'create', '--label', 'tmp', 'pruned']);
  assert.equal(await dockerOk(['network', 'prune', '-f', '--filter', 'label=tmp']), 'Deleted Networks:\npruned\n\n');
});

test('names: containers on a user-defined network find each other by name and alias; on the default bridge they do not', async () => {
  await dockerOk(['network', 'create', 'app']);
  await dockerOk(['run', '-d', '--name', 'srv', '--hostname', 'srv-host', '--network', 'app', '--network-alias', 'api', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  const byName = await dockerOk(['run', '--rm', '--network', 'app', 'bb', 'sh', '-c', `${getHostname('srv', 80)}; ${getHostname('api', 80)}; cat /etc/resolv.conf`]);
  assert.match(byName, /^srv-host\nsrv-host\n/);
  assert.match(byName, /^options ndots:0$/m);
  const [srv] = JSON.parse(await dockerOk(['inspect', 'srv'])) as { NetworkSettings: { Networks: Record<string, { Aliases: string[]; DNSNames: string[]; IPAddress: string }> } }[];
  const endpoint = srv!.NetworkSettings.Networks.app!;
  assert.deepEqual(endpoint.Aliases, ['api']);
  assert.deepEqual(endpoint.DNSNames!.slice(0, 2), ['srv', 'api']);
  // On the default bridge the name does not resolve (as in Docker); the address does.
  await dockerOk(['run', '-d', '--name', 'plain', '--hostname', 'plain-host', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  const plainIp = (await dockerOk(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'plain'])).trim();
  const onBridge = await docker(['run', '--rm', 'bb', 'sh', '-c', `nslookup plain 2>&1; ${getHostname(plainIp, 80)}`]);
  assert.match(onBridge.stdout, /plain-host/);
  assert.doesNotMatch(onBridge.stdout, new RegExp(`Address: ${plainIp.replaceAll('.', '\\.')}`));
  // The CLI refuses it before asking; the daemon refuses it too.
  const alias = await docker(['run', '--rm', '--network-alias', 'x', 'bb', 'true']);
  assert.match(alias.stderr, /network-scoped aliases are only supported for user-defined networks/);
  await assert.rejects(
    daemon.client.createContainer({ Image: 'bb', NetworkingConfig: { EndpointsConfig: { bridge: { Aliases: ['x'] } } } }),
    /network-scoped alias is supported only for containers in user defined networks/,
  );
  // Legacy links on the default bridge: the linked container under its alias in /etc/hosts.
  const linked = await dockerOk(['run', '--rm', '--link', 'plain:db', 'bb', 'cat', '/etc/hosts']);
  assert.match(linked, new RegExp(`^${plainIp.replaceAll('.', '\\.')}\\tdb plain-host plain$`, 'm'));
  await dockerOk(['rm', '-f', 'srv', 'plain']);
  await dockerOk(['network', 'rm', 'app']);
});

test('published ports: reachable from the host on the published address and from containers; docker port; -P with EXPOSE', async () => {
  const gateway = await bridgeGateway();
  await dockerOk(['run', '-d', '--name', 'pub', '--hostname', 'pub-host', '-p', '18781:80', '-p', '127.0.0.1:18782:80', '-p', '18790-18791:90-91', '--expose', '70', '-P', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  assert.equal(await fetchHostname('127.0.0.1', 18781), 'pub-host');
  assert.equal(await fetchHostname('127.0.0.1', 18782), 'pub-host');
  assert.equal(await fetchHostname(gateway, 18781), 'pub-host');
  // From another container, through the host.
  assert.equal((await dockerOk(['run', '--rm', 'bb', 'sh', '-c', getHostname(gateway, 18781)])).trim(), 'pub-host');
  const ports = await dockerOk(['port', 'pub']);
  const random = /^70\/tcp -> 0\.0\.0\.0:(\d+)$/m.exec(ports);
  assert.ok(random !== null && Number(random[1]) > 0, ports);
  assert.match(ports, /^80\/tcp -> 0\.0\.0\.0:18781$/m);
  assert.match(ports, /^80\/tcp -> 127\.0\.0\.1:18782$/m);
  assert.match(ports, /^90\/tcp -> 0\.0\.0\.0:18790$/m);
  assert.match(ports, /^91\/tcp -> 0\.0\.0\.0:18791$/m);
  assert.equal(await dockerOk(['port', 'pub', '80/tcp']), '0.0.0.0:18781\n127.0.0.1:18782\n');
  const ps = await dockerOk(['ps', '--filter', 'name=pub', '--format', '{{.Ports}}']);
  assert.match(ps, /0\.0\.0\.0:18781->80\/tcp/);
  assert.match(ps, /127\.0\.0\.1:18782->80\/tcp/);
  const named = (filter: string) => dockerOk(['ps', '--filter', filter, '--format', '{{.Names}}']);
  assert.equal(await named('publish=80'), 'pub\n');
  assert.equal(await named('publish=85-95/tcp'), 'pub\n');
  assert.equal(await named('publish=80/udp'), '');
  assert.equal(await named('expose=70'), 'pub\n');
  assert.equal(await named('expose=71'), '');
  await dockerOk(['rm', '-f', 'pub']);
});

test('a taken host port gives Docker\'s error and leaves nothing half-made', async () => {
  const hostBusy = net.createServer();
  await new Promise<void>((resolve) => hostBusy.listen(18799, '0.0.0.0', resolve));
  try {
    const taken = await docker(['run', '-d', '--name', 'clash', '-p', '18799:80', 'bb', 'sleep', '60']);
    assert.equal(taken.code, 125);
    assert.match(taken.stderr, /driver failed programming external connectivity on endpoint clash \([0-9a-f]{64}\): Error starting userland proxy: listen tcp 0\.0\.0\.0:18799: bind: address already in use/);
    assert.equal((await dockerOk(['inspect', '-f', '{{.State.Status}}', 'clash'])).trim(), 'created');
    await dockerOk(['run', '-d', '--name', 'owner', '-p', '18798:80', 'bb', 'sleep', '60']);
    const allocated = await docker(['run', '-d', '--name', 'second', '-p', '18798:80', 'bb', 'sleep', '60']);
    assert.match(allocated.stderr, /Bind for 0\.0\.0\.0:18798 failed: port is already allocated/);
    await dockerOk(['rm', '-f', 'clash', 'owner', 'second']);
    // A port freed by a removed container is free at once, though its teardown runs in the background.
    await dockerOk(['run', '--rm', '-p', '18798:80', 'bb', 'true']);
    // With no container left, the host is as it was before the first, once the background teardowns end.
    let now = '';
    await waitFor(async () => (now = await hostNetworkState()) === hostBefore).catch(() => assert.equal(now, hostBefore));
  } finally {
    hostBusy.close();
  }
});

test('isolation: networks cannot reach each other; an internal network has no way out', async () => {
  await dockerOk(['network', 'create', 'left']);
  await dockerOk(['network', 'create', '--internal', 'inside']);
  await dockerOk(['run', '-d', '--name', 'lefty', '--network', 'left', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  const leftIp = (await dockerOk(['inspect', '-f', '{{.NetworkSettings.Networks.left.IPAddress}}', 'lefty'])).trim();
  const gateway = await bridgeGateway();
  await dockerOk(['run', '-d', '--name', 'bridged', '-p', '18771:80', '--hostname', 'bridged-host', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  // The default bridge's container cannot reach the other network's container.
  const across = await docker(['run', '--rm', 'bb', 'nc', '-w', '2', leftIp, '80']);
  assert.notEqual(across.code, 0);
  // A published port is reachable from another network through the host, as in Docker.
  assert.equal((await dockerOk(['run', '--rm', '--network', 'left', 'bb', 'sh', '-c', getHostname(gateway, 18771)])).trim(), 'bridged-host');
  const out = await docker(['run', '--rm', '--network', 'inside', 'bb', 'sh', '-c', `ip route; nc -w 2 ${gateway} 18771 </dev/null && echo reached`]);
  assert.doesNotMatch(out.stdout, /default via/);
  assert.doesNotMatch(out.stdout, /reached/);
  await dockerOk(['rm', '-f', 'lefty', 'bridged']);
  await dockerOk(['network', 'rm', 'left', 'inside']);
});

test('connect and disconnect a running container', async () => {
  await dockerOk(['network', 'create', 'first']);
  await dockerOk(['network', 'create', 'second']);
  await dockerOk(['run', '-d', '--name', 'peer', '--hostname', 'peer-host', '--network', 'second', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  await dockerOk(['run', '-d', '--name', 'mover', '--network', 'first', 'bb', 'sleep', '60']);
  const unreachable = await docker(['exec', 'mover', 'sh', '-c', getHostname('peer', 80)]);
  assert.doesNotMatch(unreachable.stdout, /peer-host/);
  await dockerOk(['network', 'connect', '--alias', 'moved', '--ip', '', 'second', 'mover']);
  assert.match(await dockerOk(['exec', 'mover', 'sh', '-c', getHostname('peer', 80)]), /peer-host/);
  const nets = JSON.parse(await dockerOk(['inspect', '-f', '{{json .NetworkSettings.Networks}}', 'mover'])) as Record<string, { IPAddress: string }>;
  assert.deepEqual(Object.keys(nets).sort(), ['first', 'second']);
  assert.match(await dockerOk(['exec', 'mover', 'ip', '-o', 'link']), /eth1/);
  const again = await docker(['network', 'connect', 'second', 'mover']);
  assert.match(again.stderr, /endpoint with name mover already exists in network second/);
  await dockerOk(['network', 'disconnect', 'second', 'mover']);
  assert.doesNotMatch(await dockerOk(['exec', 'mover', 'ip', '-o', 'link']), /eth1/);
  await dockerOk(['rm', '-f', 'peer', 'mover']);
  await dockerOk(['network', 'rm', 'first', 'second']);
});

test('networking survives a daemon restart and a daemon killed; stacks of containers gone meanwhile are torn down', async () => {
  await dockerOk(['run', '-d', '--name', 'stays', '--hostname', 'stays-host', '-p', '18761:80', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc']);
  await dockerOk(['run', '-d', '--name', 'goes', '-p', '18762:80', 'bb', 'sleep', '600']);
  await daemon.restart();
  assert.equal(await fetchHostname('127.0.0.1', 18761), 'stays-host');
  const pid = (await dockerOk(['inspect', '-f', '{{.State.Pid}}', 'goes'])).trim();
  await daemon.kill9();
  process.kill(Number(pid), 'SIGKILL');
  await daemon.restart();
  assert.equal(await fetchHostname('127.0.0.1', 18761), 'stays-host');
  // The port of the container that died while no daemon ran is free again.
  let last: RunResult | undefined;
  await waitFor(async () => (last = await docker(['run', '--rm', '-p', '18762:80', 'bb', 'true'])).code === 0).catch((err: Error) => {
    throw new Error(`${err.message}: ${JSON.stringify(last)}\n${daemon.logs.slice(-3000)}`);
  });
  const busy = await docker(['run', '--rm', '-p', '18761:80', 'bb', 'true']);
  assert.match(busy.stderr, /port is already allocated/);
  await dockerOk(['rm', '-f', 'stays', 'goes']);
});

/** Sends one datagram and returns the answer, or '' after half a second. */
function udpEcho(host: string, port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve('');
    }, 500);
    socket.on('message', (m) => {
      clearTimeout(timer);
      socket.close();
      resolve(m.toString());
    });
    socket.send(text, port, host);
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('container:<name> shares the other container\'s stack and files; static addresses on run and connect; connect while stopped', async () => {
  await dockerOk(['network', 'create', '--subnet', '10.251.3.0/24', 'fixed']);
  await dockerOk(['run', '-d', '--name', 'owner', '--network', 'fixed', '--ip', '10.251.3.77', 'bb', 'sleep', '60']);
  const shared = await dockerOk(['run', '--rm', '--network', 'container:owner', 'bb', 'sh', '-c', 'ip -4 -o addr show eth0; cat /etc/hosts']);
  assert.match(shared, /inet 10\.251\.3\.77\/24/);
  assert.match(shared, /^10\.251\.3\.77\t/m);
  const notRunning = await docker(['run', '--rm', '--network', 'container:absent-one', 'bb', 'true']);
  assert.notEqual(notRunning.code, 0);
  const taken = await docker(['run', '--rm', '--network', 'fixed', '--ip', '10.251.3.77', 'bb', 'true']);
  assert.match(taken.stderr, /Address already in use/);
  // Connected while stopped: it joins at its next start, at the address asked for.
  await dockerOk(['create', '--name', 'later', 'bb', 'sh', '-c', 'ip -4 -o addr']);
  await dockerOk(['network', 'connect', '--ip', '10.251.3.88', 'fixed', 'later']);
  const [later] = JSON.parse(await dockerOk(['inspect', 'later'])) as { NetworkSettings: { Networks: Record<string, { IPAddress: string; IPAMConfig: unknown }> } }[];
  assert.deepEqual(Object.keys(later!.NetworkSettings.Networks).sort(), ['bridge', 'fixed']);
  assert.equal(later!.NetworkSettings.Networks.fixed!.IPAddress, '', 'no address while stopped');
  await dockerOk(['start', 'later']);
  assert.equal((await dockerOk(['wait', 'later'])).trim(), '0');
  const logs = await dockerOk(['logs', 'later']);
  assert.match(logs, /inet 10\.251\.3\.88\/24/);
  assert.match(logs, /eth1/);
  await dockerOk(['rm', '-f', 'owner', 'later']);
  await dockerOk(['network', 'rm', 'fixed']);
});

test('UDP ports and the image\'s EXPOSE with -P', async () => {
  const id = (await dockerOk(['create', 'bb'])).trim();
  await dockerOk(['commit', '--change', 'EXPOSE 5353/udp', '--change', 'EXPOSE 8080', id, 'exposing']);
  await dockerOk(['rm', id]);
  await dockerOk(['run', '-d', '--name', 'exposed', '-P', 'exposing', 'httpd', '-f', '-p', '8080', '-h', '/etc']);
  const ports = await dockerOk(['port', 'exposed']);
  assert.match(ports, /^5353\/udp -> 0\.0\.0\.0:\d+$/m);
  const web = Number(/^8080\/tcp -> 0\.0\.0\.0:(\d+)$/m.exec(ports)?.[1]);
  assert.equal(await fetchHostname('127.0.0.1', web), (await dockerOk(['inspect', '-f', '{{.Config.Hostname}}', 'exposed'])).trim());
  // busybox has no UDP server: the host's node (with /usr bind-mounted) echoes datagrams in the container.
  const echo = "require('dgram').createSocket('udp4').on('message', function (m, r) { this.send(m, r.port, r.address); }).bind(53)";
  await dockerOk(['run', '-d', '--name', 'udp', '-p', '18753:53/udp', '-v', '/usr:/usr:ro', 'bb', '/bin/sh', '-c', `ln -s usr/lib /lib; ln -s usr/lib64 /lib64; exec /usr/bin/node -e "${echo}"`]);
  await waitFor(async () => (await udpEcho('127.0.0.1', 18753, 'datagram')) === 'datagram');
  await dockerOk(['rm', '-f', 'udp', 'exposed']);
  await dockerOk(['rmi', 'exposing']);
});

test('cais network and port print what docker prints for the same daemon', async () => {
  const cais = (args: string[]) => run(process.execPath, [cliEntry, ...args], { env });
  await dockerOk(['network', 'create', '--label', 'k=v', 'twin']);
  await dockerOk(['run', '-d', '--name', 'twinner', '--network', 'twin', '-p', '18741:80', 'bb', 'sleep', '60']);
  for (const args of [
    ['network', 'ls'],
    ['network', 'ls', '--no-trunc', '--filter', 'label=k'],
    ['network', 'inspect', 'twin'],
    ['network', 'inspect', '-f', '{{json .Containers}}', 'twin'],
    ['port', 'twinner'],
    ['ps', '--format', '{{.Names}} {{.Ports}} {{.Networks}}'],
  ]) {
    assert.deepEqual(await cais(args), await docker(args), args.join(' '));
  }
  await dockerOk(['rm', '-f', 'twinner']);
  const removed = await cais(['network', 'rm', 'twin']);
  assert.deepEqual(removed, { code: 0, stdout: 'twin\n', stderr: '' });
});

test('a daemon killed in the middle of a network setup tears the rest down at its next start', async () => {
  await dockerOk(['create', '--name', 'midway', '-p', '18731:80', 'bb', 'sleep', '60']);
  const netns = join(daemon.execRoot, 'netns');
  // The namespace file appears once the sandbox is recorded, before netavark runs: kill the daemon then.
  const appeared = new Promise<void>((resolve) => {
    const watcher = watch(netns, () => {
      watcher.close();
      resolve();
    });
  });
  const starting = docker(['start', 'midway']);
  await appeared;
  await daemon.kill9();
  await starting;
  await daemon.restart();
  assert.notEqual((await dockerOk(['inspect', '-f', '{{.State.Status}}', 'midway'])).trim(), 'running');
  // Its port and stack are free again: the same container starts and publishes the same port.
  await waitFor(async () => (await docker(['start', 'midway'])).code === 0);
  assert.match(await dockerOk(['port', 'midway']), /0\.0\.0\.0:18731/);
  await dockerOk(['rm', '-f', 'midway']);
  let now = '';
  await waitFor(async () => (now = await hostNetworkState()) === hostBefore).catch(() => assert.equal(now, hostBefore));
});

test('containers started at once get their own addresses and find each other', async () => {
  await dockerOk(['network', 'create', 'crowd']);
  const names = Array.from({ length: 8 }, (_, i) => `member${i}`);
  await Promise.all(names.map((name) => dockerOk(['run', '-d', '--name', name, '--hostname', `${name}-host`, '--network', 'crowd', 'bb', 'httpd', '-f', '-p', '80', '-h', '/etc'])));
  const addresses = await Promise.all(names.map(async (name) => (await dockerOk(['inspect', '-f', '{{.NetworkSettings.Networks.crowd.IPAddress}}', name])).trim()));
  assert.equal(new Set(addresses).size, names.length, addresses.join(' '));
  const seen = await dockerOk(['exec', 'member0', 'sh', '-c', names.map((n) => getHostname(n, 80)).join('; ')]);
  assert.deepEqual(seen.trim().split('\n'), names.map((n) => `${n}-host`));
  await dockerOk(['rm', '-f', ...names]);
  await dockerOk(['network', 'rm', 'crowd']);
});

test('a restarting container gets its network back each time, and keeps its published port', async () => {
  await dockerOk(['run', '-d', '--name', 'bouncer', '--restart', 'on-failure:2', '-p', '18721:80', 'bb', 'sh', '-c', 'ip -4 -o addr show eth0; exit 1']);
  await waitFor(async () => (await dockerOk(['inspect', '-f', '{{.State.Status}} {{.RestartCount}}', 'bouncer'])).trim() === 'exited 2');
  const logs = await dockerOk(['logs', 'bouncer']);
  assert.equal(logs.match(/inet \d+\.\d+\.\d+\.\d+\/24/g)?.length, 3, logs);
  await dockerOk(['rm', 'bouncer']);
  await waitFor(async () => (await docker(['run', '--rm', '-p', '18721:80', 'bb', 'true'])).code === 0);
});
