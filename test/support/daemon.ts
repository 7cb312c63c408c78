// A real cais daemon for tests: a child process on a temporary socket, data
// root and exec root, so several can run side by side. Tests talk to it
// through `client` (or the docker CLI with DOCKER_HOST=host), and `stop()`
// it in an `after` hook: that removes everything it made.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http, { type IncomingHttpHeaders } from 'node:http';
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, rmdir } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EngineClient } from '../../src/client/index.js';
import { daemonNodeFlags } from '../../src/cli/daemon-autostart.js';

export interface TestDaemonOptions {
  /** Also listen on tcp://127.0.0.1:<free port> with mutual TLS, using these PEM files. */
  tls?: { caCert: string; serverCert: string; serverKey: string };
  extraArgs?: string[];
  /**
   * A default bridge network (its own bridge name and 10.x.0.0/16 address
   * space, claimed machine-wide so daemons side by side never share one).
   * Without it the daemon runs with --bridge none: containers get no network.
   */
  network?: boolean;
}

export interface TestDaemon {
  /** unix://<socketPath>, for DOCKER_HOST / CAIS_HOST. */
  readonly host: string;
  readonly socketPath: string;
  /** tcp://127.0.0.1:<port> when started with `tls`. */
  readonly tcpHost: string | undefined;
  readonly dataRoot: string;
  readonly execRoot: string;
  /** The parent of its containers' cgroups (--cgroup-parent). */
  readonly cgroupParent: string;
  readonly client: EngineClient;
  /** The running daemon process (changes on restart). */
  readonly pid: number;
  /** What the daemon wrote to stderr (the last 256 KiB). */
  readonly logs: string;
  /** SIGTERM, wait for exit, unmount anything left under the temp dirs, remove them. */
  stop(): Promise<void>;
  /** SIGKILL, wait for exit; the temp dirs stay for a restart. */
  kill9(): Promise<void>;
  /** Stops the daemon if it runs, then starts it again on the same dirs and socket. */
  restart(): Promise<void>;
}

/** The compiled daemon entry, beside this file's compiled location (dist/ or dist-NAME/). */
export const daemonEntry = fileURLToPath(new URL('../../src/daemon/main.js', import.meta.url));
const readyTimeoutMs = 30_000;
let daemonCount = 0;
const stopTimeoutMs = 15_000;
const maxLogBytes = 256 * 1024;

