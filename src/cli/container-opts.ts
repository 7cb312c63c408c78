// The values of create's structured flags as docker's opts package parses
// them (opts/mount.go, opts/ulimit.go with go-units' ParseUlimit,
// opts/throttledevice.go, opts.ValidateSysctl), the -v spec as its compose
// loader splits it, and --device and --security-opt as
// cli/command/container/opts.go reads them. Each throws an Error with
// docker's words.
import { readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { csvFields } from './csv.js';
import { parseGoUint, ramInBytes } from './parse-units.js';

const goBool: Record<string, boolean> = { '1': true, t: true, T: true, TRUE: true, true: true, True: true, '0': false, f: false, F: false, FALSE: false, false: false, False: false };

export interface MountSpec {
  Type: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; ReadOnlyNonRecursive?: boolean; ReadOnlyForceRecursive?: boolean };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels: Record<string, string>;
    Subpath?: string;
    DriverConfig: { Name?: string; Options?: Record<string, string> };
  };
  ImageOptions?: { Subpath?: string };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

/** opts.MountOpt.Set: one --mount value. */
export function parseMount(value: string, cwd = process.cwd()): MountSpec {
  const mount: MountSpec = { Type: 'volume' };
  const volumeOptions = () => (mount.VolumeOptions ??= { Labels: {}, DriverConfig: {} });
  const bindOptions = () => (mount.BindOptions ??= {});
  const tmpfsOptions = () => (mount.TmpfsOptions ??= {});
  const imageOptions = () => (mount.ImageOptions ??= {});
  const parseBool = (key: string, val: string, message = `invalid value for ${key}: ${val}`): boolean => {
    const b = goBool[val];
    if (b === undefined) throw new Error(message);
    return b;
  };
  const setOnMap = (target: Record<string, string>, kv: string): void => {
    const [k, v] = cut(kv, '=');
    if (k !== '') target[k] = v;
  };
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    // docker reads keys in any case.
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') mount.ReadOnly = true;
      else if (key === 'volume-nocopy') volumeOptions().NoCopy = true;
      else if (key === 'bind-nonrecursive') bindOptions().NonRecursive = true;
      else throw new Error(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    const val = field.slice(eq + 1);
    switch (key) {
      case 'type':
        mount.Type = val.toLowerCase();
        break;
      case 'source':
      case 'src':
        mount.Source = val === '.' || val.startsWith('./') ? resolve(cwd, val) : val;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        mount.Target = val;
        break;
      case 'readonly':
      case 'ro':
        mount.ReadOnly = parseBool(key, val);
        break;
      case 'consistency':
        mount.Consistency = val.toLowerCase();
        break;
      case 'bind-propagation':
        bindOptions().Propagation = val.toLowerCase();
        break;
      case 'bind-nonrecursive':
        bindOptions().NonRecursive = parseBool(key, val);
        break;
      case 'bind-recursive': {
        const options = { enabled: {}, disabled: { NonRecursive: true }, writable: { ReadOnlyNonRecursive: true }, readonly: { ReadOnlyForceRecursive: true } };
        const set = (options as Record<string, object>)[val];
        if (!set) throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        Object.assign(bindOptions(), set);
        break;
      }
      case 'volume-subpath':
        volumeOptions().Subpath = val;
        break;
      case 'image-subpath':
        imageOptions().Subpath = val;
        break;
      case 'volume-nocopy':
        volumeOptions().NoCopy = parseBool(key, val, `invalid value for volume-nocopy: ${val}`);
        break;
      case 'volume-label':
        setOnMap(volumeOptions().Labels, val);
        break;
      case 'volume-driver':
        volumeOptions().DriverConfig.Name = val;
        break;
      case 'volume-opt':
        setOnMap((volumeOptions().DriverConfig.Options ??= {}), val);
        break;
      case 'tmpfs-size':
        try {
          tmpfsOptions().SizeBytes = ramInBytes(val);
        } catch {
          throw new Error(`invalid value for ${key}: ${val}`);
        }
        break;
      case 'tmpfs-mode':
        if (!/^[0-7]+$/.test(val) || parseInt(val, 8) >= 2 ** 32) throw new Error(`invalid value for ${key}: ${val}`);
        tmpfsOptions().Mode = parseInt(val, 8);
        break;
      default:
        throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (mount.Type === '') throw new Error('type is required');
  if (!mount.Target) throw new Error('target is required');
  for (const [options, kind] of [
    [mount.VolumeOptions, 'volume'],
    [mount.ImageOptions, 'image'],
    [mount.BindOptions, 'bind'],
    [mount.TmpfsOptions, 'tmpfs'],
  ] as const) {
    if (options && mount.Type !== kind) throw new Error(`cannot mix '${kind}-*' options with mount type '${mount.Type}'`);
  }
  const bind = mount.BindOptions;
  if (bind?.ReadOnlyNonRecursive && !mount.ReadOnly) throw new Error("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  if (bind?.ReadOnlyForceRecursive) {
    if (!mount.ReadOnly) throw new Error("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (bind.Propagation !== 'rprivate') throw new Error("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  }
  return goOrder(mount);
}

/**
 * A mount as Go's JSON writes mount.Mount: fields in its order, maps with
 * sorted keys, and its omitempty fields (false, 0, "", empty maps) left out.
 */
function goOrder(m: MountSpec): MountSpec {
  const map = (values: Record<string, string> | undefined) =>
    values && Object.keys(values).length > 0 ? Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : undefined;
  const v = m.VolumeOptions;
  const b = m.BindOptions;
  return JSON.parse(
    JSON.stringify({
      Type: m.Type,
      Source: m.Source || undefined,
      Target: m.Target,
      ReadOnly: m.ReadOnly || undefined,
      Consistency: m.Consistency || undefined,
      BindOptions: b && {
        Propagation: b.Propagation || undefined,
        NonRecursive: b.NonRecursive || undefined,
        ReadOnlyNonRecursive: b.ReadOnlyNonRecursive || undefined,
        ReadOnlyForceRecursive: b.ReadOnlyForceRecursive || undefined,
      },
      VolumeOptions: v && {
        NoCopy: v.NoCopy || undefined,
        Labels: map(v.Labels),
        Subpath: v.Subpath || undefined,
        DriverConfig: { Name: v.DriverConfig.Name || undefined, Options: map(v.DriverConfig.Options) },
      },
      ImageOptions: m.ImageOptions && { Subpath: m.ImageOptions.Subpath || undefined },
      TmpfsOptions: m.TmpfsOptions && { SizeBytes: m.TmpfsOptions.SizeBytes || undefined, Mode: m.TmpfsOptions.Mode || undefined },
    }),
  ) as MountSpec;
}

/** strings.Cut. */
function cut(s: string, sep: string): [string, string, boolean] {
  const at = s.indexOf(sep);
  return at < 0 ? [s, '', false] : [s.slice(0, at), s.slice(at + sep.length), true];
}

function goParseInt(text: string): number {
  if (!/^[-+]?[0-9]+$/.test(text)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

const ulimitNames = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

/** go-units ParseUlimit: name=soft[:hard]. */
export function parseUlimit(value: string): Ulimit {
  const [name, limits, ok] = cut(value, '=');
  if (!ok) throw new Error(`invalid ulimit argument: ${value}`);
  if (!ulimitNames.has(name)) throw new Error(`invalid ulimit type: ${name}`);
  const parts = limits.split(':');
  if (parts.length > 2) throw new Error(`too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``);
  const hard = parts.length === 2 ? goParseInt(parts[1] as string) : undefined;
  const soft = goParseInt(parts[0] as string);
  const effectiveHard = hard ?? soft;
  if (effectiveHard !== -1 && soft > effectiveHard) throw new Error(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${effectiveHard}`);
  return { Name: name, Hard: effectiveHard, Soft: soft };
}

/** --ulimit values as docker's UlimitOpt keeps them: the last one per name, sorted by name. */
export function ulimits(values: string[]): Ulimit[] {
  const byName = new Map(values.map((v) => parseUlimit(v)).map((u) => [u.Name, u]));
  return [...byName.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/** opts.ValidateThrottleBpsDevice: /dev/x:rate with a go-units size. */
export function parseThrottleBps(value: string): { Path: string; Rate: number } {
  const [path, rate, ok] = cut(value, ':');
  if (!ok || path === '') throw new Error(`bad format: ${value}`);
  if (!path.startsWith('/dev/')) throw new Error(`bad format for device path: ${value}`);
  try {
    return { Path: path, Rate: ramInBytes(rate) };
  } catch {
    throw new Error(
      `invalid rate for device: ${value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`,
    );
  }
}

/** opts.ValidateSysctl: namespaced sysctls only. */
export function validateSysctl(value: string): void {
  const [key, , ok] = cut(value, '=');
  const ipc = ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'];
  if (ok && key !== '' && (ipc.includes(key) || key.startsWith('net.') || key.startsWith('fs.mqueue.'))) return;
  throw new Error(`sysctl '${value}' is not allowed`);
}

/** A compose volume spec ([source:]target[:options]) split as cli/compose/loader ParseVolume does. */
function parseVolumeSpec(spec: string): { source: string; type: 'bind' | 'volume' } {
  if (spec === '') throw new Error('invalid empty volume spec');
  if ([...spec].length <= 2) return { source: '', type: 'volume' };
  let source = '';
  let target = '';
  let buffer = '';
  const isDrive = (buf: string, c: string) => c === ':' && [...buf].length === 1 && /\p{L}/u.test(buf);
  for (const c of [...spec, '\0']) {
    if (isDrive(buffer, c)) buffer += c;
    else if (c === ':' || c === '\0') {
      let error: string | undefined;
      if (buffer === '') error = 'empty section between colons';
      else if (source === '' && c === '\0') target = buffer;
      else if (source === '') source = buffer;
      else if (target === '') target = buffer;
      else if (c === ':') error = 'too many colons';
      if (error) throw new Error(`invalid spec: ${spec}: ${error}`);
      buffer = '';
    } else buffer += c;
  }
  if (source === '') return { source, type: 'volume' };
  const first = [...source];
  const filePath = '.~/'.includes(first[0] as string) || source.startsWith('\\\\') || (first.length > 1 && isDrive(first[0] as string, first[1] as string));
  return { source, type: filePath ? 'bind' : 'volume' };
}

/** -v values: those with a source are binds (a relative "./" host path made absolute), the others anonymous volumes. */
export function volumeFlags(values: string[], cwd = process.cwd()): { binds: string[]; volumes: Record<string, object> } {
  const binds: string[] = [];
  const volumes: Record<string, object> = {};
  for (const spec of new Set(values)) {
    const parsed = parseVolumeSpec(spec);
    if (parsed.source === '') {
      volumes[spec] = {};
      continue;
    }
    const [host, target, ok] = cut(spec, ':');
    binds.push(parsed.type === 'bind' && ok && !host.startsWith('/') && host.startsWith('.') ? `${resolve(cwd, host)}:${target}` : spec);
  }
  return { binds, volumes };
}

function validDeviceMode(mode: string): boolean {
  return mode !== '' && [...mode].every((c, i) => 'rwm'.includes(c) && mode.indexOf(c) === i);
}

/** Go's path.Clean. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const out = posix.normalize(p);
  return out.length > 1 && out.endsWith('/') ? out.slice(0, -1) : out;
}

/** --device host[:container][:permissions]: validateLinuxPath (which cleans the paths), then parseLinuxDevice. */
export function parseDevice(value: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const split = value.split(':');
  if (split.length > 3 || split[0] === '') throw new Error(`bad format for path: ${value}`);
  const third = split[2];
  let [src, second] = split as [string, string?];
  let containerPath: string;
  if (second === undefined) {
    containerPath = src;
    src = cleanPath(src);
  } else if (third === undefined) {
    containerPath = validDeviceMode(second) ? src : second;
    if (validDeviceMode(second)) src = cleanPath(src);
    else second = cleanPath(second);
  } else {
    containerPath = second;
    if (!validDeviceMode(third)) throw new Error(`bad mode specified: ${third}`);
  }
  if (!containerPath.startsWith('/')) throw new Error(`${containerPath} is not an absolute path`);
  let permissions = third ?? 'rwm';
  let dst = '';
  if (second !== undefined) {
    if (validDeviceMode(second)) permissions = second;
    else dst = second;
  }
  return { PathOnHost: src, PathInContainer: dst || src, CgroupPermissions: permissions };
}

/** encoding/json's Compact for text JSON.parse accepts: whitespace outside strings removed. */
function compactJson(text: string): string {
  JSON.parse(text);
  return text.replace(/"(?:[^"\\]|\\.)*"|[ \t\n\r]+/g, (m) => (m.startsWith('"') ? m : ''));
}

/** parseSecurityOpts: key=value (or key:value) options; a seccomp profile file is sent as its compacted JSON. */
export function securityOpts(values: string[]): string[] {
  return values.map((opt) => {
    let [k, v, ok] = cut(opt, '=');
    if (!ok && k !== 'no-new-privileges') [k, v, ok] = cut(opt, ':');
    if ((!ok || v === '') && k !== 'no-new-privileges') throw new Error(`Invalid --security-opt: ${JSON.stringify(opt)}`);
    if (k !== 'seccomp' || v === 'builtin' || v === 'unconfined') return opt;
    let text: string;
    try {
      text = readFileSync(v, 'utf8');
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message;
      throw new Error(`opening seccomp profile (${v}) failed: open ${v}: ${reason}`);
    }
    try {
      return `seccomp=${compactJson(text)}`;
    } catch (err) {
      throw new Error(`compacting json for seccomp profile (${v}) failed: ${(err as Error).message}`);
    }
  });
}

/** pflag's uint16 check. */
export function parseUint16(text: string): number {
  return parseGoUint(text, 16);
}
