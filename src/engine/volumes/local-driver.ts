// The local driver's rules (moby volume/local): which names make a safe
// directory name, which options it takes (type, device, o, size) and how
// `o` becomes mount(2) flags and data (moby/sys/mount parseOptions).
import { InvalidArgument } from '../../common/index.js';
import {
  MS_BIND,
  MS_DIRSYNC,
  MS_MANDLOCK,
  MS_NOATIME,
  MS_NODEV,
  MS_NODIRATIME,
  MS_NOEXEC,
  MS_NOSUID,
  MS_RDONLY,
  MS_REC,
  MS_RELATIME,
  MS_REMOUNT,
  MS_STRICTATIME,
  MS_SYNCHRONOUS,
} from '../../sys/index.js';

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Root.validateName, with moby's messages (the caller adds "create NAME: "). */
export function validateName(name: string): void {
  if (name.length === 1) throw new InvalidArgument('volume name is too short, names should be at least two alphanumeric characters');
  if (!namePattern.test(name)) {
    throw new InvalidArgument(
      `${JSON.stringify(name)} includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
}

const validOptions = ['type', 'o', 'device', 'size'];
const requiredWith: Record<string, string[]> = { device: ['type'], type: ['device'], o: ['device', 'type'] };

/** Root.validateOpts. Quotas need project quotas on the data root, which cais does not set up. */
export function validateOptions(opts: Record<string, string>): void {
  for (const key of Object.keys(opts)) {
    if (!validOptions.includes(key)) throw new InvalidArgument(`invalid option: ${JSON.stringify(key)}`);
  }
  const size = opts.size;
  if (size !== undefined) {
    const m = /^(\d+(?:\.\d+)?) ?([kmgtpKMGTP]?)(i?)[bB]?$/.exec(size);
    if (!m) throw new InvalidArgument(`invalid size: '${size}'`);
    if (Number(m[1]) > 0) throw new InvalidArgument('quota size requested but no quota support');
  }
  for (const [key, required] of Object.entries(requiredWith)) {
    if (!(key in opts)) continue;
    for (const r of required) if (!(r in opts)) throw new InvalidArgument(`missing required option: ${JSON.stringify(r)}`);
  }
}

/** A volume with a device or type is a mount made when a container uses it. */
export function needsMount(opts: Record<string, string>): boolean {
  return (opts.device ?? '') !== '' || (opts.type ?? '') !== '';
}

const flagWords: Record<string, { clear: boolean; flag: number }> = {
  defaults: { clear: false, flag: 0 },
  ro: { clear: false, flag: MS_RDONLY },
  rw: { clear: true, flag: MS_RDONLY },
  suid: { clear: true, flag: MS_NOSUID },
  nosuid: { clear: false, flag: MS_NOSUID },
  dev: { clear: true, flag: MS_NODEV },
  nodev: { clear: false, flag: MS_NODEV },
  exec: { clear: true, flag: MS_NOEXEC },
  noexec: { clear: false, flag: MS_NOEXEC },
  sync: { clear: false, flag: MS_SYNCHRONOUS },
  async: { clear: true, flag: MS_SYNCHRONOUS },
  dirsync: { clear: false, flag: MS_DIRSYNC },
  remount: { clear: false, flag: MS_REMOUNT },
  mand: { clear: false, flag: MS_MANDLOCK },
  nomand: { clear: true, flag: MS_MANDLOCK },
  atime: { clear: true, flag: MS_NOATIME },
  noatime: { clear: false, flag: MS_NOATIME },
  diratime: { clear: true, flag: MS_NODIRATIME },
  nodiratime: { clear: false, flag: MS_NODIRATIME },
  bind: { clear: false, flag: MS_BIND },
  rbind: { clear: false, flag: MS_BIND | MS_REC },
  relatime: { clear: false, flag: MS_RELATIME },
  norelatime: { clear: true, flag: MS_RELATIME },
  strictatime: { clear: false, flag: MS_STRICTATIME },
  nostrictatime: { clear: true, flag: MS_STRICTATIME },
};

/** The mount(2) flags the words of `o` stand for, and the rest as the filesystem's data string. */
export function mountFlags(o: string): { flags: number; data: string } {
  let flags = 0;
  const data: string[] = [];
  for (const word of o.split(',')) {
    if (word === '') continue;
    const known = Object.hasOwn(flagWords, word) ? flagWords[word] : undefined;
    if (!known) data.push(word);
    else if (known.clear) flags &= ~known.flag;
    else flags |= known.flag;
  }
  return { flags, data: data.join(',') };
}
