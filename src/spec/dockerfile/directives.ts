// Parser directives: `# syntax=`, `# escape=` and `# check=` comments at the
// top of a Dockerfile. BuildKit looks for them until the first line that is
// not one (an instruction, a blank line, another comment or an unknown
// directive); names are case-insensitive and each may appear once.
import { InvalidArgument } from '../../common/index.js';
import type { EscapeChar } from './types.js';

// Go's RE2 `\s` is [\t\n\f\r ] and its `.` only excludes \n.
const directive = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const known = new Set(['syntax', 'escape', 'check']);

export class DirectiveScanner {
  escape: EscapeChar = '\\';
  readonly values = new Map<string, string>();
  private done = false;

  /** Looks at one line (without its line ending and leading blanks). */
  scan(line: string): void {
    if (this.done) return;
    const match = directive.exec(line);
    const name = match?.[1]?.toLowerCase();
    if (name === undefined || !known.has(name)) {
      this.done = true;
      return;
    }
    if (this.values.has(name)) throw new InvalidArgument(`only one ${name} parser directive can be used`);
    const value = match![2]!;
    if (name === 'escape') {
      if (value !== '\\' && value !== '`') {
        throw new InvalidArgument(`invalid escape token '${value}' does not match \` or \\`);
      }
      this.escape = value;
    }
    this.values.set(name, value);
  }
}
