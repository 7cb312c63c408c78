// The error of a malformed Dockerfile. The code that reads one instruction
// throws InvalidArgument with BuildKit's bare message; the parser, which knows
// where the instruction is, turns it into a DockerfileParseError naming the
// line, as BuildKit prints "dockerfile parse error on line N: ...".
import { InvalidArgument } from '../../common/index.js';

export class DockerfileParseError extends InvalidArgument {
  /**
   * @param reason BuildKit's message, without the location.
   * @param line The first line of the instruction (1-based); 0 for an empty file.
   * @param endLine Its last line, heredoc bodies included.
   */
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly endLine: number = line,
    options?: { cause?: unknown },
  ) {
    super(line > 0 ? `dockerfile parse error on line ${line}: ${reason}` : reason, options);
  }
}

/** `err` located at the given lines, when it is a message about the input. */
export function located(err: unknown, line: number, endLine: number): unknown {
  if (err instanceof DockerfileParseError || !(err instanceof InvalidArgument)) return err;
  return new DockerfileParseError(err.message, line, endLine, { cause: err });
}
