// `RUN --mount=type=cache,target=/root/.cache,...` as BuildKit reads it
// (instructions/commands_runmount.go). Option values may hold variables,
// which Docker expands at build time: the builder calls parseMount with its
// expansion; the parser only checks what does not depend on them.
import { InvalidArgument } from '../../common/index.js';
import { csvFields } from './csv.js';
import { expandWord } from './expand.js';
import { parseGoBool, parseGoUint32, parseRamBytes } from './go-parse.js';
import { withSuggestion } from './suggest.js';
import { goQuote } from './text.js';
import type { EscapeChar } from './types.js';

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type MountSharing = 'shared' | 'private' | 'locked';

export interface RunMount {
  /** `bind` unless said otherwise. */
  type: MountType;
  /** A stage, image or named context (bind, cache). */
  from?: string;
  source?: string;
  target?: string;
  /** Defaults: writable for cache and tmpfs, read-only otherwise. */
  readOnly: boolean;
  /** tmpfs size in bytes. */
  size?: number;
  /** The cache or secret id. */
  id?: string;
  sharing?: MountSharing;
  /** secret and ssh: fail when the client does not provide it. */
  required: boolean;
  /** secret: the environment variable to expose it in ("" for the default name). */
  env?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

const mountTypes: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const sharingModes: readonly MountSharing[] = ['shared', 'private', 'locked'];
const mountKeys = [
  'type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'size', 'mode',
  'uid', 'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'env',
];

function fields(spec: string): string[] {
  try {
    return csvFields(spec);
  } catch (err) {
    throw new InvalidArgument(`failed to parse csv mounts: ${(err as Error).message}`);
  }
}

function invalidValue(key: string, value: string): InvalidArgument {
  return new InvalidArgument(`invalid value for ${key}: ${value}`);
}

function unexpectedKey(key: string, type: MountType): InvalidArgument {
  return new InvalidArgument(`unexpected key '${key}' for mount type '${type}'`);
}

function fileId(key: 'mode' | 'uid' | 'gid', value: string): number {
  const id = parseGoUint32(value, key === 'mode' ? 8 : 10);
  if (id === undefined) throw new InvalidArgument(`invalid value ${value} for ${key}`);
  return id;
}

/**
 * One `--mount` value as a mount, each option's value passed through
 * `expandValue` first (Docker expands them with the stage's variables:
 * `v => expandWord(v, env, escape)`).
 */
export function parseMount(spec: string, expandValue: (value: string) => string): RunMount {
  const mount: RunMount = { type: 'bind', readOnly: false, required: false };
  let readOnlySet = false;
  for (const field of fields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') {
        mount.readOnly = key === 'readonly' || key === 'ro';
        readOnlySet = true;
      } else if (key !== 'required') throw new InvalidArgument(`invalid field '${field}' must be a key=value pair`);
      else if (mount.type === 'secret' || mount.type === 'ssh') mount.required = true;
      else throw unexpectedKey(key, mount.type);
      continue;
    }
    const value = expandValue(field.slice(eq + 1));
    switch (key) {
      case 'type': {
        const type = mountTypes.find((t) => t === value.toLowerCase());
        if (type === undefined) throw new InvalidArgument(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, mountTypes, true));
        mount.type = type;
        break;
      }
      case 'from':
        mount.from = value;
        break;
      case 'source':
      case 'src':
        mount.source = value;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        mount.target = value;
        break;
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw': {
        const flag = parseGoBool(value);
        if (flag === undefined) throw invalidValue(key, value);
        mount.readOnly = key === 'readonly' || key === 'ro' ? flag : !flag;
        readOnlySet = true;
        break;
      }
      case 'required': {
        if (mount.type !== 'secret' && mount.type !== 'ssh') throw unexpectedKey(key, mount.type);
        const flag = parseGoBool(value);
        if (flag === undefined) throw invalidValue(key, value);
        mount.required = flag;
        break;
      }
      case 'size': {
        if (mount.type !== 'tmpfs') throw unexpectedKey(key, mount.type);
        const size = parseRamBytes(value);
        if (size === undefined) throw invalidValue(key, value);
        mount.size = size;
        break;
      }
      case 'id':
        mount.id = value;
        break;
      case 'sharing': {
        const sharing = sharingModes.find((s) => s === value.toLowerCase());
        if (sharing === undefined) throw new InvalidArgument(withSuggestion(`unsupported sharing value ${goQuote(value)}`, value, sharingModes, true));
        mount.sharing = sharing;
        break;
      }
      case 'mode':
      case 'uid':
      case 'gid':
        mount[key] = fileId(key, value);
        break;
      case 'env':
        mount.env = value;
        break;
      default:
        throw new InvalidArgument(withSuggestion(`unexpected key '${key}' in '${field}'`, key, mountKeys, true));
    }
  }
  return checked(mount, readOnlySet);
}

// The checks of the mount as a whole, in BuildKit's order.
function checked(mount: RunMount, readOnlySet: boolean): RunMount {
  if (mount.type !== 'secret' && mount.type !== 'ssh' && mount.type !== 'cache') {
    for (const key of ['mode', 'uid', 'gid'] as const) {
      if (mount[key] !== undefined) throw new InvalidArgument(`${key} not allowed for ${goQuote(mount.type)} type mounts`);
    }
  }
  if (!readOnlySet) mount.readOnly = mount.type !== 'cache' && mount.type !== 'tmpfs';
  if (mount.type === 'secret') {
    if (mount.from !== undefined && mount.from !== '') throw new InvalidArgument('secret mount should not have a from');
    if (mount.sharing !== undefined) throw new InvalidArgument('secret mount should not define sharing');
    if (!mount.source && !mount.target && !mount.id) throw new InvalidArgument('invalid secret mount. one of source, target required');
    if (mount.source && mount.id) throw new InvalidArgument("both source and id can't be set");
  }
  if (mount.sharing !== undefined && mount.type !== 'cache') throw new InvalidArgument(`invalid cache sharing set for ${mount.type} mount`);
  return mount;
}

/**
 * What the parser can check of a `--mount` value. Without variables, the
 * value is what the build will see: all of it is checked. With variables,
 * only what BuildKit checks before expanding: the CSV, and that `from`
 * (which names a stage) holds none.
 */
export function checkMount(spec: string, escape: EscapeChar): void {
  if (!spec.includes('$')) {
    parseMount(spec, (value) => expandWord(value, new Map(), escape));
    return;
  }
  for (const field of fields(spec)) {
    const eq = field.indexOf('=');
    if (eq < 0 || field.slice(0, eq).toLowerCase() !== 'from') continue;
    const dollar = field.indexOf('$', eq + 1);
    if (dollar >= 0 && dollar !== field.length - 1) {
      throw new InvalidArgument("'from' doesn't support variable expansion, define alias stage instead");
    }
  }
}
