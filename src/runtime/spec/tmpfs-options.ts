// tmpfs mount options merged as Docker merges them (moby/sys mount
// MergeTmpfsOptions): later options win; a flag and its opposite (exec /
// noexec) are one option; there is one propagation mode; data options are
// limited to what tmpfs takes.
import { InvalidArgument } from '../../common/index.js';

// Each flag name and its opposite share a key.
const flagKeys: Record<string, string> = {
  ro: 'rdonly',
  rw: 'rdonly',
  suid: 'nosuid',
  nosuid: 'nosuid',
  dev: 'nodev',
  nodev: 'nodev',
  exec: 'noexec',
  noexec: 'noexec',
  sync: 'sync',
  async: 'sync',
  dirsync: 'dirsync',
  remount: 'remount',
  mand: 'mand',
  nomand: 'mand',
  atime: 'noatime',
  noatime: 'noatime',
  diratime: 'nodiratime',
  nodiratime: 'nodiratime',
  relatime: 'relatime',
  norelatime: 'relatime',
  strictatime: 'strictatime',
  nostrictatime: 'strictatime',
  bind: 'propagation',
  rbind: 'propagation',
  unbindable: 'propagation',
  runbindable: 'propagation',
  private: 'propagation',
  rprivate: 'propagation',
  shared: 'propagation',
  rshared: 'propagation',
  slave: 'propagation',
  rslave: 'propagation',
};

const dataKeys = new Set(['', 'size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

export function mergeTmpfsOptions(options: readonly string[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (let i = options.length - 1; i >= 0; i--) {
    const option = options[i]!;
    if (option === 'defaults') continue;
    const flag = flagKeys[option];
    let key: string;
    if (flag) {
      key = `flag:${flag}`;
    } else {
      const eq = option.indexOf('=');
      const name = eq < 0 ? undefined : option.slice(0, eq);
      if (name === undefined || !dataKeys.has(name)) {
        // Go's %q of the split option: ["foo"] or ["key" "value"].
        const parts = eq < 0 ? [option] : [name, option.slice(eq + 1)];
        throw new InvalidArgument(`Invalid tmpfs option [${parts.map((p) => JSON.stringify(p)).join(' ')}]`);
      }
      key = `data:${name}`;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    merged.unshift(option);
  }
  return merged;
}
