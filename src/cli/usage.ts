// Help and usage text as docker prints it (its cobra usage template and
// pflag's wrapped flag list), for cais's commands.
import type { CliContext } from './cli-context.js';
import type { FlagSpec, ParsedFlags } from './flags.js';
import { quoteGo } from './format/go-printf.js';

export type ArgsRule = { none: true } | { exact: number } | { min: number } | { max: number } | { range: [min: number, max: number] };

export interface CommandModule {
  run(cli: CliContext, flags: ParsedFlags): Promise<void>;
}

interface CommandBase {
  name: string;
  short: string;
  /** Other names it answers to (cobra's Aliases). */
  aliases?: string[];
  /** Its order among "Common Commands" in `cais --help`. */
  top?: number;
}

export interface LeafCommand extends CommandBase {
  kind: 'leaf';
  /** The usage after the parent's path: "images [OPTIONS] [REPOSITORY[:TAG]]". */
  use: string;
  /** The description its own help shows, when longer than `short` (cobra's Long). */
  long?: string;
  /** The "Aliases:" line of the help (docker's aliases annotation). */
  aliasLine?: string;
  args: ArgsRule;
  flags: FlagSpec[];
  /** Its arguments are not parsed here but passed on as they are. */
  passthrough?: boolean;
  /** Flags end at the first argument (create: the rest is the container's command). */
  noInterspersed?: boolean;
  load(): Promise<CommandModule>;
}

export interface GroupCommand extends CommandBase {
  kind: 'group';
  commands: LeafCommand[];
}

export type Command = LeafCommand | GroupCommand;

const minNamePadding = 11;

/** The terminal width docker wraps flag help to (80 when not a terminal). */
function terminalWidth(): number {
  return process.stdout.isTTY ? process.stdout.columns : 80;
}

/** pflag's wrapN: the head of `s` up to `i` characters, breaking at whitespace. */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: `s` wrapped to width `w`, continuation lines indented by `i`. */
export function wrap(i: number, w: number, s: string): string {
  let width = w - i;
  let prefix = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    prefix = '\n' + ' '.repeat(i);
  }
  const indent = (t: string): string => t.replace(/\n/g, '\n' + ' '.repeat(i));
  if (width < 24) return s.replace(/\n/g, prefix);
  const slop = 5;
  width -= slop;
  let [line, rest] = wrapN(width, slop, s);
  let out = prefix + indent(line);
  while (rest !== '') {
    [line, rest] = wrapN(width, slop, rest);
    out += '\n' + ' '.repeat(i) + indent(line);
  }
  return out;
}

function typeWord(flag: FlagSpec): string {
  return flag.type === 'bool' ? '' : (flag.typeName ?? flag.type);
}

/** pflag's FlagUsagesWrapped: the aligned, wrapped list of flags, sorted by name. */
export function flagUsages(flags: FlagSpec[], cols = terminalWidth() - 1): string {
  const shown = flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const heads = shown.map((f) => {
    const head = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    const word = typeWord(f);
    return word ? `${head} ${word}` : head;
  });
  const maxlen = Math.max(0, ...heads.map((h) => h.length + 1));
  return shown
    .map((f, n) => {
      const head = heads[n] as string;
      let usage = f.usage;
      if (f.defaultValue !== undefined && f.defaultValue !== false && f.defaultValue !== '') {
        usage += f.type === 'string' ? ` (default ${quoteGo(String(f.defaultValue))})` : ` (default ${String(f.defaultValue)})`;
      }
      return `${head} ${' '.repeat(maxlen - head.length)} ${wrap(maxlen + 2, cols, usage)}\n`;
    })
    .join('');
}

/** `cais images [OPTIONS] [REPOSITORY[:TAG]]` */
function useLine(cmd: LeafCommand, parentPath: string): string {
  return `${parentPath} ${cmd.use}`;
}

function commandList(title: string, commands: Command[]): string {
  if (commands.length === 0) return '';
  const padding = Math.max(minNamePadding, ...commands.map((c) => c.name.length));
  return `\n\n${title}:\n` + commands.map((c) => `  ${c.name.padEnd(padding)} ${c.short}`).join('\n');
}

/** The help of a leaf command (`cais images --help`). */
export function leafHelp(cmd: LeafCommand, parentPath: string): string {
  let text = `Usage:  ${useLine(cmd, parentPath)}\n\n${cmd.long ?? cmd.short}`;
  if (cmd.aliasLine) text += `\n\nAliases:\n  ${cmd.aliasLine}`;
  if (cmd.flags.some((f) => !f.hidden)) text += `\n\nOptions:\n${flagUsages(cmd.flags).trimEnd()}`;
  return text + '\n';
}

/** The help of a group (`cais image`): its commands. */
export function groupHelp(group: GroupCommand, parentPath: string): string {
  const path = `${parentPath} ${group.name}`;
  return `Usage:  ${path} COMMAND\n\n${group.short}${commandList('Commands', sortByName(group.commands))}\n\nRun '${path} COMMAND --help' for more information on a command.\n`;
}

function sortByName<T extends Command>(commands: T[]): T[] {
  return [...commands].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The help of the root command (`cais --help`). */
export function rootHelp(root: string, description: string, commands: Command[], globalFlags: FlagSpec[]): string {
  const top = commands.filter((c) => c.top !== undefined).sort((a, b) => (a.top as number) - (b.top as number));
  const groups = sortByName(commands.filter((c) => c.kind === 'group'));
  const others = sortByName(commands.filter((c) => c.kind === 'leaf' && c.top === undefined));
  return (
    `Usage:  ${root} [OPTIONS] COMMAND\n\n${description}` +
    commandList('Common Commands', top) +
    commandList('Management Commands', groups) +
    commandList('Commands', others) +
    `\n\nGlobal Options:\n${flagUsages(globalFlags).trimEnd()}` +
    `\n\nRun '${root} COMMAND --help' for more information on a command.\n`
  );
}

function plural(n: number): string {
  return n === 1 ? 'argument' : 'arguments';
}

/** docker's message when a command gets the wrong number of arguments, or undefined when the count is fine. */
export function argsError(cmd: LeafCommand, parentPath: string, count: number, root: string): string | undefined {
  const path = `${parentPath} ${cmd.name}`;
  const usage = `\n\nUsage:  ${useLine(cmd, parentPath)}\n\n`;
  const rule = cmd.args;
  if ('none' in rule) {
    return count === 0 ? undefined : `${root}: '${path}' accepts no arguments${usage}Run '${path} --help' for more information`;
  }
  if ('exact' in rule) {
    if (count === rule.exact) return undefined;
    return `${root}: '${path}' requires ${rule.exact} ${plural(rule.exact)}${usage}Run '${path} --help' for more information`;
  }
  if ('range' in rule) {
    const [min, max] = rule.range;
    if (count >= min && count <= max) return undefined;
    return `${root}: '${path}' requires at least ${min} and at most ${max} ${plural(max)}${usage}Run '${path} --help' for more information`;
  }
  if ('min' in rule) {
    if (count >= rule.min) return undefined;
    return `${root}: '${path}' requires at least ${rule.min} ${plural(rule.min)}${usage}See '${path} --help' for more information`;
  }
  if (count <= rule.max) return undefined;
  // "SRun" is docker 28's own typo (cli/required.go), kept for identical output.
  return `${root}: '${path}' requires at most ${rule.max} ${plural(rule.max)}${usage}SRun '${path} --help' for more information`;
}
