// Hijacked connections (attach, exec start): after the response head the
// connection carries raw stdio both ways. Clients that ask to upgrade
// (`Connection: Upgrade`, `Upgrade: tcp`, as the docker CLI and SDKs do)
// get "101 UPGRADED" and the bare socket, as moby answers; others get a
// 200 whose body is the output stream, with the request body as stdin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';

export interface HijackedStream {
  /** What the client sends (stdin). */
  input: Readable;
  /** What the client reads. */
  output: Writable;
  /** Ends the output side (the client sees EOF). */
  end(): void;
  /** Resolves when the client goes away. */
  closed: Promise<void>;
}

export type Hijack = (contentType: string) => HijackedStream;

/** For a request that arrived as an upgrade: the raw socket, after "101 UPGRADED". */
export function upgradeHijack(socket: Socket, head: Buffer, headers: () => Record<string, string>): Hijack {
  return (contentType) => {
    const lines = Object.entries({ ...headers(), 'Content-Type': contentType, Connection: 'Upgrade', Upgrade: 'tcp' }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`HTTP/1.1 101 UPGRADED\r\n${lines.join('')}\r\n`);
    if (head.length > 0) socket.unshift(head);
    socket.setNoDelay(true);
    return {
      input: socket,
      output: socket,
      end: () => socket.end(),
      closed: new Promise((resolve) => socket.once('close', () => resolve())),
    };
  };
}

/** For a plain request: a streamed 200 with the request body as input. */
export function responseHijack(req: IncomingMessage, res: ServerResponse): Hijack {
  return (contentType) => {
    res.writeHead(200, { 'Content-Type': contentType });
    res.flushHeaders();
    return {
      input: req,
      output: res,
      end: () => res.end(),
      closed: new Promise((resolve) => res.once('close', () => resolve())),
    };
  };
}

/** Docker's 8-byte frame header: stream (0 stdin, 1 stdout, 2 stderr), three zero bytes, the payload size (big-endian). */
export function frame(stream: number, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}
