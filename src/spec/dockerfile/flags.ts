// An instruction's `--flags` against the ones it accepts, with BuildKit's
// messages (instructions/bflag.go). Values need `=` (`--from=build`, not
// `--from build`); a bool may be bare (`--link`).
import { InvalidArgument } from '../../common/index.js';
import { withSuggestion } from './suggest.js';

export type FlagKind = 'bool' | 'string' | 'strings';
export type FlagSpec = Readonly<Record<string, FlagKind>>;

/** The values of an instruction's flags, once checked by parseFlags. */
export class Flags {
  constructor(private readonly values: ReadonlyMap<string, string | string[]>) {}

  /** A string flag's value; undefined when not given. */
  string(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** A bool flag's value; undefined when not given. */
  bool(name: string): boolean | undefined {
    const value = this.values.get(name);
    return value === undefined ? undefined : value === 'true';
  }

  /** A repeatable flag's values, in order. */
  strings(name: string): string[] {
    const value = this.values.get(name);
    return Array.isArray(value) ? value : [];
  }
}

/** Checks `flags` (each `--name` or `--name=value`) against the ones an instruction accepts. */
export function parseFlags(flags: readonly string[], spec: FlagSpec): Flags {
  const values = new Map<string, string | string[]>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const written = eq < 0 ? flag : flag.slice(0, eq);
    const name = written.slice(2);
    const value = eq < 0 ? undefined : flag.slice(eq + 1);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) {
      throw new InvalidArgument(withSuggestion(`unknown flag: ${written}`, name, Object.keys(spec), true));
    }
    const previous = values.get(name);
    if (previous !== undefined && kind !== 'strings') throw new InvalidArgument(`duplicate flag specified: ${written}`);
    if (kind === 'bool') values.set(name, boolValue(written, value));
    else if (value === undefined) throw new InvalidArgument(`missing a value on flag: ${written}`);
    else if (kind === 'string') values.set(name, value);
    else values.set(name, [...((previous as string[] | undefined) ?? []), value]);
  }
  return new Flags(values);
}

function boolValue(written: string, value: string | undefined): string {
  if (value === '') throw new InvalidArgument(`missing a value on flag: ${written}`);
  const lower = (value ?? 'true').toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw new InvalidArgument(`expecting boolean value for flag ${written}, not: ${value}`);
  return lower;
}
