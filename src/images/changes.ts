// The `changes` of `docker import` / `docker commit`: Dockerfile instructions
// that set an image's runtime config (moby's dockerfile.BuildFromConfig).
// Only the instructions Docker accepts there are allowed, with its messages.
import { posix } from 'node:path';
import { InvalidArgument } from '../common/index.js';
import type { ContainerConfig } from '../spec/index.js';

const validCommands = new Set([
  'cmd', 'entrypoint', 'healthcheck', 'env', 'expose', 'label', 'onbuild', 'stopsignal', 'user', 'volume', 'workdir',
]);

interface Instruction {
  command: string; // lower case
  rest: string; // arguments as written
}

/** Dockerfile lines: comments dropped, `\` continuations joined. */
function splitInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (pending === '' && /^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      pending += line.replace(/\\\s*$/, '');
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full === '') continue;
    const m = /^(\S+)\s*([\s\S]*)$/.exec(full)!;
    out.push({ command: m[1]!.toLowerCase(), rest: m[2] ?? '' });
  }
  if (pending.trim() !== '') {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(pending.trim())!;
    out.push({ command: m[1]!.toLowerCase(), rest: m[2] ?? '' });
  }
  return out;
}

/** The JSON (exec) form of an argument list, or undefined for the shell form. */
function jsonArgs(rest: string): string[] | undefined {
  if (!rest.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(rest);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
  } catch {
    // not JSON: the shell form, as Docker's parser falls back to
  }
  return undefined;
}

/**
 * Shell-like words with quotes removed and `$VAR`, `${VAR}`, `${VAR:-w}`,
 * `${VAR:+w}` expanded from `env` (ShellLex.ProcessWords).
 */
export function shellWords(input: string, env: readonly string[], keepWhitespace = false): string[] {
  const lookup = (name: string): string | undefined => {
    for (let i = env.length - 1; i >= 0; i--) {
      const e = env[i]!;
      if (e.startsWith(name + '=')) return e.slice(name.length + 1);
    }
    return undefined;
  };
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const expand = (): string => {
    // at '$'
    i++;
    if (input[i] === '{') {
      const end = input.indexOf('}', i);
      if (end < 0) throw new InvalidArgument(`missing '}' in ${JSON.stringify(input)}`);
      const body = input.slice(i + 1, end);
      i = end + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) throw new InvalidArgument(`bad substitution: \${${body}}`);
      const value = lookup(m[1]!);
      if (m[2] === undefined) return value ?? '';
      const word2 = shellWords(m[3] ?? '', env, true).join('');
      const colon = m[2].startsWith(':');
      const set = value !== undefined && (!colon || value !== '');
      return m[2].endsWith('-') ? (set ? value! : word2) : set ? word2 : '';
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i));
    if (!m) return '$';
    i += m[0].length;
    return lookup(m[0]) ?? '';
  };
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c) && !keepWhitespace) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) throw new InvalidArgument(`unexpected end of statement while looking for matching single-quote`);
      word += input.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= input.length) throw new InvalidArgument(`unexpected end of statement while looking for matching double-quote`);
        const d = input[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && i + 1 < input.length && '"\\$'.includes(input[i + 1]!)) {
          word += input[i + 1];
          i += 2;
        } else if (d === '$') word += expand();
        else {
          word += d;
          i++;
        }
      }
    } else if (c === '\\' && i + 1 < input.length) {
      word += input[i + 1];
      i += 2;
    } else if (c === '$') word += expand();
    else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** `KEY=value ...` or the legacy `KEY value` form of ENV and LABEL. */
