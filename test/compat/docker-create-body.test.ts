// `docker create` and `cais create` with the same flags against a server
// that only records what it is asked: the create bodies, query strings and
// the pulls around them must be the same, and bad values must get docker's
// message and exit code without a call to the daemon.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clis, type Clis } from '../support/cli.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import type { RunResult } from '../support/exec.js';

interface Call {
  method: string;
  url: string;
  body?: unknown;
}

let dir: string;
let server: RecordingServer;
let calls: Call[] = [];
let pulled = false;
let both: Clis;
const id = 'c0ffee'.padEnd(64, '0');

/** Answers as a docker 28 daemon would; the image "absent" exists only once pulled. */
function answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
  res.setHeader('Api-Version', '1.50');
  res.setHeader('OSType', 'linux');
  res.setHeader('Content-Type', 'application/json');
  const path = (req.url ?? '').replace(/^\/v[0-9.]+/, '').replace(/\?.*/, '');
  if (path === '/_ping') return void res.end('OK');
  calls.push({ method: req.method ?? '', url: req.url ?? '', ...(text ? { body: JSON.parse(text) as unknown } : {}) });
  if (path === '/version') return void res.end(JSON.stringify({ ApiVersion: '1.50', MinAPIVersion: '1.24', Version: '28.2.2', Os: 'linux', Arch: 'amd64' }));
  if (path === '/images/create') {
    pulled = true;
    return void res.end('{"status":"Pulled"}\n');
  }
  if (path === '/containers/create') {
    if ((JSON.parse(text) as { Image: string }).Image === 'absent' && !pulled) {
      res.statusCode = 404;
      return void res.end('{"message":"No such image: absent:latest"}');
    }
    res.statusCode = 201;
    return void res.end(JSON.stringify({ Id: id, Warnings: [] }));
  }
  res.statusCode = 404;
  res.end('{"message":"page not found"}');
}

before(async () => {
  server = await startRecordingServer('cais-create-body-', answer);
  dir = server.dir;
  both = clis(() => server.env);
  await writeFile(join(dir, 'seccomp.json'), '{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": [ ]\n}\n');
});
after(async () => {
  await server?.close();
});

/** What one CLI asked of the server (binds and env sorted: docker sends them in Go's map order). */
async function capture(cli: 'docker' | 'cais', args: string[]): Promise<{ result: RunResult; calls: Call[] }> {
  calls = [];
  pulled = false;
  const result = await both[cli](args);
  for (const call of calls) {
    const body = call.body as { Env?: string[] | null; HostConfig?: { Binds?: string[] | null } } | undefined;
    // docker 28 sends both in Go's map order (seen: -e A=1 -e HOME gives either order).
    body?.HostConfig?.Binds?.sort();
    body?.Env?.sort();
  }
  return { result: { ...result, stderr: result.stderr.replaceAll('docker', 'cais') }, calls };
}

async function sameRequests(args: string[]): Promise<Call[]> {
  const theirs = await capture('docker', args);
  const ours = await capture('cais', args);
  assert.deepEqual(ours, theirs, `create ${args.join(' ')}`);
  assert.equal(theirs.result.code, 0, theirs.result.stderr);
  return ours.calls;
}

