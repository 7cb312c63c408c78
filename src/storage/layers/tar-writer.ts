// Writes a directory tree as a tar stream, as moby's archive.TarWithOptions
// does: names sorted as filepath.WalkDir visits them, directories with a
// trailing '/', hard-linked files once (later names as links to the first),
// mtimes truncated to seconds, no user or group names, the
// security.capability xattr kept (in a PAX record, as bytes). Sockets are
// skipped, as Go's tar writer cannot hold them. Nothing is followed: entries
// are lstat'ed and files opened with O_NOFOLLOW, so a symlink inside the
// tree never makes the stream read a file outside it. With `whiteouts`, an
// overlayfs upper directory becomes an OCI layer: whiteout devices (0:0)
// become `.wh.<name>` files and opaque directories get `.wh..wh..opq`.
// tarEntries archives entries someone else chose (a filtered walk, such as
// a build context), with the same encoding.
import { constants, type BigIntStats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { lgetxattr } from '../../sys/index.js';

export interface TarTreeOptions {
  /** Archive name of `dir` itself; undefined leaves it out (the children are then named from ''). */
  topName?: string;
  /** Convert overlayfs whiteouts to OCI ones (committing an upper directory). */
  whiteouts?: boolean;
  /** Owner of every entry instead of the file's (moby's ChownOpts; docker build sends 0:0). */
  owner?: { uid: number; gid: number };
}

/** One entry to archive: the file on disk, its name in the archive, its lstat. */
export interface TarSource {
  path: string;
  name: string;
  stats: BigIntStats;
  /** What the entry gets instead of the file's (COPY --chmod and --chown). */
  mode?: number;
  uid?: number;
  gid?: number;
}

interface Header {
  name: string;
  type: '0' | '1' | '2' | '3' | '4' | '5' | '6' | 'x';
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  xattrs?: Map<string, Buffer>;
}

const block = 512;
const readChunk = 256 * 1024;
const opaqueName = '.wh..wh..opq';
const openFile = constants.O_RDONLY | constants.O_NOFOLLOW;

function octal(value: number, width: number): string | undefined {
  const text = value.toString(8);
  return text.length < width ? text.padStart(width - 1, '0') + '\0' : undefined;
}

/** A PAX record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length++;
  return Buffer.concat([Buffer.from(String(length)), body]);
}

function padding(size: number): Buffer {
  return Buffer.alloc((block - (size % block)) % block);
}

function ustar(h: Header, name: string, linkname: string, size: number, uid: number, gid: number): Buffer {
  const b = Buffer.alloc(block);
  b.write(name, 0, 100);
  b.write(octal(h.mode, 8)!, 100, 'latin1');
  b.write(octal(uid, 8)!, 108, 'latin1');
  b.write(octal(gid, 8)!, 116, 'latin1');
  b.write(octal(size, 12)!, 124, 'latin1');
  b.write(octal(h.mtime, 12)!, 136, 'latin1');
  b.write(h.type, 156, 'latin1');
  b.write(linkname, 157, 100);
  b.write('ustar\x0000', 257, 'latin1');
  b.write(octal(h.devmajor ?? 0, 8) ?? '', 329, 'latin1');
  b.write(octal(h.devminor ?? 0, 8) ?? '', 337, 'latin1');
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(octal(sum, 7)!, 148, 'latin1');
  return b;
}

/** The header blocks of one entry: a PAX header first when a field does not fit ustar. */
export function encodeHeader(h: Header): Buffer {
  const records: Buffer[] = [];
  const fits = (text: string): boolean => Buffer.byteLength(text) <= 100;
  let { name } = h;
  let linkname = h.linkname ?? '';
  if (!fits(name)) {
    records.push(paxRecord('path', Buffer.from(name)));
    name = Buffer.from(name).subarray(0, 100).toString('latin1');
  }
  if (!fits(linkname)) {
    records.push(paxRecord('linkpath', Buffer.from(linkname)));
    linkname = '';
  }
  const numbers = { size: [h.size, 12], uid: [h.uid, 8], gid: [h.gid, 8] } as const;
  const value = (key: keyof typeof numbers): number => {
    const [n, width] = numbers[key];
    if (octal(n, width) !== undefined) return n;
    records.push(paxRecord(key, Buffer.from(String(n))));
    return 0;
  };
  const size = value('size');
  const uid = value('uid');
  const gid = value('gid');
  for (const [key, data] of h.xattrs ?? []) records.push(paxRecord(`SCHILY.xattr.${key}`, data));
  const header = ustar(h, name, linkname, size, uid, gid);
  if (records.length === 0) return header;
  const pax = Buffer.concat(records);
  const paxHeader = ustar({ ...h, type: 'x', mode: 0o644 }, 'PaxHeaders.0/entry', '', pax.length, 0, 0);
  return Buffer.concat([paxHeader, pax, padding(pax.length), header]);
}

function typeOf(st: BigIntStats): Header['type'] | undefined {
  if (st.isFile()) return '0';
  if (st.isDirectory()) return '5';
  if (st.isSymbolicLink()) return '2';
  if (st.isCharacterDevice()) return '3';
  if (st.isBlockDevice()) return '4';
  if (st.isFIFO()) return '6';
  return undefined; // a socket
}

function capability(path: string): Map<string, Buffer> | undefined {
  try {
    const value = lgetxattr(path, 'security.capability');
    return value === null ? undefined : new Map([['security.capability', value]]);
  } catch {
    return undefined; // no xattr support on this file system
  }
}

function isOpaque(path: string): boolean {
  try {
    return lgetxattr(path, 'trusted.overlay.opaque')?.toString() === 'y';
  } catch {
    return false;
  }
}

/** A file's bytes, exactly `size` of them: a file that shrank while read is padded, one that grew is cut. */
async function* fileData(path: string, size: number): AsyncGenerator<Buffer> {
  let handle;
  try {
    handle = await open(path, openFile);
  } catch {
    handle = undefined; // gone, or replaced by a symlink, since the lstat
  }
  let left = size;
  try {
    while (left > 0 && handle !== undefined) {
      const buf = Buffer.allocUnsafe(Math.min(readChunk, left));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      left -= bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle?.close();
  }
  if (left > 0) yield Buffer.alloc(left);
  yield padding(size);
}

class TarEncoder {
  /** First archive name of each hard-linked inode. */
  private readonly links = new Map<string, string>();

  constructor(private readonly opts: TarTreeOptions) {}

  async *entry({ path, name, stats: st, ...given }: TarSource): AsyncGenerator<Buffer> {
    const type = typeOf(st);
    if (type === undefined) return;
    const base = {
      mode: type === '2' ? Number(st.mode & 0o7777n) : (given.mode ?? Number(st.mode & 0o7777n)),
      uid: given.uid ?? this.opts.owner?.uid ?? Number(st.uid),
      gid: given.gid ?? this.opts.owner?.gid ?? Number(st.gid),
      mtime: Math.max(0, Number(st.mtimeMs / 1000n)),
    };
    if (type === '3' && st.rdev === 0n && this.opts.whiteouts) {
      const slash = name.lastIndexOf('/');
      yield encodeHeader({ ...base, name: `${name.slice(0, slash + 1)}.wh.${name.slice(slash + 1)}`, type: '0', mode: 0o600, size: 0 });
      return;
    }
    if (type === '5') {
      yield encodeHeader({ ...base, name: name.endsWith('/') ? name : `${name}/`, type, size: 0, xattrs: capability(path) });
      if (this.opts.whiteouts && isOpaque(path)) {
        yield encodeHeader({ ...base, name: `${name.replace(/\/$/, '')}/${opaqueName}`, type: '0', mode: base.mode & 0o777, size: 0 });
      }
      return;
    }
    if (st.nlink > 1n) {
      const key = `${st.dev}:${st.ino}`;
      const first = this.links.get(key);
      if (first !== undefined) {
        yield encodeHeader({ ...base, name, type: '1', size: 0, linkname: first });
        return;
      }
      this.links.set(key, name);
    }
    const rdev = Number(st.rdev);
    const header: Header = {
      ...base,
      name,
      type,
      size: type === '0' ? Number(st.size) : 0,
      linkname: type === '2' ? await readlink(path) : undefined,
      devmajor: type === '3' || type === '4' ? (rdev >>> 8) & 0xfff : undefined,
      devminor: type === '3' || type === '4' ? (rdev & 0xff) | ((rdev >> 12) & 0xfff00) : undefined,
      xattrs: capability(path),
    };
    yield encodeHeader(header);
    if (type === '0') yield* fileData(path, header.size);
  }
}

/** The children of a directory, depth first, in byte order of their names. */
async function* children(dir: string, prefix: string): AsyncGenerator<TarSource> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return; // removed meanwhile, as moby logs and goes on
  }
  for (const child of names) {
    const path = join(dir, child);
    const stats = await lstat(path, { bigint: true }).catch(() => undefined);
    if (stats === undefined) continue;
    const name = `${prefix}${child}`;
    yield { path, name, stats };
    if (stats.isDirectory()) yield* children(path, `${name}/`);
  }
}

/** The entries of `path` and its tree (`path` itself named topName; left out when undefined, its children then named from ''). */
export async function* treeEntries(path: string, topName: string | undefined): AsyncGenerator<TarSource> {
  const stats = await lstat(path, { bigint: true });
  if (topName !== undefined) yield { path, name: topName, stats };
  if (stats.isDirectory()) yield* children(path, topName === undefined ? '' : `${topName.replace(/\/$/, '')}/`);
}

/** The tar of the given entries, in their order, as a byte stream. */
export function tarEntries(entries: Iterable<TarSource> | AsyncIterable<TarSource>, opts: Omit<TarTreeOptions, 'topName'> = {}): Readable {
  const encoder = new TarEncoder(opts);
  async function* generate(): AsyncGenerator<Buffer> {
    for await (const source of entries) yield* encoder.entry(source);
    yield Buffer.alloc(2 * block);
  }
  return Readable.from(generate(), { objectMode: false, highWaterMark: readChunk });
}

/** The tar of `path` (a directory's tree, or one entry) as a byte stream. */
export function tarTree(path: string, opts: TarTreeOptions = {}): Readable {
  return tarEntries(treeEntries(path, opts.topName), opts);
}
