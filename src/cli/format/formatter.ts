// docker's formatter.Context: renders a list of rows with the user's
// --format, which is "table" (the command's default columns), "table
// TEMPLATE" (aligned columns with a header row), "json" (one JSON object a
// line) or a bare Go template (one line a row).
import { StatusError } from '../errors.js';
import { type GoField, GoMap, GoStruct, type GoValue, jsonString, toJSON } from './go-value.js';
import { TabWriter } from './tabwriter.js';
import { basicFunctions, headerFunctions } from './template/docker-functions.js';
import { Template, TemplateError } from './template/template.js';

function isTableFormat(format: string): boolean {
  return format.startsWith('table');
}

/** The template text docker executes for a --format value (its preFormat). */
export function templateText(format: string): string {
  let text = format;
  if (isTableFormat(format)) text = format.slice('table'.length);
  else if (format === 'json') text = '{{json .}}';
  return text.replace(/^ +| +$/g, '').replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

/** Parses a template as docker does, failing with its message and status. */
export function parseFormat(text: string, status = 1): Template {
  try {
    return Template.parse(text, basicFunctions);
  } catch (err) {
    throw templateFailure(err, status);
  }
}

/** docker's wording for a template that fails to parse or to execute. */
export function templateFailure(err: unknown, status = 1): unknown {
  if (err instanceof TemplateError) return new StatusError(`template parsing error: ${err.message}`, status);
  return err;
}

/** The methods of a docker formatter context, shared by all its rows: column name -> value (mostly strings). */
export type RowMethods<T> = Record<string, (data: T) => GoValue>;

/**
 * A row of docker's formatter: a Go struct whose fields are the columns
 * (docker's methods on e.g. *formatter.imageContext), computed only when a
 * template asks for them, with docker's JSON form for --format json (keys
 * sorted, HTML characters escaped).
 */
class FormatterRow<T> extends GoStruct {
  constructor(
    typeName: string,
    private readonly table: RowMethods<T>,
    private readonly data: T,
  ) {
    super(
      typeName,
      () => Object.keys(table).map((name) => ({ name, value: (table[name] as (d: T) => GoValue)(data) })),
      () => '{' + Object.keys(table).sort().map((n) => `${jsonString(n, true)}:${toJSON((table[n] as (d: T) => GoValue)(data), true)}`).join(',') + '}',
      true,
    );
  }

  override field(name: string): GoField | undefined {
    const method = Object.hasOwn(this.table, name) ? this.table[name] : undefined;
    return method ? { name, value: method(this.data) } : undefined;
  }
}

export function formatterRow<T>(typeName: string, table: RowMethods<T>, data: T): GoStruct {
  return new FormatterRow(typeName, table, data);
}

/** Renders rows with a --format value; `header` maps field names to column titles. */
export function renderRows(format: string, rows: Iterable<GoStruct>, header: Record<string, string>): string {
  const template = parseFormat(templateText(format));
  let body = '';
  try {
    for (const row of rows) body += template.execute(row) + '\n';
  } catch (err) {
    throw templateFailure(err);
  }
  if (!isTableFormat(format)) return body;
  return renderTable(template, body, header);
}

/** Aligns a table's rows under the header row docker derives from the template. */
export function renderTable(template: Template, body: string, header: Record<string, string>): string {
  const titles = new GoMap('formatter.SubHeaderContext', header, '');
  const writer = new TabWriter(10, 3);
  // Docker ignores errors in the header row and keeps what came before them.
  let headerRow: string;
  try {
    headerRow = template.execute(titles, { funcs: headerFunctions });
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    headerRow = err.partial;
  }
  writer.write(headerRow);
  writer.write('\n');
  writer.write(body);
  return writer.flush();
}