test('the same create body and query as docker for every flag', async () => {
  const seccomp = join(dir, 'seccomp.json');
  const cases: string[][] = [
    [],
    ['--name', 'web', '-e', 'A=1', '-e', 'HOME', '-l', 'b=2', '-l', 'a', '--entrypoint', '', '-it', 'sh', '-c', 'true'],
    ['-v', '/host:/ctr:ro', '-v', '/anon', '-v', 'named:/data:nocopy', '-v', './rel:/rel', '-v', 'ab', '-v', 'c:/drive'],
    ['--mount', 'type=bind,src=/tmp,dst=/t,readonly,bind-propagation=rslave', '--mount', 'type=bind,source=.,target=/here,bind-recursive=disabled', '--mount', 'Type=bind,src=/a,dst=/b,ro,bind-recursive=writable'],
    ['--mount', 'type=volume,src=v1,dst=/v,volume-nocopy,volume-opt=o=a,volume-label=l=1,volume-driver=local', '--mount', 'dst=/anon,ro=false'],
    ['--mount', 'type=tmpfs,dst=/tm,tmpfs-size=1m,tmpfs-mode=1777', '--mount', 'type=volume,src=v,dst=/s,volume-subpath=sub', '--mount', 'type=image,src=busybox,dst=/i,image-subpath=bin', '--mount', '"type=volume","dst=/q","volume-opt=o=a,b"'],
    ['--tmpfs', '/run:rw,size=64m', '--tmpfs', '/x', '--volumes-from', 'c1:ro', '--volumes-from', 'c2', '--rm'],
    ['-m', '1g', '--memory-swap', '-1', '--memory-reservation', '100m', '--shm-size', '64m', '--oom-kill-disable', '--oom-score-adj', '-500'],
    ['-c', '512', '--cpu-period', '100000', '--cpu-quota', '50000', '--cpuset-cpus', '0-1', '--cpuset-mems', '0', '--cpus', '1.5', '--pids-limit', '-1'],
    ['--blkio-weight', '0x12c', '--device-read-bps', '/dev/sda:1mb', '--device-write-bps', '/dev/sdb:2048', '--device-write-bps', '/dev/sda:1g'],
    ['--ulimit', 'nofile=1024:2048', '--ulimit', 'nproc=100', '--ulimit', 'core=-1', '--ulimit', 'nofile=10'],
    ['--security-opt', 'no-new-privileges', '--security-opt', `seccomp=${seccomp}`, '--security-opt', 'label=disable', '--security-opt', 'apparmor:unconfined'],
    ['--security-opt', 'seccomp=unconfined', '--security-opt', 'systempaths=unconfined', '--cap-add', 'net_admin', '--cap-drop', 'ALL', '--privileged'],
    ['--group-add', 'audio', '--group-add', '10', '--sysctl', 'net.ipv4.ip_forward=1', '--sysctl', 'kernel.shmmax=1', '--annotation', 'k=v', '--annotation', 'bare'],
    ['--health-cmd', 'curl -f localhost', '--health-interval', '10s', '--health-timeout', '1m30s', '--health-retries', '3'],
    ['--health-start-period', '1.5s', '--health-start-interval', '500ms'],
    ['--health-retries', '2'],
    ['--no-healthcheck'],
    ['--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--log-opt', 'max-file=2', '--stop-signal', 'SIGINT', '--stop-timeout', '5'],
    ['--log-driver', 'none'],
    ['--pid', 'host', '--ipc', 'private', '--uts', 'host', '--userns', 'host', '--domainname', 'example.com', '-h', 'box'],
    ['--pid', 'container:other', '--ipc', 'container:other', '--network', 'none', '--read-only', '--init=false', '-u', '1:2', '-w', '/tmp'],
    ['--device', '/dev/fuse', '--device', '/dev//null:/dev/mynull', '--device', '/dev/zero:r', '--device', '/dev/full:/dev/f/:rw'],
    ['--restart', 'on-failure:3', '--runtime', 'crun', '--platform', 'linux/amd64', '--network', 'host'],
    ['-p', '8000-8002:80-82', '-p', '127.0.0.1:9000:90/udp', '-p', '[::1]:53:53/UDP', '-p', '::1:5:5', '-p', '7000-7010:70', '-p', '127.0.0.1::99', '-p', '8080:80', '-p', '60/sctp', '-P'],
    ['-p', 'published=8080,target=80', '--publish', 'target=81,protocol=udp', '-p', '0080:0080', '--expose', '90-92/udp', '--expose', '100/UDP', '--expose', '80'],
    ['--dns', '1.2.3.4', '--dns', ' ::ffff:1.2.3.5 ', '--dns', '0:0:0:0:0:0:0:1', '--dns-search', 'example.com', '--dns-search', '.', '--dns-search', 'a.b. ', '--dns-option', 'ndots:2', '--dns-opt', 'x'],
    ['--add-host', 'a:1.2.3.4', '--add-host', 'b=::1', '--add-host', 'c:[::2]', '--add-host', 'e:host-gateway', '--add-host', 'g: 1.2.3.4', '--link', 'x', '--link', 'y:z'],
    ['--network', 'foo', '--ip', '1.2.3.4', '--ip6', '2001:db8::33', '--mac-address', '02:42:AC:11:00:02', '--network-alias', 'a', '--net-alias', 'b', '--link', 'x:y', '--link-local-ip', '169.254.1.1'],
    ['--network', 'name=Foo,alias=A,ip=1.2.3.4,ip6=::1,mac-address=02:42:AC:11:00:02,link-local-ip=169.254.0.1,driver-opt=K=V,driver-opt=a=b,gw-priority=5', '--network', 'bar', '--net', '"name=baz,alias=x,y"'],
    ['--network', 'name=foo', '--ip', 'not-checked', '--link-local-ip', 'nor-this'],
    ['--network', 'container:abc'],
    ['--net', 'bridge', '--link', 'a:b', '--mac-address', '02-42-ac-11-00-02', '--ip6', '::1'],
  ];
  for (const flags of cases) {
    const [create] = await sameRequests(['create', ...flags, 'busybox', ...(flags.length > 0 ? [] : ['echo', 'hi'])]);
    assert.equal(create?.method, 'POST');
  }
});

