// Output of `inspect` and `image inspect` (docker's cli/command/inspect):
// the daemon's JSON indented, or compact with --format json, or a template
// run on each object, first on docker's Go struct and, if that fails, on
// the raw JSON with missing keys as errors.
import { StatusError, errorText } from './errors.js';
import { parseFormat } from './format/formatter.js';
import type { GoValue } from './format/go-value.js';
import { TemplateError } from './format/template/template.js';

export interface Inspected {
  /** The daemon's JSON, decoded. */
  raw: unknown;
  /** docker's typed view of it, tried first by templates. */
  typed: GoValue;
  /** docker has no raw JSON to fall back on (volume inspect): a template's error on the typed view is final. */
  typedOnly?: boolean;
}

/** Inspects each reference with `get` and writes the result; failures are reported together, as docker does. */
export async function inspectAll(
  refs: string[],
  format: string,
  get: (ref: string) => Promise<Inspected>,
  out: (text: string) => void,
): Promise<void> {
  const template = format === '' || format === 'json' ? undefined : parseFormat(format, 64);
  const found: Inspected[] = [];
  const errors: string[] = [];
  let rendered = '';
  for (const ref of refs) {
    let item: Inspected;
    try {
      item = await get(ref);
    } catch (err) {
      errors.push(errorText(err));
      continue;
    }
    found.push(item);
    if (!template) continue;
    try {
      try {
        rendered += template.execute(item.typed) + '\n';
      } catch (err) {
        if (item.typedOnly) throw err;
        rendered += template.execute(rawValue(item.raw), { missingKey: 'error' }) + '\n';
      }
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      errors.push(`template parsing error: ${err.message}`);
    }
  }
  if (template) out(rendered === '' ? '\n' : rendered);
  else if (found.length === 0) out('[]\n');
  else out(JSON.stringify(found.map((f) => f.raw), null, format === 'json' ? undefined : 4) + '\n');
  if (errors.length > 0) throw new StatusError(errors.join('\n'));
}

/** Decoded JSON as template data (Go's interface{} values). */
function rawValue(raw: unknown): GoValue {
  return raw as GoValue;
}
