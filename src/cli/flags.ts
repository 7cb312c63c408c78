// Command-line flags as the docker CLI parses them (spf13/pflag): long
// flags with `--name value` or `--name=value`, grouped shorthands (`-qa`),
// `-fvalue` and `-f=value`, booleans that take `=false`, repeatable list
// and filter flags, `--` to end flags, and pflag's error messages.
// node:util parseArgs cannot express `--human=false` or these messages.
import { csvFields } from './csv.js';

/** 'int' values are kept as their (checked) decimal text; read them with intFlag(). */
export type FlagType = 'bool' | 'string' | 'int' | 'list' | 'filter' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** The help text, wrapped as docker wraps it. */
  usage: string;
  /** A non-zero default shown in help ("(default true)"), and the initial value. */
  defaultValue?: boolean | string;
  hidden?: boolean;
  /** The type word help shows, when not the type's own (docker's "bytes", "decimal", "network"). */
  typeName?: string;
  /** Checks a value as the flag's pflag Value.Set would; returns the error text for a bad one. */
  check?: (raw: string) => string | undefined;
  /** Another name for the flag named here, sharing its value (docker's hidden --net for --network). */
  aliasOf?: string;
}

export type FlagValue = boolean | string | string[];

export interface ParsedFlags {
  /** Every flag's value: its default unless given. */
  values: Map<string, FlagValue>;
  /** Names of the flags given on the command line. */
  changed: Set<string>;
  args: string[];
}

/** A pflag parse error; docker prints it with the usage line and exits 125. */
export class FlagError extends Error {}

/** Raised for -h/--help: the caller prints the command's help. */
export class HelpRequested extends Error {}

const helpFlag: FlagSpec = { name: 'help', short: 'h', type: 'bool', usage: 'Print usage', hidden: true };

const boolValues: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

function displayName(flag: FlagSpec): string {
  return flag.short ? `-${flag.short}, --${flag.name}` : `--${flag.name}`;
}

function initial(flag: FlagSpec): FlagValue {
  if (flag.type === 'bool') return flag.defaultValue === true;
  if (flag.type === 'string') return typeof flag.defaultValue === 'string' ? flag.defaultValue : '';
  if (flag.type === 'int') return typeof flag.defaultValue === 'string' ? flag.defaultValue : '0';
  return [];
}

/** pflag's Value.Set: parses one occurrence of a flag's value. */
function setValue(flag: FlagSpec, raw: string, values: Map<string, FlagValue>): void {
  const name = flag.aliasOf ?? flag.name;
  let error: string | undefined;
  switch (flag.type) {
    case 'bool': {
      const b = boolValues[raw];
      if (b === undefined) error = `strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`;
      else values.set(name, b);
      break;
    }
    case 'string':
      values.set(name, raw);
      break;
    case 'int':
      if (!/^[-+]?[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        error = `strconv.ParseInt: parsing ${JSON.stringify(raw)}: ${/^[-+]?[0-9]+$/.test(raw) ? 'value out of range' : 'invalid syntax'}`;
      } else values.set(name, String(Number(raw)));
      break;
    case 'list':
      values.set(name, [...(values.get(name) as string[]), raw]);
      break;
    case 'strings':
      // pflag's string slices read each value as a line of CSV.
      try {
        values.set(name, [...(values.get(name) as string[]), ...(raw === '' ? [] : csvFields(raw))]);
      } catch (err) {
        error = (err as Error).message;
      }
      break;
    case 'filter':
      // docker's FilterOpt: "name=value", name lower-cased; empty values are ignored.
      if (raw === '') break;
      if (!raw.includes('=')) error = 'bad format of filter (expected name=value)';
      else values.set(name, [...(values.get(name) as string[]), raw]);
      break;
  }
  if (error === undefined && flag.check) error = flag.check(raw);
  if (error !== undefined) throw new FlagError(`invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(displayName(flag))} flag: ${error}`);
}

/**
 * Parses `argv` against `specs` (plus the hidden --help). With
 * `interspersed` false, parsing stops at the first argument (for the
 * global flags before the command name).
 */
export function parseFlags(argv: string[], specs: FlagSpec[], interspersed = true): ParsedFlags {
  // Commands that take -h for themselves (create's --hostname) keep --help without a shorthand, as docker does.
  const all = [...specs, specs.some((f) => f.short === 'h') ? { ...helpFlag, short: undefined } : helpFlag];
  const byName = new Map(all.map((f) => [f.name, f]));
  const byShort = new Map(all.filter((f) => f.short).map((f) => [f.short as string, f]));
  const values = new Map<string, FlagValue>(all.filter((f) => !f.aliasOf).map((f) => [f.name, initial(f)]));
  const changed = new Set<string>();
  const args: string[] = [];
  const set = (flag: FlagSpec, raw: string): void => {
    setValue(flag, raw, values);
    changed.add(flag.aliasOf ?? flag.name);
  };

  let i = 0;
  while (i < argv.length) {
    const s = argv[i++] as string;
    if (s.length < 2 || s[0] !== '-') {
      args.push(s);
      if (!interspersed) {
        args.push(...argv.slice(i));
        break;
      }
      continue;
    }
    if (s === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (s[1] === '-') {
      const body = s.slice(2);
      if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const flag = byName.get(name);
      if (!flag) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(flag, body.slice(eq + 1));
      else if (flag.type === 'bool') set(flag, 'true');
      else if (i < argv.length) set(flag, argv[i++] as string);
      else throw new FlagError(`flag needs an argument: ${s}`);
      continue;
    }
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0] as string;
      const flag = byShort.get(c);
      if (!flag) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
      if (shorts.length > 2 && shorts[1] === '=') {
        set(flag, shorts.slice(2));
        shorts = '';
      } else if (flag.type === 'bool') {
        set(flag, 'true');
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        set(flag, shorts.slice(1));
        shorts = '';
      } else if (i < argv.length) {
        set(flag, argv[i++] as string);
        shorts = '';
      } else {
        throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
      }
    }
  }
  if (values.get('help') === true) throw new HelpRequested();
  return { values, changed, args };
}

/** docker's filters from repeated `-f name=value` (FilterOpt): names lower-cased, values trimmed, no duplicates. */
export function filtersFrom(values: string[]): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const raw of values) {
    const eq = raw.indexOf('=');
    const name = raw.slice(0, eq).trim().toLowerCase();
    const value = raw.slice(eq + 1).trim();
    const list = (filters[name] ??= []);
    if (!list.includes(value)) list.push(value);
  }
  return filters;
}

/** docker's ConvertKVStringsToMap: "key=value" (or a bare "key", for an empty value) as a map; the last one wins. */
export function keyValues(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) out[value] = '';
    else out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

/** opts.ValidateLabel: a label needs a name without blanks (leading ones are dropped). */
export function checkLabel(raw: string): string | undefined {
  const key = raw.split('=')[0]!.replace(/^[ \t]+/, '');
  if (key === '') return `invalid label '${raw}': empty name`;
  if (/[ \t]/.test(key)) return `label '${key}' contains whitespaces`;
  return undefined;
}

/** The value of an 'int' flag. */
export function intFlag(flags: ParsedFlags, name: string): number {
  return Number(flags.values.get(name));
}
