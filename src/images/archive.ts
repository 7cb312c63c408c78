// Reading an image archive (docker-archive or OCI layout tar, optionally
// gzip- or zstd-compressed) in one pass, as hostile input: every file is
// streamed into the content store as it arrives (a file named
// blobs/sha256/<hex> must hash to <hex>), the few metadata documents are
// kept in memory under a size limit, links are recorded and resolved later
// without ever leaving the archive's root.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { InvalidArgument, type Digest } from '../common/index.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import { maxDocumentBytes } from './image-store.js';
import { decompress } from '../storage/index.js';
import { headBytes } from './layer-blob.js';

export interface ArchiveFile {
  digest: Digest;
  size: number;
  /** The first bytes, to recognise layers and their compression. */
  head: Buffer;
}

export interface Archive {
  /** Regular files by normalised path (no leading `./` or `/`). */
  readonly files: Map<string, ArchiveFile>;
  /** The top-level metadata documents. */
  readonly documents: Map<string, Buffer>;
  /** Symbolic links (target as written) and hard links (target from the root). */
  readonly links: Map<string, { target: string; hard: boolean }>;
}

const documentNames = new Set(['manifest.json', 'index.json', 'oci-layout', 'repositories']);
const maxEntries = 100_000;
const maxLinkHops = 255;
const blobPath = /^blobs\/sha256\/([a-f0-9]{64})$/;

/** A path inside the archive, or InvalidArgument when it climbs out of it. */
export function archivePath(name: string): string {
  const normal = posix.normalize(name.replace(/^\/+/, ''));
  if (normal === '..' || normal.startsWith('../')) {
    throw new InvalidArgument(`invalid archive: "${name}" is outside of the archive root`);
  }
  return normal.replace(/\/+$/, '').replace(/^\.$/, '');
}

/** The path after following links in every component, confined to the root (FollowSymlinkInScope). */
export function resolveInArchive(archive: Archive, path: string): string {
  let pending = archivePath(path).split('/').filter((c) => c !== '' && c !== '.');
  let resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const component = pending.shift()!;
    if (component === '..') {
      resolved.pop(); // never above the root
      continue;
    }
    const candidate = [...resolved, component].join('/');
    const link = archive.links.get(candidate);
    if (link === undefined) {
      resolved.push(component);
      continue;
    }
    if (++hops > maxLinkHops) throw new InvalidArgument(`invalid archive: too many links resolving ${path}`);
    const target = link.target.split('/').filter((c) => c !== '' && c !== '.');
    if (link.hard || link.target.startsWith('/')) resolved = [];
    pending = [...target, ...pending];
  }
  return resolved.join('/');
}

/** The stored file at `path` (links followed). */
export function archiveFile(archive: Archive, path: string): ArchiveFile {
  const file = archive.files.get(resolveInArchive(archive, path));
  if (!file) throw new InvalidArgument(`invalid archive: ${path}: no such file`);
  return file;
}

/** The chunks of a stream, keeping its first bytes as they pass. */
async function* tapHead(source: AsyncIterable<Buffer>, tap: { head: Buffer }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    if (tap.head.length < headBytes) tap.head = Buffer.concat([tap.head, chunk]).subarray(0, headBytes);
    yield chunk;
  }
}

async function readDocument(entry: AsyncIterable<Buffer>, header: Header): Promise<Buffer> {
  if ((header.size ?? 0) > maxDocumentBytes) {
    throw new InvalidArgument(`invalid archive: ${header.name} is larger than ${maxDocumentBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads the whole archive. `onFile` is called as each file lands in the
 * content store (load starts extracting layers from there).
 */
export async function readArchive(
  ctx: ImageContext,
  holds: Holds,
  body: Readable,
  onFile: (path: string, file: ArchiveFile) => void,
): Promise<Archive> {
  const archive: Archive = { files: new Map(), documents: new Map(), links: new Map() };
  const tar = Readable.from(decompress(body), { objectMode: false });
  const entries = extract();
  // the archive ends where the decompressed stream ends: a truncated gzip
  // whose tar happens to look complete is refused all the same
  const streamEnd = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  streamEnd.catch(() => undefined);
  // a broken source (truncated or corrupt compression) is the real cause of
  // whatever the entry being read reports ("Stream was destroyed")
  let sourceError: Error | undefined;
  tar.on('error', (err) => {
    sourceError = err;
    entries.destroy(err);
  });
  tar.pipe(entries as unknown as NodeJS.WritableStream);
  let count = 0;
  try {
    for await (const entry of entries) {
      const header = entry.header;
      if (++count > maxEntries) throw new InvalidArgument(`invalid archive: more than ${maxEntries} entries`);
      const path = archivePath(header.name);
      if (header.type === 'file' || header.type === 'contiguous-file') {
        archive.links.delete(path);
        if (documentNames.has(path)) {
          archive.documents.set(path, await readDocument(entry as unknown as AsyncIterable<Buffer>, header));
          continue;
        }
        const named = blobPath.exec(path);
        const tap = { head: Buffer.alloc(0) };
        const info = await ctx.content.ingest(Readable.from(tapHead(entry as unknown as AsyncIterable<Buffer>, tap), { objectMode: false }), {
          ...(named ? { digest: `sha256:${named[1]}` as Digest } : {}),
          ...(header.size !== undefined ? { size: header.size } : {}),
        });
        holds.blobs.add(info.digest);
        const file = { digest: info.digest, size: info.size, head: tap.head };
        archive.files.set(path, file);
        onFile(path, file);
      } else if (header.type === 'symlink' || header.type === 'link') {
        // resolved lazily: a symlink relative to its directory (or the root when
        // absolute), a hard link from the root
        const hard = header.type === 'link';
        const linkname = header.linkname ?? '';
        archive.links.set(path, { target: hard ? archivePath(linkname) : linkname, hard });
        archive.files.delete(path);
        entry.resume();
      } else {
        entry.resume(); // directories and special files carry nothing an image needs
      }
    }
    tar.resume(); // padding after the end-of-archive blocks
    await streamEnd;
  } catch (caught) {
    body.destroy();
    const err = sourceError ?? caught;
    if (err instanceof InvalidArgument) throw err;
    throw new InvalidArgument(`invalid archive: ${(err as Error).message}`, { cause: err });
  }
  return archive;
}
