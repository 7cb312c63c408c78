// Turns a layer blob into tar bytes. The compression is read from the first
// bytes, never trusted from a media type: gzip through node:zlib (in the
// libuv thread pool, so it overlaps with hashing and unpacking), zstd
// through the zstd binary (Node 20 has no zstd), anything else passes
// through as a plain tar for the tar reader to judge.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { InvalidArgument, Unavailable } from '../../common/index.js';

export type Compression = 'gzip' | 'zstd' | 'none';

const gzipMagic = Buffer.from([0x1f, 0x8b]);
const zstdMagic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
const xzMagic = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const bzip2Magic = Buffer.from('BZh');
const headSize = 6;
const maxStderr = 4096;

export function detectCompression(head: Buffer): Compression {
  if (head.subarray(0, 2).equals(gzipMagic)) return 'gzip';
  if (head.subarray(0, 4).equals(zstdMagic)) return 'zstd';
  if (head.subarray(0, 6).equals(xzMagic)) throw new InvalidArgument('xz compression is not supported (gzip and zstd are)');
  if (head.subarray(0, 3).equals(bzip2Magic)) throw new InvalidArgument('bzip2 compression is not supported (gzip and zstd are)');
  return 'none';
}

/** The uncompressed bytes of src. Errors of src itself are passed on unchanged. */
export async function* decompress(src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = src[Symbol.asyncIterator]();
  try {
    const head: Buffer[] = [];
    let headLength = 0;
    while (headLength < headSize) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      headLength += next.value.length;
    }
    const compression = detectCompression(Buffer.concat(head, headLength));
    const input = rejoin(head, iterator);
    if (compression === 'none') yield* input;
    else if (compression === 'gzip') yield* gunzip(input);
    else yield* unzstd(input);
  } finally {
    // Closes (destroys) src when we stop early.
    await iterator.return?.();
  }
}

/** The chunks already read, then the rest of the iterator. */
async function* rejoin(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Feeds input into a decoder; resolves to the input's error (if any) instead of rejecting. */
function feed(input: AsyncIterable<Buffer>, decoder: Writable): Promise<Error | undefined> {
  return pipeline(Readable.from(input, { objectMode: false }), decoder).then(
    () => undefined,
    (err: Error) => err,
  );
}

async function* gunzip(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const decoder = createGunzip({ chunkSize: 128 * 1024 });
  void feed(input, decoder); // input errors reach us through the decoder
  try {
    yield* decoder;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_')) throw new InvalidArgument(`invalid gzip stream: ${(err as Error).message}`, { cause: err });
    throw err;
  } finally {
    // Not waiting for the feeding pipeline: a stalled source must not hold up the cleanup.
    decoder.destroy();
  }
}

async function* unzstd(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const child = spawn('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.on('error', () => undefined); // reported through `spawned`; later ones (kill) do not matter
  const spawned = once(child, 'spawn').then(
    () => undefined,
    (err: NodeJS.ErrnoException) => err,
  );
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve([code, signal])),
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < maxStderr) stderr += text;
  });
  const fed = feed(input, child.stdin);
  let finished = false;
  try {
    const spawnError = await spawned;
    if (spawnError !== undefined) {
      throw spawnError.code === 'ENOENT'
        ? new Unavailable('cannot decompress a zstd layer: the zstd program is not installed', { cause: spawnError })
        : spawnError;
    }
    yield* child.stdout;
    const [code, signal] = await closed;
    const inputError = await fed;
    // A broken input stream also makes zstd fail: report the cause, not the symptom.
    if (inputError !== undefined && (inputError as NodeJS.ErrnoException).code !== 'EPIPE') throw inputError;
    if (code !== 0) {
      throw new InvalidArgument(`invalid zstd stream: ${stderr.trim() || `zstd exited with ${signal ?? `code ${code}`}`}`);
    }
    finished = true;
  } finally {
    if (!finished) {
      child.kill('SIGKILL');
      await closed;
    }
  }
}
