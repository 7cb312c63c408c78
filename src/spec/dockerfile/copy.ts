// ADD and COPY: flags, sources (paths or heredocs) and the destination.
import { InvalidArgument } from '../../common/index.js';
import { parseFlags } from './flags.js';
import { chompHeredoc, isHeredocMarker } from './heredoc.js';
import type { AddInstruction, CopyInstruction, Heredoc } from './types.js';

type Fields<T> = Omit<T, 'kind' | 'startLine' | 'endLine' | 'original'>;

function requireDestination(instruction: 'ADD' | 'COPY', args: readonly string[]): void {
  if (args.length < 2) {
    throw new InvalidArgument(`${instruction} requires at least two arguments, but only one was provided. Destination could not be determined`);
  }
}

function sourcesAndDest(instruction: 'ADD' | 'COPY', args: readonly string[], bodies: readonly Heredoc[]) {
  const dest = args[args.length - 1]!;
  if (isHeredocMarker(dest)) throw new InvalidArgument(`${instruction} cannot accept a heredoc as a destination`);
  const sources: string[] = [];
  const heredocs: Heredoc[] = [];
  for (const source of args.slice(0, -1)) {
    const marker = isHeredocMarker(source);
    if (marker === undefined) {
      sources.push(source);
      continue;
    }
    // The body read after the line; none when the marker was in exec form.
    const content = bodies.findLast((body) => body.name === marker.name)?.content ?? '';
    heredocs.push({ ...marker, content: marker.chomp ? chompHeredoc(content) : content });
  }
  return { sources, heredocs, dest };
}

export function addFields(args: readonly string[], flagsWritten: readonly string[], bodies: readonly Heredoc[]): Fields<AddInstruction> {
  requireDestination('ADD', args);
  const flags = parseFlags(flagsWritten, {
    exclude: 'strings',
    chown: 'string',
    chmod: 'string',
    link: 'bool',
    'keep-git-dir': 'bool',
    checksum: 'string',
    unpack: 'bool',
  });
  const unpack = flags.bool('unpack');
  return {
    ...sourcesAndDest('ADD', args, bodies),
    ...optional('chown', flags.string('chown')),
    ...optional('chmod', flags.string('chmod')),
    link: flags.bool('link') ?? false,
    keepGitDir: flags.bool('keep-git-dir') ?? false,
    ...optional('checksum', flags.string('checksum')),
    exclude: flags.strings('exclude'),
    ...(unpack !== undefined && { unpack }),
  };
}

export function copyFields(args: readonly string[], flagsWritten: readonly string[], bodies: readonly Heredoc[]): Fields<CopyInstruction> {
  requireDestination('COPY', args);
  const flags = parseFlags(flagsWritten, {
    exclude: 'strings',
    parents: 'bool',
    chown: 'string',
    from: 'string',
    chmod: 'string',
    link: 'bool',
  });
  return {
    ...sourcesAndDest('COPY', args, bodies),
    ...optional('from', flags.string('from')),
    ...optional('chown', flags.string('chown')),
    ...optional('chmod', flags.string('chmod')),
    link: flags.bool('link') ?? false,
    parents: flags.bool('parents') ?? false,
    exclude: flags.strings('exclude'),
  };
}

/** `{ [key]: value }`, or nothing for an absent or empty flag (Docker treats `--chown=` as none). */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]: string });
}
