// Container rlimits from Docker's --ulimit values. Docker sets none by
// default. Unlike Docker, cais clamps each limit to the daemon's own hard
// limit: raising a hard limit needs CAP_SYS_RESOURCE, which root may lack
// (it does on our CI hosts, where the hard RLIMIT_NOFILE is 20000), and the
// runtime would then fail to start the container.
import { InvalidArgument } from '../../common/index.js';
import type { OciRlimit } from './oci-runtime-config.js';
import type { RlimitName, Ulimit } from './settings.js';

/** The kernel's RLIM_INFINITY (2^64 - 1), as the nearest JS number; serializeRuntimeConfig writes it exactly. */
export const RLIM_INFINITY = 2 ** 64;

export const rlimitNames: readonly RlimitName[] = [
  'as',
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];

function isRlimitName(name: string): name is RlimitName {
  return (rlimitNames as readonly string[]).includes(name);
}

/** Docker's -1 (or any negative) means unlimited. */
function toLimit(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw new InvalidArgument(`invalid ulimit value for ${name}: ${value}`);
  return value < 0 ? RLIM_INFINITY : value;
}

export function buildRlimits(ulimits: readonly Ulimit[], hostHard: Partial<Record<RlimitName, number>>): OciRlimit[] {
  const byName = new Map<RlimitName, OciRlimit>();
  for (const ul of ulimits) {
    if (!isRlimitName(ul.name)) throw new InvalidArgument(`invalid ulimit type: ${ul.name}`);
    let soft = toLimit(ul.soft, ul.name);
    let hard = toLimit(ul.hard, ul.name);
    if (soft > hard) {
      throw new InvalidArgument(`ulimit soft limit must be less than or equal to hard limit: ${ul.soft} > ${ul.hard}`);
    }
    const ceiling = hostHard[ul.name];
    if (ceiling !== undefined) {
      hard = Math.min(hard, ceiling);
      soft = Math.min(soft, ceiling);
    }
    byName.delete(ul.name);
    byName.set(ul.name, { type: `RLIMIT_${ul.name.toUpperCase()}`, hard, soft });
  }
  return [...byName.values()];
}
