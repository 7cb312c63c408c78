// A Dockerfile's text into its typed form, in BuildKit's two passes: the
// whole file is split into syntax nodes first (so a syntax error anywhere
// wins), then each node becomes an instruction.
import { DockerfileParseError, located } from './errors.js';
import { heredocMarkers } from './heredoc.js';
import { toInstruction } from './instructions.js';
import { LineReader } from './lines.js';
import { groupStages } from './stages.js';
import { parseSyntax, takesHeredocs, type SyntaxNode } from './syntax.js';
import type { Dockerfile, Heredoc, Instruction } from './types.js';

interface ReadNode {
  node: SyntaxNode;
  startLine: number;
  endLine: number;
  heredocs: Heredoc[];
}

function readNodes(source: string): { reader: LineReader; nodes: ReadNode[] } {
  if (source === '') throw new DockerfileParseError('the Dockerfile cannot be empty', 0);
  const reader = new LineReader(source);
  const nodes: ReadNode[] = [];
  for (let line = reader.next(); line !== undefined; line = reader.next()) {
    try {
      const node = parseSyntax(line.text, reader.escape);
      const markers = takesHeredocs(node) && line.text.includes('<<') ? heredocMarkers(line.text) : [];
      const heredocs = markers.map((marker) => ({ ...marker, content: reader.heredocBody(marker.name, marker.chomp) }));
      nodes.push({ node, startLine: line.startLine, endLine: reader.lineNumber, heredocs });
    } catch (err) {
      throw located(err, line.startLine, reader.lineNumber);
    }
  }
  if (nodes.length === 0) throw new DockerfileParseError('file with no instructions', reader.lineNumber);
  return { reader, nodes };
}

function readInstructions(source: string): { reader: LineReader; instructions: Instruction[] } {
  const { reader, nodes } = readNodes(source);
  const instructions = nodes.map(({ node, startLine, endLine, heredocs }) => {
    try {
      return toInstruction(node, { startLine, endLine, heredocs, escape: reader.escape });
    } catch (err) {
      throw located(err, startLine, endLine);
    }
  });
  return { reader, instructions };
}

/**
 * Parses a Dockerfile. Throws DockerfileParseError (an InvalidArgument)
 * naming the line, in Docker's words, when it is malformed.
 */
export function parseDockerfile(source: string): Dockerfile {
  const { reader, instructions } = readInstructions(source);
  const { metaArgs, stages } = groupStages(instructions);
  const syntax = reader.directives.values.get('syntax');
  const check = reader.directives.values.get('check');
  return {
    escape: reader.escape,
    ...(syntax !== undefined && { syntax }),
    ...(check !== undefined && { check }),
    metaArgs,
    stages,
    warnings: reader.warnings,
  };
}

/**
 * The instructions of a text, in order and without stages: for the ONBUILD
 * triggers a base image carries, which a child build runs after its FROM.
 */
export function parseInstructions(source: string): Instruction[] {
  return readInstructions(source).instructions;
}
