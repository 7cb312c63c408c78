// Applies tar entries to a layer directory with synchronous file system
// calls (it runs in a worker thread, see unpack-worker.ts). This is the
// security boundary of image loading (DESIGN.md, "Safe unpacking"):
// - every path is normalised inside the root (entry-path.ts);
// - no symlink is ever followed: each parent directory is checked with
//   lstat (or known to be one we checked or made), files are opened with
//   O_EXCL|O_NOFOLLOW, an existing entry is removed, never written through;
// - hard links must name a regular file (or symlink) of this layer;
// - device nodes are refused (a layer is data; devices come from the
//   runtime), FIFOs are allowed;
// - OCI whiteouts become overlayfs ones, as Docker's overlay2 does.
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  futimesSync,
  lchownSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { S_IFCHR, S_IFIFO, lsetxattr, mknod } from '../../sys/index.js';
import { entryPath } from './entry-path.js';
import { TarFormatError, type TarEntry, type TarSink } from './tar-reader.js';

const createFile = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const whiteoutPrefix = '.wh.';
const aufsMetaPrefix = '.wh..wh.';
const opaqueMarker = '.wh..wh..opq';
/** errno codes that say the machine, not the archive, is at fault. */
const systemErrors = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'ENOMEM', 'EMFILE', 'ENFILE', 'EROFS']);

/** An inode's share of the layer size; hard links share one. */
interface Inode {
  size: number;
}

/** A failure of the machine (disk full, I/O error), not of the archive. */
export class LayerSystemError extends Error {}

/**
 * Extracting a copy into an existing directory (docker cp, moby's
 * archive.Untar) rather than a layer: `.wh.` names are plain files, and
 * the options of the copy API apply.
 */
export interface CopyOptions {
  /** Refuse to replace a directory with a non-directory or the reverse. */
  noOverwriteDirNonDir: boolean;
  /** Owner of every entry, instead of the archive's. */
  owner?: { uid: number; gid: number };
  /** How the root is named in messages (its path inside the container). */
  displayRoot: string;
}

export class LayerWriter implements TarSink {
  private fd = -1;
  private current: TarEntry | null = null;
  private currentPath = '';
  /** Directories (relative paths) known to be real directories of this layer. */
  private readonly dirs = new Set<string>(['']);
  /** Directory mtimes, set at the end since adding children changes them. */
  private readonly dirTimes = new Map<string, number>();
  /** Every non-directory, for the Docker-style size. */
  private readonly inodes = new Map<string, Inode>();

  /** root: an existing, empty directory (or, for a copy, an existing one). */
  constructor(
    private readonly root: string,
    private readonly copy?: CopyOptions,
  ) {}

  entry(entry: TarEntry): void {
    const owner = this.copy?.owner;
    this.current = owner === undefined ? entry : { ...entry, uid: owner.uid, gid: owner.gid };
    this.guard(() => this.apply(this.current!));
  }

  data(chunk: Buffer): void {
    if (this.fd < 0) return; // data of an entry that is not written (a whiteout)
    this.guard(() => {
      for (let off = 0; off < chunk.length; ) off += writeSync(this.fd, chunk, off, chunk.length - off);
    });
  }

  endEntry(): void {
    const entry = this.current;
    if (this.fd < 0 || entry === null) return;
    this.guard(() => {
      const fd = this.fd;
      fchownSync(fd, entry.uid, entry.gid);
      fchmodSync(fd, entry.mode); // after chown, which clears setuid/setgid
      this.setXattrs(this.currentPath, entry);
      futimesSync(fd, entry.mtime, entry.mtime);
      this.fd = -1;
      closeSync(fd);
    });
  }

  /** Sets directory times and returns the layer size (non-directories, hard links once). */
  finish(): number {
    this.guard(() => {
      for (const [rel, mtime] of this.dirTimes) utimesSync(this.abs(rel), mtime, mtime);
    });
    let size = 0;
    for (const inode of new Set(this.inodes.values())) size += inode.size;
    return size;
  }