function keyValues(command: string, rest: string, env: readonly string[]): [string, string][] {
  const upper = command.toUpperCase();
  if (rest.trim() === '') throw new InvalidArgument(`${upper} requires at least one argument`);
  const first = /^\S+/.exec(rest.trim())![0];
  if (!first.includes('=')) {
    // legacy form: one key, the rest of the line is the value
    const m = /^(\S+)\s+([\s\S]*)$/.exec(rest.trim());
    if (!m) throw new InvalidArgument(`${upper} must have two arguments`);
    const value = shellWords(m[2]!, env, true).join('');
    return [[m[1]!, value]];
  }
  return shellWords(rest, env).map((word) => {
    const eq = word.indexOf('=');
    if (eq < 0) {
      throw new InvalidArgument(`Syntax error - can't find = in "${word}". Must be of the form: name=value`);
    }
    const key = word.slice(0, eq);
    if (key === '') throw new InvalidArgument(`${upper} names can not be blank`);
    return [key, word.slice(eq + 1)];
  });
}

const signals = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF',
  'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2',
  'VTALRM', 'WINCH', 'XCPU', 'XFSZ',
]);

/** signal.ParseSignal: a number, a name with or without SIG, or RTMIN+n / RTMAX-n. */
function checkSignal(value: string): void {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n >= 1 && n <= 64) return;
  } else {
    const name = value.toUpperCase().replace(/^SIG/, '');
    if (signals.has(name) || /^RTMIN(\+([1-9]|1[0-5]))?$/.test(name) || /^RTMAX(-([1-9]|1[0-4]))?$/.test(name)) return;
  }
  throw new InvalidArgument(`Invalid signal: ${value}`);
}

/** nat.ParsePortSpecs for EXPOSE: `80`, `80/udp`, `8000-8002/tcp` -> `80/tcp`... */
function exposedPorts(specs: string[]): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    const [range = '', proto = 'tcp', extra] = spec.split('/');
    if (extra !== undefined || !['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) {
      throw new InvalidArgument(`invalid proto: ${proto}`);
    }
    const m = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!m) throw new InvalidArgument(`invalid containerPort: ${range}`);
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    if (start > 65535 || end > 65535) throw new InvalidArgument(`invalid containerPort: ${range}`);
    if (end < start) throw new InvalidArgument(`invalid range specified for container: ${range}`);
    for (let p = start; p <= end; p++) out.push(`${p}/${proto.toLowerCase()}`);
  }
  return out;
}

const durationFlags: Record<string, 'Interval' | 'Timeout' | 'StartPeriod' | 'StartInterval'> = {
  interval: 'Interval',
  timeout: 'Timeout',
  'start-period': 'StartPeriod',
  'start-interval': 'StartInterval',
};

// Go durations as HEALTHCHECK flags take them, in nanoseconds.
function parseDurationNs(flag: string, value: string): number {
  const units: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
  if (value === '0') return 0;
  let rest = value;
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) throw new InvalidArgument(`time: invalid duration "${value}"`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  if (total !== 0 && total < 1e6) throw new InvalidArgument(`Interval "${flag}" cannot be less than 1ms`);
  return Math.round(total);
}

function healthcheck(rest: string): NonNullable<ContainerConfig['Healthcheck']> {
  const result: NonNullable<ContainerConfig['Healthcheck']> = {};
  let body = rest.trim();
  for (;;) {
    const m = /^--([a-z-]+)=(\S*)\s*/.exec(body);
    if (!m) break;
    body = body.slice(m[0].length);
    const [, flag, value] = m as unknown as [string, string, string];
    const field = durationFlags[flag];
    if (field !== undefined) result[field] = parseDurationNs(flag, value);
    else if (flag === 'retries') {
      if (!/^-?\d+$/.test(value)) throw new InvalidArgument(`strconv.ParseInt: parsing "${value}": invalid syntax`);
      const retries = Number(value);
      if (retries < 0) throw new InvalidArgument('--retries cannot be negative');
      result.Retries = retries;
    } else throw new InvalidArgument(`Unknown flag: ${flag}`);
  }
  const m = /^(\S+)\s*([\s\S]*)$/.exec(body);
  if (!m) throw new InvalidArgument('HEALTHCHECK requires at least one argument');
  const kind = m[1]!.toUpperCase();
  if (kind === 'NONE') {
    if (m[2]!.trim() !== '') throw new InvalidArgument('HEALTHCHECK NONE takes no arguments');
    return { Test: ['NONE'] };
  }
  if (kind !== 'CMD') throw new InvalidArgument(`Unknown type "${kind}" in HEALTHCHECK (try CMD)`);
  const args = jsonArgs(m[2]!);
  result.Test = args !== undefined ? ['CMD', ...args] : ['CMD-SHELL', m[2]!];
  return result;
}

