// A stand-in Docker daemon for tests that compare what two CLIs ask: an
// HTTP server on a unix socket in a temporary directory, handing each
// request with its whole body (text) to the test's `answer`.
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordingServer {
  /** The temporary directory (the socket and the CLIs' config live in it). */
  dir: string;
  /** DOCKER_HOST at the server, DOCKER_CONFIG in `dir`, no context. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startRecordingServer(
  prefix: string,
  answer: (req: http.IncomingMessage, text: string, res: http.ServerResponse) => void,
): Promise<RecordingServer> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => answer(req, text, res));
  });
  const socket = join(dir, 'api.sock');
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    dir,
    env: { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: dir, DOCKER_CONTEXT: '' },
    async close() {
      server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
