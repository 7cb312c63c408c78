// The daemon's lifecycle: pid file, engine (which recovers its state on
// open), API listeners; and the reverse on stop.
import { chmod, mkdir, open, rm } from 'node:fs/promises';
import type http from 'node:http';
import type https from 'node:https';
import { dirname } from 'node:path';
import { createApiServer, type TlsServerOptions } from '../api/index.js';
import { InvalidArgument, errorMessage, log } from '../common/index.js';
import { Engine } from '../engine/index.js';
import { parseAddressPool } from '../network/index.js';
import type { DaemonConfig } from './flags.js';
import { parseHost, type HostAddress } from '../spec/index.js';
import { removePidfile, writePidfile } from './pidfile.js';
import { clearStaleSocket } from './unix-socket.js';

export interface RunningDaemon {
  /** Stops accepting requests, lets running ones finish (briefly), closes the engine, removes socket and pid file. */
  stop(): Promise<void>;
}

type Server = http.Server | https.Server;

// How long running requests may go on after stop() before their connections are cut.
const shutdownGraceMs = 10_000;
const maxPemBytes = 1024 * 1024;

export async function startDaemon(config: DaemonConfig): Promise<RunningDaemon> {
  const addresses = config.hosts.map(parseHost);
  const tls = await loadTls(config, addresses);
  await mkdir(config.execRoot, { recursive: true, mode: 0o700 });
  await writePidfile(config.pidfile);
  // Undo steps, last first.
  const undo: Array<() => Promise<void>> = [() => removePidfile(config.pidfile)];
  const stop = async (): Promise<void> => {
    for (const step of undo.splice(0)) {
      try {
        await step();
      } catch (err) {
        log.error('shutdown step failed', { error: errorMessage(err) });
      }
    }
  };
  try {
    for (const address of addresses) if (address.kind === 'unix') await clearStaleSocket(address.path);
    const engine = await Engine.open({
      dataRoot: config.dataRoot,
      execRoot: config.execRoot,
      cgroupParent: config.cgroupParent,
      bridge: config.bridge,
      ...(config.bip !== undefined ? { bip: config.bip } : {}),
      ...(config.defaultAddressPools.length > 0 ? { addressPools: config.defaultAddressPools.map(parseAddressPool) } : {}),
      insecureRegistries: config.insecureRegistries,
    });
    undo.unshift(() => engine.close());
    for (const address of addresses) {
      const server = createApiServer(engine, address.kind === 'tcp' ? { tls } : {});
      server.on('tlsClientError', (err: Error) => log.debug('TLS handshake failed', { error: err.message }));
      await listen(server, address);
      undo.unshift(() => close(server, address));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  log.info(`cais daemon ready: API listen on ${config.hosts.join(' ')}`, { pid: process.pid });
  return { stop };
}

async function listen(server: Server, address: HostAddress): Promise<void> {
  if (address.kind === 'unix') await mkdir(dirname(address.path), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const options = address.kind === 'unix' ? { path: address.path } : { host: address.hostname, port: address.port };
    server.listen(options, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (address.kind === 'unix') await chmod(address.path, 0o660);
}

async function close(server: Server, address: HostAddress): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), shutdownGraceMs).unref();
  });
  if (address.kind === 'unix') await rm(address.path, { force: true });
}

/** TLS material for tcp:// listeners, which are served with mutual TLS only. */
async function loadTls(config: DaemonConfig, addresses: HostAddress[]): Promise<TlsServerOptions | undefined> {
  const tcp = addresses.find((a) => a.kind === 'tcp');
  if (!tcp) return undefined;
  const { tlsCaCert: ca, tlsCert: cert, tlsKey: key } = config;
  if (!config.tlsVerify || !ca || !cert || !key) {
    throw new InvalidArgument(
      `refusing to listen on tcp://${tcp.hostname}:${tcp.port} without mutual TLS: a tcp:// host requires --tlsverify with --tlscacert, --tlscert and --tlskey`,
    );
  }
  return { ca: await readPem(ca, '--tlscacert'), cert: await readPem(cert, '--tlscert'), key: await readPem(key, '--tlskey') };
}

async function readPem(path: string, flag: string): Promise<Buffer> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    throw new InvalidArgument(`${flag}: cannot read ${path}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    const buf = Buffer.alloc(maxPemBytes + 1);
    const { bytesRead } = await file.read(buf, 0, buf.length, 0);
    if (bytesRead > maxPemBytes) throw new InvalidArgument(`${flag}: ${path} is larger than ${maxPemBytes} bytes`);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
