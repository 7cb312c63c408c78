// `cais build -`: stdin holds either a tar (plain or compressed), sent as
// it is, or a Dockerfile alone, sent as a tar of that one file named
// "Dockerfile", as the docker CLI's GetContextFromReader does.
import { lstat, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InvalidArgument } from '../../common/index.js';
import { tarEntries } from '../../storage/layers/tar-writer.js';

export interface StdinContext {
  tar: Readable;
  /** The `dockerfile` parameter to send: the -f given (inside the tar), or "Dockerfile" for a Dockerfile alone; '' for none. */
  dockerfile: string;
}

const magics = [
  Buffer.from([0x1f, 0x8b, 0x08]), // gzip
  Buffer.from('BZh'), // bzip2
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // zstd
];

/** Whether the first bytes are a compressed stream or a tar header with a good checksum (the docker CLI's IsArchive). */
export function isArchive(head: Buffer): boolean {
  if (magics.some((m) => head.length >= m.length && head.subarray(0, m.length).equals(m))) return true;
  if (head.length < 512) return false;
  const header = head.subarray(0, 512);
  if (header.every((b) => b === 0)) return false;
  const recorded = parseInt(header.subarray(148, 156).toString('latin1').replace(/[\0 ]+$/, '').trim(), 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (header[i] as number);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return recorded === unsigned || recorded === signed;
}

/** The first `size` bytes of the stream (fewer at its end) and the stream with them put back. */
async function peek(input: NodeJS.ReadableStream, size: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* chunks;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head: Buffer.concat(chunks).subarray(0, size), stream: Readable.from(rest(), { objectMode: false }) };
}

/** The context read from `input` for `-f file` ('' when not given, '-' for stdin, which cannot be both). */
export async function contextFromReader(input: NodeJS.ReadableStream, file: string): Promise<StdinContext> {
  const { head, stream } = await peek(input, 1024);
  if (isArchive(head)) return { tar: stream, dockerfile: file };
  if (file === '-') throw new InvalidArgument('unable to prepare context: build context is not an archive');
  if (file !== '') throw new InvalidArgument('unable to prepare context: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  // As the docker CLI does: a temporary file (0666 less the umask, the caller's owner), tarred.
  const temp = await mkdtemp(join(tmpdir(), 'cais-build-'));
  const cleanup = (): void => void rm(temp, { recursive: true, force: true });
  try {
    const path = join(temp, 'Dockerfile');
    await writeFile(path, Buffer.concat(chunks), { mode: 0o666 });
    const stats = await lstat(path, { bigint: true });
    const tar = tarEntries(Readable.from([{ path, name: 'Dockerfile', stats }]));
    tar.once('close', cleanup);
    return { tar, dockerfile: 'Dockerfile' };
  } catch (err) {
    cleanup();
    throw err;
  }
}
