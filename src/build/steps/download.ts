// ADD's remote sources: an http(s) URL is fetched (each build: its digest is
// the cache key's input, as the classic builder checks content), kept 0600
// with the Last-Modified time as its mtime, and named by the URL path's
// last component. Git URLs are refused: cais has no git source yet.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, utimes } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgument, errorMessage } from '../../common/index.js';
import { maxLayerBytes } from '../../storage/index.js';
import type { StepContext } from './step.js';

export interface Download {
  url: string;
  /** The file, in a temporary directory of the build. */
  path: string;
  /** Its name at the destination. */
  name: string;
  digest: string;
}

const gitSource = /^(git@|git:\/\/|[^\s]+\.git(#.*)?$)/;

export function isRemoteSource(source: string): boolean {
  return /^https?:\/\//.test(source) || gitSource.test(source);
}

/** Docker's name for a download: the URL path's base name, or an error when there is none. */
function downloadName(url: URL): string {
  const name = posix.basename(url.pathname);
  if (name === '' || name === '/' || name === '.') {
    throw new InvalidArgument(`cannot determine filename from url: ${url.href}`);
  }
  return decodeURIComponent(name);
}

export async function downloadSource(ctx: StepContext, source: string): Promise<Download> {
  if (!/^https?:\/\//.test(source)) throw new InvalidArgument(`ADD of git repositories is not supported by cais yet: ${source}`);
  const url = new URL(source);
  const name = downloadName(url);
  let response: Response;
  try {
    response = await fetch(url, { signal: ctx.signal, redirect: 'follow' });
  } catch (err) {
    throw new InvalidArgument(`failed to download ${source}: ${errorMessage(err)}`, { cause: err });
  }
  if (!response.ok || response.body === null) {
    throw new InvalidArgument(`failed to GET ${source} with status ${response.status} ${response.statusText}`.trimEnd());
  }
  const path = posix.join(await ctx.tempDir(), 'download');
  const hash = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxLayerBytes) return done(new InvalidArgument(`failed to download ${source}: larger than ${maxLayerBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), count, createWriteStream(path, { mode: 0o600 }));
  await chmod(path, 0o600);
  const modified = Date.parse(response.headers.get('last-modified') ?? '');
  if (Number.isFinite(modified)) await utimes(path, modified / 1000, modified / 1000);
  return { url: source, path, name, digest: `sha256:${hash.digest('hex')}` };
}
