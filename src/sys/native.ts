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
}

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
