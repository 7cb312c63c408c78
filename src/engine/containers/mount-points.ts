// A create request's mounts resolved as moby resolves them
// (daemon/volumes.go registerMountPoints, daemon/create.go's anonymous
// volumes for Config.Volumes, volume/mounts/linux_parser.go), with its
// messages: HostConfig.Binds (-v), then HostConfig.Mounts (--mount), then
// HostConfig.Tmpfs (--tmpfs), then the image's and the request's
// Config.Volumes not already mounted, which become anonymous volumes. Pure
// but for the check that a --mount bind source exists, passed in.
import { posix } from 'node:path';
import { InvalidArgument } from '../../common/index.js';
import type { HostConfig, MountSetting } from '../../spec/docker/index.js';

/** One mount of the container, in the shape of inspect's Mounts entries, with what creating and mounting it needs. */
export interface ResolvedMount {
  Type: 'bind' | 'volume' | 'tmpfs' | 'image';
  /** A volume's name; '' for an anonymous volume still to be created. */
  Name: string;
  /** A bind's host path; '' otherwise (a volume's is its mountpoint, known once it exists). */
  Source: string;
  Destination: string;
  /** A volume's driver ('local' when none was asked for); '' otherwise. */
  Driver: string;
  /** The options of a -v spec as given ("ro", "z", "rw,nocopy"...); '' otherwise. */
  Mode: string;
  RW: boolean;
  /** A bind's propagation (rprivate unless asked); '' otherwise. */
  Propagation: string;
  /** Where it came from: inspect's Mounts lists all but 'tmpfs' (HostConfig.Tmpfs) ones. */
  Origin: 'binds' | 'mounts' | 'tmpfs' | 'volumes';
  /** A volume's first use copies the image's content at the destination into it (not with nocopy). */
  CopyData: boolean;
  /** SELinux relabelling asked by a -v "z" (shared) or "Z" (private). */
  Relabel: '' | 'z' | 'Z';
  /** A -v bind whose host path is missing gets it created as a directory (a --mount bind's must exist). */
  CreateSource: boolean;
  /** A volume: the sub-directory to mount, the labels and driver options to create it with. */
  Subpath: string;
  VolumeLabels: Record<string, string>;
  DriverOptions: Record<string, string>;
  /** bind: --mount's bind-recursive settings. */
  NonRecursive: boolean;
  ReadOnlyNonRecursive: boolean;
  ReadOnlyForceRecursive: boolean;
  /** tmpfs: the mount data ("size=64m,mode=1777", with "ro" when read-only). */
  TmpfsData: string;
}

/** Whether a host path exists (a --mount bind source must). */
export type PathExists = (path: string) => boolean;

