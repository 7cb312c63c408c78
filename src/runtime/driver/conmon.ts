// Starting conmon. conmon forks twice and its first process exits at once,
// so the monitor is not our child and outlives the daemon; we talk to it
// through pipes given as extra fds: the sync pipe (fd 3, the container's
// pid or the runtime's error, then an exec's exit code), the start pipe
// (fd 4, conmon waits for a write before starting) and the attach pipe
// (fd 5, exec sessions: "attach socket ready").
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { Internal } from '../../common/index.js';
import { SyncReader, type SyncMessage } from './sync-pipe.js';

export interface ConmonHandle {
  sync: SyncReader;
  /** Write one byte to let conmon go on (only with `startPipe`). */
  start: Writable | undefined;
  attach: SyncReader | undefined;
  /** conmon's own stderr before it detaches, for error messages. */
  stderr(): string;
  /** Closes our ends of the pipes. */
  close(): void;
}

const maxStderr = 16 * 1024;

// Variables that would make the runtime or the container talk to systemd
// or inherit sockets meant for the daemon.
const droppedEnv = ['NOTIFY_SOCKET', 'LISTEN_PID', 'LISTEN_FDS', 'LISTEN_FDNAMES'];

export function spawnConmon(conmon: string, args: string[], pipes: { start?: boolean; attach?: boolean } = {}): ConmonHandle {
  const env: NodeJS.ProcessEnv = { ...process.env, _OCI_SYNCPIPE: '3' };
  for (const name of droppedEnv) delete env[name];
  if (pipes.start) env._OCI_STARTPIPE = '4';
  if (pipes.attach) env._OCI_ATTACHPIPE = '5';
  const child = spawn(conmon, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', pipes.attach ? 'pipe' : 'ignore'],
    env,
    detached: true,
  });
  child.unref();
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < maxStderr) stderr += chunk;
  });
  const stdio = child.stdio as unknown as (NodeJS.ReadWriteStream & Writable & { unref?(): void })[];
  const sync = new SyncReader(stdio[3]! as never);
  const start = pipes.start ? stdio[4] : undefined;
  if (!pipes.start) stdio[4]!.destroy();
  const attach = pipes.attach ? new SyncReader(stdio[5]! as never) : undefined;
  // A failed spawn shows as a closed sync pipe; stderr() then names why.
  let spawnError = '';
  child.on('error', (err) => (spawnError = err.message));
  return {
    sync,
    start,
    attach,
    stderr: () => (spawnError || stderr).trim(),
    close: () => {
      sync.close();
      start?.destroy();
      attach?.close();
      child.stderr!.destroy();
    },
  };
}

/** The next message, or an error naming what conmon printed if the pipe closed first. */
export async function expectMessage(conmon: ConmonHandle, reader: SyncReader, what: string, timeoutMs: number): Promise<SyncMessage> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Internal(`conmon: no ${what} after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const message = await Promise.race([reader.next(), timeout]);
    if (message === undefined) {
      // Let stderr drain: the pipe can close before the error text arrives.
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Internal(`conmon exited before reporting the ${what}: ${conmon.stderr() || 'no message'}`);
    }
    return message;
  } finally {
    clearTimeout(timer);
  }
}
