// A container's output for clients (moby router/container): attach
// (hijacked, stdin too) and logs. Without a TTY, stdout and stderr travel
// in Docker's 8-byte frames; with one, raw.
import type { Readable, Writable } from 'node:stream';
import { InvalidArgument } from '../../common/index.js';
import type { OutputChunk } from '../../engine/index.js';
import { frame, type HijackedStream } from '../hijack.js';
import { sendError } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';
import { versionLess } from '../version.js';

const rawStream = 'application/vnd.docker.raw-stream';
const multiplexedStream = 'application/vnd.docker.multiplexed-stream';

/** The content type a hijacked stream is announced with (raw to clients older than 1.42, whatever it carries). */
export function contentType(tty: boolean, version: string): string {
  return tty || versionLess(version, '1.42') ? rawStream : multiplexedStream;
}

/**
 * Relays streams over a hijacked connection: output framed without a TTY,
 * raw with one; the client's input to stdin (its half-close ends stdin),
 * or discarded; the streams are let go when the client goes.
 */
export function relayStreams(conn: HijackedStream, streams: { tty: boolean; output: Readable; stdin: Writable | undefined; close(): void }): void {
  const { output, input } = conn;
  streams.output.on('data', (chunk: OutputChunk) => {
    if (!output.write(streams.tty ? chunk.data : frame(chunk.stream, chunk.data))) {
      streams.output.pause();
      output.once('drain', () => streams.output.resume());
    }
  });
  streams.output.once('end', () => conn.end());
  if (streams.stdin) input.pipe(streams.stdin);
  else input.resume();
  void conn.closed.then(() => streams.close());
}

/** Docker's since/until: seconds since the epoch with an optional fraction ("1700000000.5"). */
function timeParam(text: string, name: string): number | undefined {
  if (text === '') return undefined;
  if (!/^[0-9]{1,12}(\.[0-9]{1,9})?$/.test(text)) throw new InvalidArgument(`invalid value for ${name}: ${JSON.stringify(text)}`);
  return Number(text);
}

/** RFC3339Nano in UTC with trailing zeros of the fraction dropped, as Go formats log timestamps. */
function logTimestamp(ns: bigint): string {
  const seconds = new Date(Number(ns / 1_000_000_000n) * 1000).toISOString().slice(0, 19);
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${seconds}${fraction === '' ? '' : `.${fraction}`}Z`;
}

export function registerContainerStreamRoutes(router: Router, engine: ServedEngine): void {
  const containers = engine.containers;

  router.add(
    'POST',
    '/containers/{id}/attach',
    async ({ req, res, params, query, version, hijack }) => {
      const attached = await containers.attach(params.id ?? '', {
        stdin: query.bool('stdin'),
        stdout: query.bool('stdout'),
        stderr: query.bool('stderr'),
        stream: query.bool('stream'),
        logs: query.bool('logs'),
      });
      let conn;
      try {
        conn = hijack(contentType(attached.tty, version));
      } catch (err) {
        attached.close();
        sendError(res, err);
        return;
      }
      relayStreams(conn, attached);
      req.once('error', () => attached.close());
    },
    { hijacks: true },
  );

  router.get('/containers/{id}/logs', async ({ res, params, query }) => {
    const stdout = query.bool('stdout');
    const stderr = query.bool('stderr');
    if (!stdout && !stderr) throw new InvalidArgument('Bad parameters: you must choose at least one stream');
    const tailText = query.get('tail');
    const tail = tailText === '' || tailText === 'all' ? undefined : Number.parseInt(tailText, 10);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const since = timeParam(query.get('since'), 'since');
    const until = timeParam(query.get('until'), 'until');
    const { tty, entries } = containers.logs(params.id ?? '', {
      follow: query.bool('follow'),
      stdout,
      stderr,
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
      ...(tail !== undefined && !Number.isNaN(tail) && tail >= 0 ? { tail } : {}),
      signal: gone.signal,
    });
    const timestamps = query.bool('timestamps');
    res.writeHead(200, { 'Content-Type': tty ? rawStream : multiplexedStream });
    res.flushHeaders();
    for await (const entry of entries) {
      const text = entry.partial ? entry.text : Buffer.concat([entry.text, Buffer.from('\n')]);
      const data = timestamps ? Buffer.concat([Buffer.from(`${logTimestamp(entry.time)} `), text]) : text;
      const ok = res.write(tty ? data : frame(entry.stream === 'stdout' ? 1 : 2, data));
      if (!ok) await new Promise((resolve) => res.once('drain', resolve));
      if (gone.signal.aborted) break;
    }
    res.end();
  });
}
