// Loads the native addon built from native/ (cais_native.node) and gives
// its functions types. The addon is found three folders above this file
// (dist/src/sys/ -> repo root), so it works from any build output folder.
// It is loaded on first use, so code that never needs it runs without it.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Unavailable } from '../common/index.js';

interface Addon {
  mknod(path: string, mode: number, major: number, minor: number): void;
  lsetxattr(path: string, name: string, value: Buffer, flags: number): void;
  lgetxattr(path: string, name: string): Buffer | null;
  llistxattr(path: string): string[];
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void;
  umount2(target: string, flags: number): void;
  fsMount(fstype: string, config: readonly (readonly [string, string | null])[], target: string, attrFlags: number): void;
  seqpacketConnect(path: string): number;
  recv(fd: number, buffer: Buffer): number;
  send(fd: number, buffer: Buffer): number;
  shutdown(fd: number, how: number): void;
  fdWatch(fd: number, callback: (err: string | null, events: number) => void): FdWatcher;
  fdWatchStart(watcher: FdWatcher, events: number): void;
  fdWatchClose(watcher: FdWatcher): void;
}

/** An opaque libuv poll handle made by fdWatch. */
export type FdWatcher = { readonly __brand: 'FdWatcher' };

const addonPath = fileURLToPath(new URL('../../../native/build/Release/cais_native.node', import.meta.url));
let addon: Addon | undefined;

function native(): Addon {
  if (addon === undefined) {
    try {
      addon = createRequire(import.meta.url)(addonPath) as Addon;
    } catch (err) {
      throw new Unavailable(`cannot load the native addon ${addonPath} (build it with "npm run build")`, {
        cause: err,
      });
    }
  }
  return addon;
}

// Each function throws an Error whose `code` is the errno name ("EPERM",
// "ENOENT", ...) and which carries `syscall` and `path`, like Node's fs.

/** mknod(2); `mode` includes the file type (S_IFCHR, S_IFIFO, ...). */
export function mknod(path: string, mode: number, major = 0, minor = 0): void {
  native().mknod(path, mode, major, minor);
}

/** lsetxattr(2): sets an extended attribute without following a final symlink. */
export function lsetxattr(path: string, name: string, value: Buffer, flags = 0): void {
  native().lsetxattr(path, name, value, flags);
}

/** lgetxattr(2): the attribute's value, or null when it is not set. */
export function lgetxattr(path: string, name: string): Buffer | null {
  return native().lgetxattr(path, name);
}

/** llistxattr(2): the names of the attributes set on path (not following a final symlink). */
export function llistxattr(path: string): string[] {
  return native().llistxattr(path);
}

/** mount(2). `data` is limited by the kernel to one page. */
export function mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null = null): void {
  native().mount(source, target, fstype, flags, data);
}

/** umount2(2). */
export function umount2(target: string, flags = 0): void {
  native().umount2(target, flags);
}

/**
 * Mounts a new filesystem with the new mount API (fsopen, fsconfig, fsmount,
 * move_mount): each [key, value] is one fsconfig call (a null value sets a
 * flag), so options are not limited to one page as with mount(2). The
 * kernel's own error text is appended to the message on failure.
 */
export function fsMount(
  fstype: string,
  config: readonly (readonly [string, string | null])[],
  target: string,
  attrFlags = 0,
): void {
  native().fsMount(fstype, config, target, attrFlags);
}

/**
 * A non-blocking, close-on-exec AF_UNIX SOCK_SEQPACKET socket connected to
 * `path` (Node's net module opens only SOCK_STREAM). Close it with
 * fs.closeSync. SeqpacketSocket (seqpacket.ts) wraps it for event-driven use.
 */
export function seqpacketConnect(path: string): number {
  return native().seqpacketConnect(path);
}

/** recv(2) without blocking: bytes read (one message on SEQPACKET), 0 at end of stream, -1 when nothing is queued. */
export function recv(fd: number, buffer: Buffer): number {
  return native().recv(fd, buffer);
}

/** send(2) without blocking or SIGPIPE: bytes sent, -1 when the socket is full. */
export function send(fd: number, buffer: Buffer): number {
  return native().send(fd, buffer);
}

/** shutdown(2); `how` is SHUT_RD, SHUT_WR or SHUT_RDWR. */
export function shutdown(fd: number, how: number): void {
  native().shutdown(fd, how);
}

/**
 * A libuv poll watcher on `fd` (uv_poll), stopped until fdWatchStart. The
 * callback runs on the event loop with a libuv error name or null, and the
 * ready events (UV_READABLE, UV_WRITABLE). Release it with fdWatchClose
 * before closing the fd.
 */
export function fdWatch(fd: number, callback: (err: string | null, events: number) => void): FdWatcher {
  return native().fdWatch(fd, callback);
}

/** Sets the events watched (a mask of UV_READABLE and UV_WRITABLE); 0 stops. */
export function fdWatchStart(watcher: FdWatcher, events: number): void {
  native().fdWatchStart(watcher, events);
}

/** Stops and frees the watcher (the fd stays open). */
export function fdWatchClose(watcher: FdWatcher): void {
  native().fdWatchClose(watcher);
}
