// Test inputs made locally (no registry is reachable here): root filesystem
// tars built in memory with tar-stream.
import { readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pack } from 'tar-stream';

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
}

const epoch = new Date(0);

/** A tar of the given entries, deterministic (fixed mtimes, owners). */
export function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : type === 'symlink' ? 0o777 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      mtime: e.mtime ?? epoch,
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
    };
    if (type === 'file') p.entry(header, e.content ?? '');
    else p.entry(header);
  }
  p.finalize();
  return streamToBuffer(p);
}

async function streamToBuffer(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

let busybox: Promise<Buffer> | undefined;

/** A busybox root filesystem from Debian's busybox-static: the binary, one symlink per applet, /etc/passwd and /etc/group. */
export function busyboxRootfs(): Promise<Buffer> {
  busybox ??= (() => {
    const binary = '/bin/busybox';
    statSync(binary); // fails clearly when busybox-static is not installed
    const applets = execFileSync(binary, ['--list-full'], { encoding: 'utf8' }).split('\n').filter((p) => p && p !== 'bin/busybox');
    const dirs = new Set(['bin/', 'sbin/', 'usr/', 'usr/bin/', 'usr/sbin/', 'etc/', 'tmp/', 'root/', 'proc/', 'sys/', 'dev/']);
    const entries: TarEntry[] = [...dirs].map((name) => ({ name, type: 'directory' as const, mode: name === 'tmp/' ? 0o1777 : 0o755 }));
    entries.push({ name: 'bin/busybox', content: readFileSync(binary), mode: 0o755 });
    for (const applet of applets) entries.push({ name: applet, type: 'symlink', linkname: '/bin/busybox' });
    entries.push({ name: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' });
    entries.push({ name: 'etc/group', content: 'root:x:0:\nnogroup:x:65534:\n' });
    return makeTar(entries);
  })();
  return busybox;
}