export async function startDaemon(options: TestDaemonOptions = {}): Promise<TestDaemon> {
  const root = await mkdtemp(join(tmpdir(), 'cais-test-'));
  const dataRoot = join(root, 'data');
  const execRoot = join(root, 'exec');
  const socketPath = join(execRoot, 'cais.sock');
  const host = `unix://${socketPath}`;
  const tcpHost = options.tls ? `tcp://127.0.0.1:${await freePort()}` : undefined;
  // Containers' cgroups go under a parent of this daemon's own, removed by stop().
  const cgroupParent = `/cais-test-${process.pid}-${++daemonCount}`;
  const args = [daemonEntry, '--host', host, '--data-root', dataRoot, '--exec-root', execRoot, '--cgroup-parent', cgroupParent];
  const addressSpace = options.network ? await claimAddressSpace() : undefined;
  if (addressSpace === undefined) args.push('--bridge', 'none');
  else {
    const base = `10.${addressSpace.octet}`;
    args.push('--bridge', `cais-t${addressSpace.octet}`, '--bip', `${base}.0.1/24`, '--default-address-pool', `base=${base}.0.0/16,size=24`);
  }
  if (options.tls && tcpHost) {
    const { caCert, serverCert, serverKey } = options.tls;
    args.push('--host', tcpHost, '--tlsverify', '--tlscacert', caCert, '--tlscert', serverCert, '--tlskey', serverKey);
  }
  args.push(...(options.extraArgs ?? []));
  const client = new EngineClient({ host });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let logs = '';
  let signalled = false;

  const spawnDaemon = async (): Promise<void> => {
    // Should the test process die without stop() (a test timeout kills it), the
    // kernel kills the daemon too: setpriv sets the parent-death signal, then execs node.
    const proc = spawn('setpriv', ['--pdeathsig', 'KILL', process.execPath, ...daemonNodeFlags, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    // A daemon that dies on its own fails the tests after it: its log says why.
    proc.once('exit', (code, sig) => {
      if (!signalled) process.stderr.write(`cais test daemon ${proc.pid} exited on its own (${code ?? sig}); its log:\n${logs.slice(-16_384)}\n`);
    });
    signalled = false;
    proc.stderr?.setEncoding('utf8').on('data', (s: string) => {
      logs = (logs + s).slice(-maxLogBytes);
    });
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`cais daemon exited (${proc.exitCode ?? proc.signalCode}) before it answered:\n${logs}`);
      }
      try {
        await client.ping();
        return;
      } catch {
        if (Date.now() > deadline) {
          proc.kill('SIGKILL');
          throw new Error(`cais daemon did not answer on ${host} within ${readyTimeoutMs} ms:\n${logs}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };

  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    signalled = true;
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(sig);
    const timer = setTimeout(() => proc.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  };

  let stopped = false;
  const daemon: TestDaemon = {
    host,
    socketPath,
    tcpHost,
    dataRoot,
    execRoot,
    cgroupParent,
    client,
    get pid() {
      return child?.pid ?? 0;
    },
    get logs() {
      return logs;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // A killed daemon with networks is started again: its recovery tears down their stacks.
      if (addressSpace !== undefined && (child?.exitCode !== null || child?.signalCode !== null)) await spawnDaemon().catch(() => undefined);
      // Containers outlive their daemon: remove them first, then whatever a killed daemon left.
      await removeContainers(client);
      await signal('SIGTERM');
      client.close();
      await killCgroup(cgroupParent);
      await unmountUnder(root);
      await rm(root, { recursive: true, force: true });
      await addressSpace?.release();
    },
    kill9: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGTERM');
      await spawnDaemon();
    },
  };
  try {
    await spawnDaemon();
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return daemon;
}

const claims = join(tmpdir(), 'cais-test-address-spaces');

/** Claims one of 10.100-163.0.0/16 for a test daemon: a directory per claim holding the claimer's pid, stale once that process is gone. */
async function claimAddressSpace(): Promise<{ octet: number; release: () => Promise<void> }> {
  for (let octet = 100; octet < 164; octet++) {
    const dir = join(claims, String(octet));
    // recursive: the claims directory too, should the last release have just removed it.
    if ((await mkdir(dir, { recursive: true })) === undefined) {
      // It existed: taken, unless its claimer is gone (a crashed run).
      const owner = Number(await readFile(join(dir, 'pid'), 'utf8').catch(() => '0'));
      if (owner === 0 || processAlive(owner)) continue;
      await rm(dir, { recursive: true, force: true });
      if ((await mkdir(dir, { recursive: true })) === undefined) continue;
    }
    writeFileSync(join(dir, 'pid'), String(process.pid));
    const release = async () => {
      await rm(dir, { recursive: true, force: true });
      // The claims directory goes with the last claim (another daemon's claim keeps it).
      await rmdir(claims).catch(() => undefined);
    };
    return { octet, release };
  }
  throw new Error('no free test address space: 64 test daemons with networks at once?');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function removeContainers(client: EngineClient): Promise<void> {
  try {
    const all = await client.listContainers({ all: true });
    await Promise.all(all.map((c) => client.removeContainer(c.Id, { force: true, volumes: true }).catch(() => undefined)));
  } catch {
    // The daemon is not answering (killed): killCgroup cleans up.
  }
}

/** Kills every process left in the cgroup tree under `parent` (in every v1 hierarchy) and removes the cgroups. */
async function killCgroup(parent: string): Promise<void> {
  const roots = (await readdir('/sys/fs/cgroup').catch(() => [] as string[])).map((c) => join('/sys/fs/cgroup', c, parent));
  const dirs: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    dirs.push(dir);
    for (const e of entries) if (e.isDirectory()) await walk(join(dir, e.name));
  };
  for (const root of roots) await walk(root);
  for (const dir of dirs) {
    const procs = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
    for (const pid of procs.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
  // Deepest first; a cgroup goes once its killed processes are reaped.
  dirs.sort((a, b) => b.length - a.length);
  for (let attempt = 0; attempt < 50; attempt++) {
    const left = [];
    for (const dir of dirs) if (!(await rmdir(dir).then(() => true, (err: NodeJS.ErrnoException) => err.code === 'ENOENT'))) left.push(dir);
    if (left.length === 0) return;
    dirs.splice(0, dirs.length, ...left);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Lazily unmounts every mount point under `dir`, deepest first. */
async function unmountUnder(dir: string): Promise<void> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined)
    // mountinfo escapes space, tab, newline and backslash as octal.
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8))))
    .filter((p) => p.startsWith(dir + '/'))
    .sort((a, b) => b.length - a.length);
  for (const point of points) spawnSync('umount', ['-l', point]);
}

/** A TCP port free on 127.0.0.1 now (for a server that needs to be told its port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestCerts {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/**
 * A fresh CA with a server certificate (for 127.0.0.1 and localhost) and a
 * client certificate, made with openssl in `dir`. Call it twice in two
 * dirs for certificates from two unrelated CAs.
 */
export function makeTestCerts(dir: string): TestCerts {
  const openssl = (args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  };
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ecKey, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=cais test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const issue = (name: string, subject: string, extensions: string): void => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(['req', '-new', ...ecKey, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial',
      '-out', `${name}-cert.pem`, '-days', '2', '-extfile', `${name}.ext`]);
  };
  issue('server', '/CN=localhost', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=cais test client', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server-cert.pem'),
    serverKey: join(dir, 'server-key.pem'),
    clientCert: join(dir, 'client-cert.pem'),
    clientKey: join(dir, 'client-key.pem'),
  };
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One plain HTTP request on a unix socket, for tests that check the wire (headers, exact bodies). */
export function rawRequest(socketPath: string, method: string, path: string, body?: Buffer | Readable, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}