  /** Releases the open file, if any, after a failure. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private abs(rel: string): string {
    return rel === '' ? this.root : `${this.root}/${rel}`;
  }

  /** Runs fn, naming the current entry in any error. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      const name = JSON.stringify(this.current?.name ?? '');
      if (err instanceof TarFormatError) throw new TarFormatError(`entry ${name}: ${err.message}`, { cause: err });
      const code = (err as NodeJS.ErrnoException).code ?? '';
      // Paths in messages are relative to the layer, or the container's for a copy.
      const message = this.copy
        ? String((err as Error).message).replaceAll(this.root, this.copy.displayRoot)
        : String((err as Error).message).replaceAll(`${this.root}/`, '').replaceAll(this.root, '.');
      const Class = systemErrors.has(code) ? LayerSystemError : TarFormatError;
      throw new Class(`entry ${name}: ${message}`, { cause: err });
    }
  }

  private apply(entry: TarEntry): void {
    const rel = entryPath(entry.name);
    const slash = rel.lastIndexOf('/');
    const parent = slash === -1 ? '' : rel.slice(0, slash);
    const base = rel.slice(slash + 1);
    if (base.startsWith(whiteoutPrefix) && this.copy === undefined) {
      this.whiteout(entry, rel, parent, base);
      return;
    }
    if (rel === '') {
      if (entry.type === 'directory') return; // Docker leaves the root's metadata alone
      throw new TarFormatError('cannot replace the layer root');
    }
    this.ensureDir(parent);
    const abs = this.abs(rel);
    if (this.copy?.noOverwriteDirNonDir) this.checkOverwrite(entry, abs);
    switch (entry.type) {
      case 'directory':
        this.directory(entry, rel, abs);
        return;
      case 'file':
        this.fd = this.replace(rel, () => openSync(abs, createFile, 0o600));
        this.currentPath = abs;
        this.inodes.set(rel, { size: entry.size });
        return;
      case 'symlink':
        this.replace(rel, () => symlinkSync(entry.linkname, abs));
        lchownSync(abs, entry.uid, entry.gid);
        this.setXattrs(abs, entry);
        lutimesSync(abs, entry.mtime, entry.mtime);
        this.inodes.set(rel, { size: Buffer.byteLength(entry.linkname) });
        return;
      case 'link':
        this.hardLink(entry, rel, abs);
        return;
      case 'fifo':
        this.replace(rel, () => mknod(abs, S_IFIFO | entry.mode));
        lchownSync(abs, entry.uid, entry.gid);
        chmodSync(abs, entry.mode);
        this.setXattrs(abs, entry);
        utimesSync(abs, entry.mtime, entry.mtime);
        this.inodes.set(rel, { size: 0 });
        return;
      case 'character-device':
      case 'block-device':
        throw new TarFormatError(`device nodes are not allowed in ${this.copy ? 'copies' : 'layers'}`);
    }
  }

  /** moby's NoOverwriteDirNonDir checks, with its messages. */
  private checkOverwrite(entry: TarEntry, abs: string): void {
    const existing = lstatSync(abs, { throwIfNoEntry: false });
    if (existing === undefined) return;
    const dest = this.copy!.displayRoot;
    const shown = abs.replace(this.root, dest);
    if (existing.isDirectory() && entry.type !== 'directory') {
      throw new TarFormatError(`cannot overwrite directory ${JSON.stringify(shown)} with non-directory ${JSON.stringify(dest)}`);
    }
    if (!existing.isDirectory() && entry.type === 'directory') {
      throw new TarFormatError(`cannot overwrite non-directory ${JSON.stringify(shown)} with directory ${JSON.stringify(dest)}`);
    }
  }

  private directory(entry: TarEntry, rel: string, abs: string): void {
    try {
      mkdirSync(abs, 0o700);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A directory over a directory only updates its metadata.
      if (!lstatSync(abs).isDirectory()) {
        this.remove(rel);
        mkdirSync(abs, 0o700);
      }
    }
    this.dirs.add(rel);
    lchownSync(abs, entry.uid, entry.gid);
    chmodSync(abs, entry.mode);
    this.setXattrs(abs, entry);
    this.dirTimes.set(rel, entry.mtime);
  }

