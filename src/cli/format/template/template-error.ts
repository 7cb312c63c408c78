// An error from parsing or executing a template, worded as Go's
// text/template words it ("template: :1: unclosed action"). Docker prefixes
// it with "template parsing error: " in either case.
export class TemplateError extends Error {
  constructor(
    message: string,
    /** For execution errors, what the template wrote before failing (Go keeps it). */
    readonly partial = '',
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Go's "name:line:col" of an offset in the template text (col counts bytes). */
export function location(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1));
  return `:${line}:${col}`;
}
