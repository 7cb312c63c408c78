// A syntax node into a typed instruction, with BuildKit's checks and
// messages, in its order (instructions/parse.go).
import { InvalidArgument } from '../../common/index.js';
import { addFields, copyFields } from './copy.js';
import { parseFlags } from './flags.js';
import { parseHealthcheck } from './healthcheck.js';
import { chompHeredoc } from './heredoc.js';
import { runFlags } from './run.js';
import { withSuggestion } from './suggest.js';
import type { SyntaxNode } from './syntax.js';
import { goQuote, trimSpace } from './text.js';
import type { EscapeChar, Heredoc, Instruction, KeyValue } from './types.js';

/** Where the node is, and what was read after it. */
export interface NodeContext {
  startLine: number;
  endLine: number;
  /** The heredoc bodies read after the line, raw (not chomped). */
  heredocs: Heredoc[];
  escape: EscapeChar;
}

const instructionNames = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK',
  'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

const stageName = /^[a-z][a-z0-9\-_.]*$/;

function atLeastOne(instruction: string, args: readonly string[]): void {
  if (args.length === 0) throw new InvalidArgument(`${instruction} requires at least one argument`);
}

function exactlyOne(instruction: string, args: readonly string[]): string {
  if (args.length !== 1) throw new InvalidArgument(`${instruction} requires exactly one argument`);
  return args[0]!;
}

/** Flags for an instruction that takes none: any is an error. */
function noFlags(node: SyntaxNode): void {
  parseFlags(node.flags, {});
}

function keyValues(instruction: string, args: readonly string[]): KeyValue[] {
  atLeastOne(instruction, args);
  const pairs: KeyValue[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (args[i] === '') throw new InvalidArgument(`${instruction} names can not be blank`);
    pairs.push({ key: args[i]!, value: args[i + 1]! });
  }
  return pairs;
}

/** The command of RUN, CMD, ENTRYPOINT: the argv, or the text for the shell. */
function commandLine(node: SyntaxNode): { command: string[]; shell: boolean } {
  return { command: node.json || node.args.length === 0 ? node.args : [node.args.join(' ')], shell: !node.json };
}

function from(node: SyntaxNode): { image: string; name?: string; platform?: string } {
  const { args } = node;
  let name: string | undefined;
  if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
    name = args[2]!.toLowerCase();
    if (!stageName.test(name)) {
      throw new InvalidArgument(`invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`);
    }
  } else if (args.length !== 1) throw new InvalidArgument('FROM requires either one or three arguments');
  const platform = parseFlags(node.flags, { platform: 'string' }).string('platform');
  return { image: args[0]!, ...(name !== undefined && { name }), ...(platform && { platform }) };
}

function onbuild(node: SyntaxNode, context: NodeContext): { trigger: Instruction; expression: string } {
  atLeastOne('ONBUILD', node.args);
  noFlags(node);
  const trigger = trimSpace(node.args[0]!).toUpperCase();
  if (trigger === 'ONBUILD') throw new InvalidArgument('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new InvalidArgument(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '');
  for (const heredoc of context.heredocs) expression += `\n${heredoc.content}${heredoc.name}`;
  return { trigger: toInstruction(node.trigger!, context), expression };
}

function volumes(node: SyntaxNode): string[] {
  atLeastOne('VOLUME', node.args);
  noFlags(node);
  return node.args.map((arg) => {
    const volume = trimSpace(arg);
    if (volume === '') throw new InvalidArgument('VOLUME specified can not be an empty string');
    return volume;
  });
}

function argDefinitions(node: SyntaxNode): { name: string; value?: string }[] {
  atLeastOne('ARG', node.args);
  noFlags(node);
  return node.args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq < 0) return { name: arg };
    if (eq === 0) throw new InvalidArgument('ARG names can not be blank');
    return { name: arg.slice(0, eq), value: arg.slice(eq + 1) };
  });
}

function shell(node: SyntaxNode): string[] {
  noFlags(node);
  atLeastOne('SHELL', node.args);
  if (!node.json) throw new InvalidArgument('SHELL requires the arguments to be in JSON form');
  return node.args;
}

/** The node as an instruction of its kind; unknown names are an error (with a hint). */
export function toInstruction(node: SyntaxNode, context: NodeContext): Instruction {
  const at = { startLine: context.startLine, endLine: context.endLine, original: trimSpace(node.original) };
  const { args } = node;
  switch (node.command.toUpperCase()) {
    case 'FROM':
      return { kind: 'FROM', ...at, ...from(node) };
    case 'RUN': {
      const flags = runFlags(node.flags, context.escape);
      const heredocs = context.heredocs.map((h) => (h.chomp ? { ...h, content: chompHeredoc(h.content) } : h));
      return { kind: 'RUN', ...at, ...commandLine(node), heredocs, ...flags };
    }
    case 'CMD':
      noFlags(node);
      return { kind: 'CMD', ...at, ...commandLine(node) };
    case 'ENTRYPOINT':
      noFlags(node);
      return { kind: 'ENTRYPOINT', ...at, ...commandLine(node) };
    case 'LABEL':
      noFlags(node);
      return { kind: 'LABEL', ...at, labels: keyValues('LABEL', args) };
    case 'ENV':
      noFlags(node);
      return { kind: 'ENV', ...at, env: keyValues('ENV', args) };
    case 'EXPOSE':
      atLeastOne('EXPOSE', args);
      noFlags(node);
      return { kind: 'EXPOSE', ...at, ports: [...args].sort() };
    case 'ADD':
      return { kind: 'ADD', ...at, ...addFields(args, node.flags, context.heredocs) };
    case 'COPY':
      return { kind: 'COPY', ...at, ...copyFields(args, node.flags, context.heredocs) };
    case 'VOLUME':
      return { kind: 'VOLUME', ...at, volumes: volumes(node) };
    case 'USER': {
      const user = exactlyOne('USER', args);
      noFlags(node);
      return { kind: 'USER', ...at, user };
    }
    case 'WORKDIR': {
      const path = exactlyOne('WORKDIR', args);
      noFlags(node);
      return { kind: 'WORKDIR', ...at, path };
    }
    case 'ARG':
      return { kind: 'ARG', ...at, args: argDefinitions(node) };
    case 'ONBUILD':
      return { kind: 'ONBUILD', ...at, ...onbuild(node, context) };
    case 'STOPSIGNAL':
      // Docker does not look at STOPSIGNAL's flags at all.
      return { kind: 'STOPSIGNAL', ...at, signal: exactlyOne('STOPSIGNAL', args) };
    case 'HEALTHCHECK':
      return { kind: 'HEALTHCHECK', ...at, health: parseHealthcheck(args, node.json, node.flags) };
    case 'SHELL':
      return { kind: 'SHELL', ...at, shell: shell(node) };
    case 'MAINTAINER': {
      const maintainer = exactlyOne('MAINTAINER', args);
      noFlags(node);
      return { kind: 'MAINTAINER', ...at, maintainer };
    }
  }
  throw new InvalidArgument(withSuggestion(`unknown instruction: ${node.command}`, node.command, instructionNames, false));
}
