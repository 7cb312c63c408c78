// One logical line as BuildKit's parser splits it, before any meaning is
// given to it: the instruction name as written, its `--flags`, and its
// arguments in the form that instruction takes (JSON array or shell text,
// whitespace-separated words, key=value pairs, the rest of the line...).
import { InvalidArgument } from '../../common/index.js';
import { goQuote, isSpace, trimLeftSpace, trimSpace } from './text.js';
import { splitFlags, splitWords } from './words.js';

export interface SyntaxNode {
  /** The instruction name as written (any case). */
  command: string;
  flags: string[];
  args: string[];
  /** The arguments were a JSON array (exec form). */
  json: boolean;
  /** The logical line. */
  original: string;
  /** ONBUILD's instruction. */
  trigger?: SyntaxNode;
}

type Args = { args: string[]; json?: boolean; trigger?: SyntaxNode };

// Go's regexp [\t\v\f\r ]+, which splits whitespace-separated arguments.
const blanks = /[\t\v\f\r ]+/;

/** A JSON array of strings, or undefined when `text` is not JSON. */
function jsonArray(text: string): string[] | undefined {
  const trimmed = trimLeftSpace(text);
  if (!trimmed.startsWith('[')) return undefined;
  let parsed: unknown[];
  try {
    parsed = JSON.parse(trimmed) as unknown[];
  } catch {
    return undefined;
  }
  if (!parsed.every((item) => typeof item === 'string')) {
    throw new InvalidArgument('when using JSON array syntax, arrays must be comprised of strings only');
  }
  return parsed as string[];
}

// RUN, CMD, ENTRYPOINT, SHELL: exec form, else the text for the shell.
function jsonOrText(rest: string): Args {
  if (rest === '') return { args: [] };
  const json = jsonArray(rest);
  return json === undefined ? { args: [rest] } : { args: json, json: true };
}

// ADD, COPY, VOLUME: exec form, else whitespace-separated words.
function jsonOrWords(rest: string): Args {
  const json = jsonArray(rest);
  return json === undefined ? whitespaceWords(rest) : { args: json, json: true };
}

function whitespaceWords(rest: string): Args {
  return { args: rest === '' ? [] : rest.split(blanks) };
}

// ENV and LABEL: `key=value...`, or the legacy `KEY value` when the first
// word has no `=` (the value is then the rest of the line).
function keyValues(rest: string, instruction: string, escape: string): Args {
  const words = splitWords(rest, escape);
  if (words.length === 0) return { args: [] };
  if (!words[0]!.includes('=')) {
    const blank = blanks.exec(rest);
    if (blank === null) throw new InvalidArgument(`${instruction} must have two arguments`);
    return { args: [rest.slice(0, blank.index), rest.slice(blank.index + blank[0].length)] };
  }
  const args: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new InvalidArgument(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    args.push(word.slice(0, eq), word.slice(eq + 1));
  }
  return { args };
}

// HEALTHCHECK: a type word (NONE, CMD...), then RUN-like arguments.
function healthcheck(rest: string): Args {
  const chars = [...rest];
  let sep = 0;
  while (sep < chars.length && !isSpace(chars[sep]!)) sep++;
  if (sep === 0) return { args: [] };
  const command = jsonOrText(trimLeftSpace(chars.slice(sep).join('')));
  return { ...command, args: [chars.slice(0, sep).join(''), ...command.args] };
}

// ONBUILD: the trigger is an instruction of its own; its name and arguments
// are also ONBUILD's arguments.
function onbuild(rest: string, escape: string): Args {
  if (rest === '') return { args: [] };
  const trigger = parseSyntax(rest, escape);
  return { args: [trigger.command, ...trigger.args], trigger };
}

function parseArgs(command: string, rest: string, escape: string): Args {
  switch (command.toLowerCase()) {
    case 'run':
    case 'cmd':
    case 'entrypoint':
    case 'shell':
      return jsonOrText(rest);
    case 'add':
    case 'copy':
    case 'volume':
      return jsonOrWords(rest);
    case 'from':
    case 'expose':
      return whitespaceWords(rest);
    case 'env':
      return keyValues(rest, 'ENV', escape);
    case 'label':
      return keyValues(rest, 'LABEL', escape);
    case 'arg':
      return { args: splitWords(rest, escape) };
    case 'user':
    case 'workdir':
    case 'stopsignal':
    case 'maintainer':
      return { args: rest === '' ? [] : [rest] };
    case 'healthcheck':
      return healthcheck(rest);
    case 'onbuild':
      return onbuild(rest, escape);
  }
  // Unknown instructions parse; naming them is an error later, with a hint.
  return { args: [] };
}

/** Splits a logical line. `escape` matters to ENV, LABEL and ARG words. */
export function parseSyntax(line: string, escape: string): SyntaxNode {
  const trimmed = trimSpace(line);
  const blank = /[\t\v\f\r ]+/.exec(trimmed);
  const command = blank === null ? trimmed : trimmed.slice(0, blank.index);
  const { flags, rest } = blank === null ? { flags: [], rest: '' } : splitFlags(trimmed.slice(blank.index + blank[0].length));
  const { args, json = false, trigger } = parseArgs(command, trimSpace(rest), escape);
  return { command, flags, args, json, original: line, ...(trigger && { trigger }) };
}

const heredocInstructions = new Set(['run', 'copy', 'add']);

/** Whether heredocs may follow this line: RUN, COPY, ADD (or ONBUILD of one), not in exec form. */
export function takesHeredocs(node: SyntaxNode): boolean {
  const target = node.command.toLowerCase() === 'onbuild' && node.trigger ? node.trigger : node;
  return heredocInstructions.has(target.command.toLowerCase()) && !target.json;
}
