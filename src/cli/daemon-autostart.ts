// Starts the daemon in the background when the CLI uses the default socket
// and nothing answers there, so `cais images` works on a fresh machine. The
// daemon is `cais daemon`, detached, its output appended to
// <exec-root>/cais-daemon.log; the CLI waits for /_ping, then goes on.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StatusError } from './errors.js';

/**
 * Node flags the daemon runs with (bin/cais gives them too):
 * TLS peers are checked against the system's CA store, as Docker does; a
 * young generation of 1 MiB instead of 16 keeps a long-lived daemon's RSS
 * some 15 MiB lower, at no cost measured in request throughput.
 */
export const daemonNodeFlags = ['--use-openssl-ca', '--max-semi-space-size=1'];

/** What can answer /_ping; EngineClient does. */
export interface Pingable {
  ping(): Promise<unknown>;
}

export interface AutostartOptions {
  /** The socket the daemon listens on by default; its directory is the exec root. */
  socketPath: string;
  /** The daemon command after process.execPath; `bin/cais daemon` by default. */
  command?: string[];
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;
/** After our daemon exits, another CLI's daemon may still be coming up. */
const graceAfterExitMs = 1_000;

/** bin/cais, from this module's place in dist/src/cli/. */
/** The daemon with its node flags, as process.execPath's arguments (what `bin/cais daemon ...` runs). */
export function daemonCommand(args: readonly string[]): string[] {
  return [...daemonNodeFlags, fileURLToPath(new URL('../daemon/main.js', import.meta.url)), ...args];
}

/** True when the error says nothing listens on the socket (not a daemon's answer). */
function isNotRunning(err: unknown): boolean {
  const code = ((err as { cause?: NodeJS.ErrnoException } | undefined)?.cause ?? {}).code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Pings the daemon; when nothing listens, starts one and waits until it answers. */
export async function ensureDaemon(client: Pingable, opts: AutostartOptions): Promise<void> {
  try {
    await client.ping();
    return;
  } catch (err) {
    if (!isNotRunning(err)) throw err;
  }
  const execRoot = dirname(opts.socketPath);
  const logPath = join(execRoot, 'cais-daemon.log');
  let exitedAt: number | undefined;
  let exitStatus = '';
  mkdirSync(execRoot, { recursive: true, mode: 0o755 });
  const log = openSync(logPath, 'a', 0o600);
  try {
    const child = spawn(process.execPath, opts.command ?? daemonCommand([]), { detached: true, stdio: ['ignore', log, log] });
    child.once('exit', (code, signal) => {
      exitedAt = Date.now();
      exitStatus = signal ?? String(code);
    });
    child.once('error', () => {
      exitedAt = Date.now();
    });
    child.unref();
  } finally {
    closeSync(log);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? defaultTimeoutMs);
  for (let wait = 10; ; wait = Math.min(wait * 2, 100)) {
    await sleep(wait);
    try {
      await client.ping();
      return;
    } catch (err) {
      if (!isNotRunning(err)) throw err;
    }
    if (exitedAt !== undefined && Date.now() - exitedAt > graceAfterExitMs) {
      throw new StatusError(`failed to start the cais daemon (exit status ${exitStatus}): see ${logPath}`);
    }
    if (Date.now() > deadline) throw new StatusError(`timed out waiting for the cais daemon to start: see ${logPath}`);
  }
}