test('--pull: missing pulls after a 404, always pulls first, never does not', async () => {
  const missing = await sameRequests(['create', 'absent']);
  assert.deepEqual(
    missing.map((c) => c.url.replace(/\?.*/, '')),
    ['/v1.50/containers/create', '/v1.50/images/create', '/v1.50/containers/create'],
  );
  assert.equal((await capture('cais', ['create', 'absent'])).result.stderr, "Unable to find image 'absent:latest' locally\nPulled\n");
  await sameRequests(['create', '-q', 'absent']);
  const always = await sameRequests(['create', '--pull', 'always', '--platform', 'linux/arm64', 'busybox:1.36']);
  assert.equal(always[0]?.url, '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&platform=linux%2Farm64&tag=1.36');
  const never = await capture('cais', ['create', '--pull=never', 'absent']);
  assert.deepEqual([never.result.code, never.result.stderr], [1, 'Error response from daemon: No such image: absent:latest\n']);
  assert.deepEqual(never, await capture('docker', ['create', '--pull=never', 'absent']));
});

test('--cidfile gets the id, and an existing one is refused', async () => {
  const cidfile = join(dir, 'cid');
  for (const cli of ['docker', 'cais'] as const) {
    const made = await capture(cli, ['create', '--cidfile', cidfile, 'busybox']);
    assert.equal(made.result.code, 0, made.result.stderr);
    assert.equal((made.calls[0]?.body as { HostConfig: { ContainerIDFile: string } }).HostConfig.ContainerIDFile, cidfile);
    assert.equal(await readFile(cidfile, 'utf8'), id);
    const again = await capture(cli, ['create', '--cidfile', cidfile, 'busybox']);
    assert.deepEqual(again.result, { code: 1, stdout: '', stderr: `container ID file found, make sure the other container isn't running or delete ${cidfile}\n` });
    await rm(cidfile);
  }
});