/**
 * Applies `changes` to `base` and returns the new config. Throws
 * InvalidArgument with Docker's message for anything Docker refuses.
 */
export function applyChanges(base: ContainerConfig, changes: readonly string[]): ContainerConfig {
  const config: ContainerConfig = structuredClone(base);
  let cmdSet = false;
  for (const { command, rest } of splitInstructions(changes.join('\n'))) {
    if (!validCommands.has(command)) throw new InvalidArgument(`${command} is not a valid change command`);
    const upper = command.toUpperCase();
    const env = config.Env ?? [];
    const single = (): string => {
      const words = shellWords(rest, env);
      if (words.length !== 1) throw new InvalidArgument(`${upper} requires exactly one argument`);
      return words[0]!;
    };
    switch (command) {
      case 'cmd':
      case 'entrypoint': {
        const args = jsonArgs(rest) ?? (rest.trim() === '' ? [] : ['/bin/sh', '-c', rest]);
        if (command === 'cmd') {
          config.Cmd = args;
          cmdSet = true;
        } else {
          config.Entrypoint = args;
          if (!cmdSet) config.Cmd = null;
        }
        break;
      }
      case 'env': {
        const next = [...env];
        for (const [key, value] of keyValues(command, rest, env)) {
          const at = next.findIndex((e) => e === key || e.startsWith(key + '='));
          if (at >= 0) next[at] = `${key}=${value}`;
          else next.push(`${key}=${value}`);
        }
        config.Env = next;
        break;
      }
      case 'label':
        config.Labels = { ...(config.Labels ?? {}), ...Object.fromEntries(keyValues(command, rest, env)) };
        break;
      case 'expose': {
        const ports = shellWords(rest, env);
        if (ports.length === 0) throw new InvalidArgument('EXPOSE requires at least one argument');
        config.ExposedPorts = { ...(config.ExposedPorts ?? {}) };
        for (const port of exposedPorts(ports)) config.ExposedPorts[port] = {};
        break;
      }
      case 'onbuild': {
        const trigger = rest.trim();
        const first = (/^\S*/.exec(trigger)?.[0] ?? '').toUpperCase();
        if (first === '') throw new InvalidArgument('ONBUILD requires at least one argument');
        if (first === 'ONBUILD') throw new InvalidArgument('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
        if (first === 'FROM' || first === 'MAINTAINER') throw new InvalidArgument(`${first} isn't allowed as an ONBUILD trigger`);
        config.OnBuild = [...(config.OnBuild ?? []), trigger];
        break;
      }
      case 'stopsignal': {
        const signal = single();
        checkSignal(signal);
        config.StopSignal = signal;
        break;
      }
      case 'user':
        config.User = single();
        break;
      case 'volume': {
        const volumes = jsonArgs(rest) ?? shellWords(rest, env);
        if (volumes.length === 0) throw new InvalidArgument('VOLUME requires at least one argument');
        config.Volumes = { ...(config.Volumes ?? {}) };
        for (const v of volumes) {
          if (v.trim() === '') throw new InvalidArgument('VOLUME specified can not be an empty string');
          config.Volumes[v.trim()] = {};
        }
        break;
      }
      case 'workdir': {
        const dir = single();
        config.WorkingDir = posix.resolve('/', config.WorkingDir || '/', dir);
        break;
      }
      case 'healthcheck':
        config.Healthcheck = healthcheck(rest);
        break;
    }
  }
  return config;
}