  private hardLink(entry: TarEntry, rel: string, abs: string): void {
    const target = entryPath(entry.linkname);
    if (target === '' || target === rel) throw new TarFormatError(`invalid hard link target ${JSON.stringify(entry.linkname)}`);
    const slash = target.lastIndexOf('/');
    this.checkDir(slash === -1 ? '' : target.slice(0, slash), entry.linkname);
    const targetAbs = this.abs(target);
    const stats = lstatSync(targetAbs, { throwIfNoEntry: false });
    if (stats === undefined) throw new TarFormatError(`hard link target ${JSON.stringify(entry.linkname)} is not in the layer`);
    if (!stats.isFile() && !stats.isSymbolicLink()) {
      throw new TarFormatError(`hard link target ${JSON.stringify(entry.linkname)} is not a regular file`);
    }
    // link(2) does not follow a symlink target, so it cannot reach outside.
    this.replace(rel, () => linkSync(targetAbs, abs));
    this.inodes.set(rel, this.inodes.get(target) ?? { size: stats.size });
  }

  private whiteout(entry: TarEntry, rel: string, parent: string, base: string): void {
    // AUFS metadata at the top (.wh..wh.plnk, .wh..wh.aufs, ...): Docker skips it.
    if (rel.startsWith(aufsMetaPrefix)) return;
    this.ensureDir(parent);
    if (base === opaqueMarker) {
      lsetxattr(this.abs(parent), 'trusted.overlay.opaque', Buffer.from('y'));
      return;
    }
    const name = base.slice(whiteoutPrefix.length);
    if (name === '' || name === '.' || name === '..') throw new TarFormatError('invalid whiteout name');
    const hidden = parent === '' ? name : `${parent}/${name}`;
    const abs = this.abs(hidden);
    this.replace(hidden, () => mknod(abs, S_IFCHR, 0, 0));
    lchownSync(abs, entry.uid, entry.gid);
    this.inodes.set(hidden, { size: 0 });
  }

  /** Runs create; if the path exists, removes what is there and runs it again. */
  private replace<T>(rel: string, create: () => T): T {
    try {
      return create();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      this.remove(rel);
      return create();
    }
  }

  private remove(rel: string): void {
    const abs = this.abs(rel);
    if (lstatSync(abs).isDirectory()) {
      rmSync(abs, { recursive: true, force: true });
      this.forgetTree(rel);
    } else {
      unlinkSync(abs);
      this.inodes.delete(rel);
    }
  }

  /** Drops what we know of a removed directory and everything under it. */
  private forgetTree(rel: string): void {
    const prefix = `${rel}/`;
    const under = (path: string) => path === rel || path.startsWith(prefix);
    for (const dir of this.dirs) if (under(dir)) this.dirs.delete(dir);
    for (const dir of this.dirTimes.keys()) if (under(dir)) this.dirTimes.delete(dir);
    for (const path of this.inodes.keys()) if (under(path)) this.inodes.delete(path);
  }

  /** Makes sure rel is a real directory of the layer, creating missing ones (0755, root). */
  private ensureDir(rel: string): void {
    this.walkDirs(rel, (prefix, abs) => {
      mkdirSync(abs, 0o755);
      this.dirs.add(prefix);
    });
  }

  /** Like ensureDir, but for paths that must exist already. */
  private checkDir(rel: string, what: string): void {
    this.walkDirs(rel, () => {
      throw new TarFormatError(`hard link target ${JSON.stringify(what)} is not in the layer`);
    });
  }

  private walkDirs(rel: string, missing: (prefix: string, abs: string) => void): void {
    if (this.dirs.has(rel)) return;
    let prefix = '';
    for (const part of rel.split('/')) {
      prefix = prefix === '' ? part : `${prefix}/${part}`;
      if (this.dirs.has(prefix)) continue;
      const abs = this.abs(prefix);
      const stats = lstatSync(abs, { throwIfNoEntry: false });
      if (stats === undefined) {
        missing(prefix, abs);
      } else if (stats.isDirectory()) {
        this.dirs.add(prefix);
      } else {
        const kind = stats.isSymbolicLink() ? 'a symlink' : 'not a directory';
        throw new TarFormatError(`parent ${JSON.stringify(prefix)} is ${kind}`);
      }
    }
  }

  private setXattrs(abs: string, entry: TarEntry): void {
    if (entry.xattrs === null) return;
    for (const [name, value] of entry.xattrs) {
      // overlayfs markup comes only from whiteouts, never from the archive.
      if (name.startsWith('trusted.overlay.')) continue;
      lsetxattr(abs, name, value);
    }
  }
}