test("bad values get docker's message and exit code, and no create", async () => {
  const bad: string[][] = [
    ['-m', 'abc'],
    ['--memory-swap', '-2'],
    ['--shm-size', '1q'],
    ['--blkio-weight', '70000'],
    ['--blkio-weight', 'x'],
    ['--cpu-shares', 'x'],
    ['--ulimit', 'nofile=x'],
    ['--ulimit', 'nofile'],
    ['--ulimit', 'foo=1'],
    ['--ulimit', 'nofile=2:1'],
    ['--ulimit', 'nofile=1:2:3'],
    ['--health-interval=-1s'],
    ['--health-timeout=-1s'],
    ['--health-retries=-1'],
    ['--health-start-period=-1ms'],
    ['--health-interval', '1'],
    ['--health-interval', '1x'],
    ['--health-interval', 'x'],
    ['--no-healthcheck', '--health-retries', '2'],
    ['--no-healthcheck', '--health-cmd', 'true'],
    ['--mount', 'type=bind'],
    ['--mount', 'foo'],
    ['--mount', 'type=bind,dst=/x,volume-nocopy'],
    ['--mount', 'type=volume,dst=/x,bind-propagation=rslave'],
    ['--mount', 'type=volume,dst=/x,tmpfs-size=1m'],
    ['--mount', 'type=tmpfs,dst=/x,tmpfs-mode=999'],
    ['--mount', 'type=tmpfs,dst=/x,tmpfs-size=big'],
    ['--mount', 'type=bind,dst=/x,ro=maybe'],
    ['--mount', 'type=,dst=/x'],
    ['--mount', 'dst=/x,color=red'],
    ['--mount', 'type=bind,dst=/x,bind-recursive=sometimes'],
    ['--mount', 'type=bind,dst=/x,bind-recursive=writable'],
    ['--mount', 'type=bind,dst=/x,ro,bind-recursive=readonly'],
    ['--mount', 'type=volume,dst=/x,image-subpath=a'],
    ['-v', '/a::b'],
    ['-v', ''],
    ['-v', '/a:/b:ro:x'],
    ['--sysctl', 'kernel.x=1'],
    ['--sysctl', 'net.x'],
    ['--device-read-bps', 'sda:1'],
    ['--device-read-bps', '/dev/sda'],
    ['--device-write-bps', '/dev/sda:fast'],
    ['--security-opt', 'foo'],
    ['--security-opt', 'label='],
    ['--security-opt', 'seccomp=/nonexistent/profile.json'],
    ['--rm', '--restart', 'always'],
    ['--pid', 'bogus'],
    ['--pid', 'container:'],
    ['--uts', 'container:x'],
    ['--userns', 'foo'],
    ['--log-driver', 'none', '--log-opt', 'a=b'],
    ['--device', 'a:b:c:d'],
    ['--device', 'fuse'],
    ['--device', '/dev/fuse:r:w'],
    ['--device', '/dev/fuse:/x:rwx'],
    ['--pull', 'bogus'],
    ['--mac-address', 'zz', '-p', 'abc'],
    ['-p', 'abc', '--network-alias', 'x'],
    ['-p', '80/foo'],
    ['-p', '80-70/foo'],
    ['-p', '8000-8001:80-82'],
    ['-p', '99999:80'],
    ['-p', '1.2.3:80:80'],
    ['-p', '[::1:80:80'],
    ['-p', '1.2.3.4::'],
    ['-p', 'published=8080,target'],
    ['--expose', '1:2'],
    ['--expose', '80-70'],
    ['--expose', 'abc'],
    ['--dns', 'foo'],
    ['--dns', '[::1]'],
    ['--dns-search', '.bad'],
    ['--dns-search', '1.2'],
    ['--add-host', 'foo'],
    ['--add-host', 'a:b:1.2.3.4'],
    ['--add-host', ':1.2.3.4'],
    ['--link', 'a:b:c'],
    ['--link', ''],
    ['--rm', '--restart', 'always', '--network-alias', 'x'],
    ['--network', 'host', '--network-alias', 'x'],
    ['--network', 'container:', '--network-alias', 'x'],
    ['--network', 'foo', '--network', 'foo'],
    ['--network', 'foo', '--network', 'host'],
    ['--network', 'name=foo,alias=a', '--network-alias', 'b'],
    ['--network', 'name=foo,ip=1.2.3.4', '--ip', '1.1.1.1'],
    ['--network', 'name=foo,ip6=::1', '--ip6', '::2'],
    ['--network', 'name=foo,mac-address=02:42:ac:11:00:02', '--mac-address', '02:42:ac:11:00:03'],
    ['--network', 'name=foo,link-local-ip=169.254.0.1', '--link-local-ip', '169.254.0.2'],
    ['--network', 'name=foo,mac-address=zz'],
    ['--network', ''],
    ['--network', 'name=foo,gw-priority=x'],
    ['--network', 'name=foo,gw-priority=99999999999999999999'],
    ['--network', 'name=foo,BOGUS=1'],
    ['--network', 'alias=a'],
    ['--network', 'name=foo,ALIAS'],
    ['--network', 'name=foo,driver-opt=x'],
    ['--net', 'name=foo,"alias'],
  ];
  for (const flags of bad) {
    const args = ['create', ...flags, 'busybox'];
    const theirs = await capture('docker', args);
    const ours = await capture('cais', args);
    assert.deepEqual(ours, theirs, `create ${flags.join(' ')}`);
    assert.equal(theirs.result.code, 125, flags.join(' '));
    assert.deepEqual(theirs.calls, [], flags.join(' '));
  }
});

test("create --help words each of cais's flags as docker does", async () => {
  // A flag's entry: its first line (starting "  -x, --name" or "      --name") and the indented lines after it.
  const entries = (help: string) => new Map([...help.matchAll(/^ {2}(?:-\w, | {4})--([\w-]+).*\n(?: {20,}.*\n)*/gm)].map((m) => [m[1], m[0]]));
  const theirs = entries((await both.docker(['create', '--help'])).stdout);
  const ours = entries((await both.cais(['create', '--help'])).stdout);
  assert.ok(ours.size > 60);
  for (const [name, entry] of ours) assert.equal(entry, theirs.get(name), name);
});
