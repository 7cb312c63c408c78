// The API's unix socket: clear a stale socket file left by a daemon that
// died, but never take over one that another daemon still answers on.
import { lstat, rm } from 'node:fs/promises';
import net from 'node:net';
import { FailedPrecondition } from '../common/index.js';

export async function clearStaleSocket(path: string): Promise<void> {
  let stat;
  try {
    stat = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!stat.isSocket()) throw new FailedPrecondition(`cannot listen on unix://${path}: the path exists and is not a socket`);
  if (await answers(path)) {
    throw new FailedPrecondition(`cannot listen on unix://${path}: another daemon is running on this socket`);
  }
  await rm(path, { force: true });
}

/** Whether something accepts connections on the socket. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(false);
      else reject(err);
    });
  });
}
