// The `cais` command line: global flags, then a command (or a group and its
// command), with docker's help, usage errors and exit codes: 125 for a bad
// flag, 1 for a bad argument count or a failure, 0 on success.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CliContext, type Streams } from './cli-context.js';
import { commands, findCommand } from './commands.js';
import { FlagError, HelpRequested, type ParsedFlags, parseFlags } from './flags.js';
import { StatusError, errorText } from './errors.js';
import { globalFlags, globalOptions } from './global-options.js';
import { type LeafCommand, argsError, groupHelp, leafHelp, rootHelp } from './usage.js';

const root = 'cais';
const description = 'A container engine that speaks the Docker Engine API';

let pipeWatched = false;

/** A reader that goes away (`cais images | head -1`) ends us quietly, as SIGPIPE ends docker. */
function exitOnClosedPipe(stdout: NodeJS.WritableStream): void {
  if (pipeWatched) return;
  pipeWatched = true;
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(128 + 13);
  });
}

/** Runs `cais` with `argv` (the arguments after the program name); resolves with the exit code. */
export async function main(argv: string[], streams: Streams = process): Promise<number> {
  if (streams.stdout === process.stdout) exitOnClosedPipe(process.stdout);
  let cli: CliContext | undefined;
  try {
    const globalSpecs = globalFlags(process.env);
    let parsed: ParsedFlags;
    try {
      parsed = parseFlags(argv, globalSpecs, false);
    } catch (err) {
      if (err instanceof HelpRequested) return write(streams.stdout, rootHelp(root, description, commands, globalSpecs), 0);
      throw flagFailure(err, `${root} [OPTIONS] COMMAND [ARG...]`, root);
    }
    const options = globalOptions(parsed);
    if (options.version) {
      const { cliVersion } = await import('./version-info.js');
      return write(streams.stdout, `cais version ${cliVersion()}\n`, 0);
    }
    const [name, ...rest] = parsed.args;
    if (name === undefined) return write(streams.stderr, rootHelp(root, description, commands, globalSpecs), 0);
    if (name === 'help') return help(rest, streams, globalSpecs);
    const command = findCommand(commands, name);
    if (!command) throw new StatusError(`${root}: unknown command: ${root} ${name}\n\nRun '${root} --help' for more information`);
    cli = new CliContext(options, process.env, streams);
    if (command.kind === 'leaf') return await runLeaf(cli, command, root, rest);
    // A group: `cais image ls ...` (its command may come after flags: `cais image --help ls`).
    const groupPath = `${root} ${command.name}`;
    const at = subcommandIndex(rest);
    const sub = at < 0 ? undefined : findCommand(command.commands, rest[at] as string);
    if (sub) return await runLeaf(cli, sub, groupPath, [...rest.slice(0, at), ...rest.slice(at + 1)]);
    let groupFlags: ParsedFlags;
    try {
      groupFlags = parseFlags(rest, []);
    } catch (err) {
      if (err instanceof HelpRequested) return write(streams.stdout, groupHelp(command, root), 0);
      throw flagFailure(err, groupPath, groupPath);
    }
    const [unknown] = groupFlags.args;
    if (unknown === undefined) return write(streams.stderr, groupHelp(command, root), 0);
    throw new StatusError(`${root}: unknown command: ${groupPath} ${unknown}\n\nUsage:  ${groupPath}\n\nRun '${groupPath} --help' for more information`);
  } catch (err) {
    if (err instanceof StatusError) {
      if (err.message !== '') streams.stderr.write(err.message + '\n');
      return err.status || 1;
    }
    streams.stderr.write(errorText(err) + '\n');
    if (cli?.options.debug && err instanceof Error && err.stack) streams.stderr.write(err.stack + '\n');
    return 1;
  } finally {
    cli?.close();
  }
}

async function runLeaf(cli: CliContext, cmd: LeafCommand, parentPath: string, argv: string[]): Promise<number> {
  const path = `${parentPath} ${cmd.name}`;
  let flags: ParsedFlags;
  try {
    flags = cmd.passthrough ? { values: new Map(), changed: new Set(), args: argv } : parseFlags(argv, cmd.flags, !cmd.noInterspersed);
  } catch (err) {
    if (err instanceof HelpRequested) return write(cli.streams.stdout, leafHelp(cmd, parentPath), 0);
    throw flagFailure(err, `${parentPath} ${cmd.use}`, path);
  }
  const wrongCount = cmd.passthrough ? undefined : argsError(cmd, parentPath, flags.args.length, root);
  if (wrongCount !== undefined) throw new StatusError(wrongCount);
  const module = await cmd.load();
  try {
    await module.run(cli, flags);
  } catch (err) {
    // A flag whose check needs more code than the table loads (build's --tag) is checked by its command.
    throw flagFailure(err, `${parentPath} ${cmd.use}`, path);
  }
  return 0;
}

/**
 * Where cobra finds a group's command among its arguments: the first word
 * that is not a flag, where an unknown flag without "=" takes the next word
 * as its value (only --help/-h are known to a group, and take none).
 */
function subcommandIndex(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const s = args[i] as string;
    if (s === '--') return -1;
    if (!s.startsWith('-') && s !== '') return i;
    const takesValue = (s.startsWith('--') && s !== '--help') || (s.length === 2 && s !== '-h');
    if (!s.includes('=') && takesValue) i++;
  }
  return -1;
}

function flagFailure(err: unknown, usage: string, path: string): unknown {
  if (!(err instanceof FlagError)) return err;
  return new StatusError(`${err.message}\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information`, 125);
}

/** `cais help [COMMAND...]`: the help of that command, on stdout. */
function help(names: string[], streams: Streams, globalSpecs: ReturnType<typeof globalFlags>): number {
  if (names.length === 0) return write(streams.stdout, rootHelp(root, description, commands, globalSpecs), 0);
  const [first, second, ...extra] = names as [string, string | undefined, ...string[]];
  const command = findCommand(commands, first);
  const unknown = (): never => {
    throw new StatusError(`unknown help topic: ${names.join(' ')}`);
  };
  if (!command || extra.length > 0) return unknown();
  if (command.kind === 'leaf') return second === undefined ? write(streams.stdout, leafHelp(command, root), 0) : unknown();
  if (second === undefined) return write(streams.stdout, groupHelp(command, root), 0);
  const sub = findCommand(command.commands, second);
  return sub ? write(streams.stdout, leafHelp(sub, `${root} ${command.name}`), 0) : unknown();
}

function write(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}

// Run when executed directly (`node dist/src/cli/main.js ...`); bin/cais imports main() and calls it.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
