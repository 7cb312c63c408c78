// HEALTHCHECK NONE | HEALTHCHECK [--interval= --timeout= --start-period=
// --start-interval= --retries=] CMD command, into the image config's form.
import { InvalidArgument } from '../../common/index.js';
import { parseFlags, type Flags } from './flags.js';
import { parseGoDuration, parseGoInt32 } from './go-parse.js';
import { goQuote } from './text.js';
import type { Healthcheck } from './types.js';

const durations = [
  ['interval', 'Interval'],
  ['timeout', 'Timeout'],
  ['start-period', 'StartPeriod'],
  ['start-interval', 'StartInterval'],
] as const;

const millisecond = 1_000_000;

/** A duration flag in nanoseconds; 0 (unset) when absent or zero, at least 1ms otherwise. */
function interval(flags: Flags, name: string): number {
  const value = flags.string(name);
  if (value === undefined || value === '') return 0;
  const ns = parseGoDuration(value);
  if (ns !== 0 && ns < millisecond) throw new InvalidArgument(`Interval ${goQuote(name)} cannot be less than 1ms`);
  return ns;
}

/** `args`: the type word then the command; `json`: the command was in exec form. */
export function parseHealthcheck(args: readonly string[], json: boolean, flagsWritten: readonly string[]): Healthcheck {
  if (args.length === 0) throw new InvalidArgument('HEALTHCHECK requires at least one argument');
  const type = args[0]!.toUpperCase();
  const command = args.slice(1);
  // As in Docker, flags are not even looked at with NONE.
  if (type === 'NONE') {
    if (command.length > 0) throw new InvalidArgument('HEALTHCHECK NONE takes no arguments');
    return { Test: ['NONE'] };
  }
  const flags = parseFlags(flagsWritten, {
    interval: 'string',
    timeout: 'string',
    'start-period': 'string',
    'start-interval': 'string',
    retries: 'string',
  });
  if (type !== 'CMD') throw new InvalidArgument(`Unknown type ${goQuote(type)} in HEALTHCHECK (try CMD)`);
  if (command.length === 0) throw new InvalidArgument('Missing command after HEALTHCHECK CMD');
  const health: Healthcheck = { Test: json ? ['CMD', ...command] : ['CMD-SHELL', command.join(' ')] };
  for (const [flag, field] of durations) {
    const ns = interval(flags, flag);
    if (ns !== 0) health[field] = ns;
  }
  const retries = flags.string('retries');
  if (retries !== undefined && retries !== '') {
    const count = parseGoInt32(retries);
    if (count < 0) throw new InvalidArgument(`--retries cannot be negative (${count})`);
    if (count !== 0) health.Retries = count;
  }
  return health;
}