const propagations = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const consistencies = new Set(['consistent', 'cached', 'delegated']);
// moby's tmpfs data keys and the mount flags its ParseTmpfsOptions takes out first.
const tmpfsDataKeys = new Set(['size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);
const mountFlags = new Set([
  'defaults', 'ro', 'rw', 'suid', 'nosuid', 'dev', 'nodev', 'exec', 'noexec', 'sync', 'async', 'dirsync', 'remount', 'mand', 'nomand',
  'atime', 'noatime', 'diratime', 'nodiratime', 'bind', 'rbind', 'unbindable', 'runbindable', 'private', 'rprivate', 'shared', 'rshared',
  'slave', 'rslave', 'relatime', 'norelatime', 'strictatime', 'nostrictatime',
]);

/** Go's path.Clean. */
function clean(p: string): string {
  if (p === '') return '.';
  const out = posix.normalize(p);
  return out.length > 1 && out.endsWith('/') ? out.slice(0, -1) : out;
}

/** linuxValidMountMode: comma-separated options, at most one of each kind. */
function validMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = new Map<string, number>();
  for (const o of mode.split(',')) {
    const kind =
      o === 'rw' || o === 'ro'
        ? 'rw'
        : o === 'z' || o === 'Z'
          ? 'label'
          : propagations.has(o)
            ? 'propagation'
            : o === 'nocopy'
              ? 'copy'
              : consistencies.has(o)
                ? 'consistency'
                : undefined;
    if (!kind) return false;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts.values()].every((n) => n === 1);
}

class MountConfigError extends InvalidArgument {
  constructor(type: string, reason: string) {
    super(`invalid mount config for type ${JSON.stringify(type)}: ${reason}`);
  }
}

/** linuxParser.ConvertTmpfsOptions: the mount data of a --mount tmpfs. */
function tmpfsData(options: MountSetting['TmpfsOptions'], readOnly: boolean): string {
  const raw: string[] = readOnly ? ['ro'] : [];
  if (options?.Mode) raw.push(`mode=${options.Mode.toString(8)}`);
  if (options?.SizeBytes) {
    const size = options.SizeBytes;
    const unit = ([['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const).find(([, d]) => size % d === 0);
    raw.push(unit ? `size=${size / unit[1]}${unit[0]}` : `size=${size}`);
  }
  for (const option of options?.Options ?? []) raw.push(option.join('='));
  return raw.join(',');
}

/** linuxParser.validateMountConfigImpl: a --mount entry (or a parsed -v spec, without the source check). */
function validateMount(m: MountSetting, exists: PathExists | undefined): void {
  const fail = (reason: string): never => {
    throw new MountConfigError(m.Type, reason);
  };
  const target = m.Target ?? '';
  if (target === '') fail('field Target must not be empty');
  if (clean(target.replaceAll('\\', '/')) === '/') fail("invalid specification: destination can't be '/'");
  if (!target.startsWith('/')) fail(`invalid mount path: '${target}' mount path must be absolute`);
  const source = m.Source ?? '';
  switch (m.Type) {
    case 'bind': {
      if (source === '') fail('field Source must not be empty');
      const propagation = m.BindOptions?.Propagation ?? '';
      if (propagation !== '' && !propagations.has(propagation)) fail(`invalid propagation mode: ${propagation}`);
      if (m.VolumeOptions) fail('field VolumeOptions must not be specified');
      if (!source.startsWith('/')) fail(`invalid mount path: '${source}' mount path must be absolute`);
      if (exists && !exists(source)) fail(`bind source path does not exist: ${source}`);
      break;
    }
    case 'volume': {
      if (m.BindOptions) fail('field BindOptions must not be specified');
      const subpath = m.VolumeOptions?.Subpath ?? '';
      if (subpath !== '') {
        if (source === '') fail('must not set Subpath when using anonymous volumes');
        if (subpath.startsWith('/') || clean(subpath) === '..' || clean(subpath).startsWith('../')) fail('subpath must be a relative path within the volume');
      }
      if (m.ReadOnly && source === '') fail('must not set ReadOnly mode when using anonymous volumes');
      break;
    }
    case 'tmpfs':
      if (m.BindOptions) fail('field BindOptions must not be specified');
      if (source !== '') fail('field Source must not be specified');
      break;
    case 'image':
      if (m.BindOptions) fail('field BindOptions must not be specified');
      if (source === '') fail('field Source must not be empty');
      break;
    default:
      fail('mount type unknown');
  }
}

/** linuxParser.parseMountSpec: the mount point of a valid mount. */
function mountPoint(m: MountSetting, origin: ResolvedMount['Origin']): ResolvedMount {
  const volume = m.Type === 'volume';
  const bind = m.Type === 'bind';
  return {
    Type: m.Type as ResolvedMount['Type'],
    Name: volume || m.Type === 'image' ? (m.Source ?? '') : '',
    Source: bind ? clean(m.Source ?? '') : '',
    Destination: clean(m.Target),
    Driver: volume ? m.VolumeOptions?.DriverConfig?.Name || 'local' : '',
    Mode: '',
    RW: !m.ReadOnly,
    Propagation: bind ? m.BindOptions?.Propagation || 'rprivate' : '',
    Origin: origin,
    CopyData: volume && !m.VolumeOptions?.NoCopy,
    Relabel: '',
    CreateSource: false,
    Subpath: m.VolumeOptions?.Subpath ?? '',
    VolumeLabels: m.VolumeOptions?.Labels ?? {},
    DriverOptions: m.VolumeOptions?.DriverConfig?.Options ?? {},
    NonRecursive: m.BindOptions?.NonRecursive ?? false,
    ReadOnlyNonRecursive: m.BindOptions?.ReadOnlyNonRecursive ?? false,
    ReadOnlyForceRecursive: m.BindOptions?.ReadOnlyForceRecursive ?? false,
    TmpfsData: m.Type === 'tmpfs' ? tmpfsData(m.TmpfsOptions, m.ReadOnly === true) : '',
  };
}

/** linuxParser.ParseMountRaw: a -v spec, [source:]destination[:mode]. */
export function parseBind(raw: string, volumeDriver = ''): ResolvedMount {
  const invalid = (): InvalidArgument => new InvalidArgument(`invalid volume specification: '${raw}'`);
  const parts = raw.split(':');
  if (parts[0] === '' || parts.length > 3) throw invalid();
  let source = '';
  let target: string;
  let mode = '';
  if (parts.length === 1) target = parts[0] as string;
  else {
    // A destination with a mode but no source is no volume ("/foo:rw").
    if (parts.length === 2 && validMode(parts[1] as string)) throw invalid();
    [source, target, mode = ''] = parts as [string, string, string?];
  }
  if (!validMode(mode)) throw new InvalidArgument(`invalid mode: ${mode}`);
  const options = mode.split(',');
  const propagation = options.find((o) => propagations.has(o));
  const setting: MountSetting = {
    Type: source.startsWith('/') ? 'bind' : 'volume',
    Source: source,
    Target: target,
    ReadOnly: options.includes('ro'),
    ...(propagation ? { BindOptions: { Propagation: propagation } } : {}),
  };
  if (setting.Type === 'volume' && (volumeDriver !== '' || options.includes('nocopy'))) {
    setting.VolumeOptions = { NoCopy: options.includes('nocopy'), ...(volumeDriver !== '' ? { DriverConfig: { Name: volumeDriver } } : {}) };
  }
  try {
    validateMount(setting, undefined);
  } catch (err) {
    throw new InvalidArgument(`${invalid().message}: ${(err as Error).message}`);
  }
  const label = options.find((o) => o === 'z' || o === 'Z');
  return { ...mountPoint(setting, 'binds'), Mode: mode, Relabel: label === 'z' || label === 'Z' ? label : '', CreateSource: setting.Type === 'bind' };
}

/** moby's ParseTmpfsOptions: mount flags, then data keys it knows. */
function checkTmpfsOptions(options: string): void {
  const data = options.split(',').filter((o) => o !== '' && !mountFlags.has(o));
  for (const o of data) {
    const key = o.split('=', 1)[0] as string;
    if (!tmpfsDataKeys.has(key)) {
      const eq = o.indexOf('=');
      const parts = eq < 0 ? [o] : [o.slice(0, eq), o.slice(eq + 1)];
      throw new InvalidArgument(`Invalid tmpfs option [${parts.map((p) => JSON.stringify(p)).join(' ')}]`);
    }
  }
}

function duplicate(destination: string): InvalidArgument {
  return new InvalidArgument(`Duplicate mount point: ${destination}`);
}

/**
 * The container's mounts, in moby's order and with its checks: Binds (no
 * two on one destination, nor on a --tmpfs one), then Mounts (validated,
 * a bind's source must exist; not on a destination Binds took), then
 * Tmpfs, then every Config.Volumes path (the image's merged with the
 * request's) that nothing is mounted on yet, as an anonymous volume.
 * Throws InvalidArgument (400) with moby's message.
 */
export function resolveMountPoints(
  hostConfig: Pick<HostConfig, 'Binds' | 'Mounts' | 'Tmpfs' | 'VolumeDriver'>,
  volumes: Record<string, unknown> | null | undefined,
  exists: PathExists,
): ResolvedMount[] {
  const tmpfs = hostConfig.Tmpfs ?? {};
  const byDestination = new Map<string, ResolvedMount>();
  for (const raw of hostConfig.Binds ?? []) {
    const bind = parseBind(raw, hostConfig.VolumeDriver);
    if (byDestination.has(bind.Destination) || bind.Destination in tmpfs) throw duplicate(bind.Destination);
    byDestination.set(bind.Destination, bind);
  }
  for (const setting of hostConfig.Mounts ?? []) {
    validateMount(setting, exists);
    const point = mountPoint(setting, 'mounts');
    if (byDestination.has(point.Destination)) throw duplicate(setting.Target);
    byDestination.set(point.Destination, point);
  }
  for (const [destination, options] of Object.entries(tmpfs)) {
    if (clean(destination) === '/') throw new InvalidArgument("invalid specification: destination can't be '/'");
    if (!destination.startsWith('/')) throw new InvalidArgument(`invalid mount path: '${destination}' mount path must be absolute`);
    checkTmpfsOptions(options);
    if (byDestination.has(clean(destination))) throw duplicate(destination);
    byDestination.set(clean(destination), {
      ...mountPoint({ Type: 'tmpfs', Target: destination }, 'tmpfs'),
      TmpfsData: options,
      RW: !options.split(',').includes('ro'),
    });
  }
  for (const path of Object.keys(volumes ?? {})) {
    const destination = clean(path);
    if (byDestination.has(destination)) continue;
    byDestination.set(destination, mountPoint({ Type: 'volume', Target: destination }, 'volumes'));
  }
  return [...byDestination.values()];
}
