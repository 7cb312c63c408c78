// One CSV record, as go-csvvalue reads the values of `RUN --mount` and
// `--device`: fields split on `,`, a field in double quotes may hold `,` and
// `""`; a quote elsewhere is an error, with encoding/csv's message.
import { InvalidArgument } from '../../common/index.js';
import { utf8Length } from './text.js';

function parseError(text: string, offset: number, problem: string): InvalidArgument {
  // The column is 1-based, in bytes.
  return new InvalidArgument(`parse error on line 1, column ${utf8Length(text.slice(0, offset)) + 1}: ${problem}`);
}

export function csvFields(input: string): string[] {
  const text = input.replace(/\r?\n$/, '');
  if (text === '') throw new InvalidArgument('EOF');
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    if (text[pos] !== '"') {
      const comma = text.indexOf(',', pos);
      const field = text.slice(pos, comma < 0 ? text.length : comma);
      const quote = field.indexOf('"');
      if (quote >= 0) throw parseError(text, pos + quote, 'bare " in non-quoted-field');
      fields.push(field);
      if (comma < 0) return fields;
      pos = comma + 1;
      continue;
    }
    let field = '';
    pos++;
    for (;;) {
      const quote = text.indexOf('"', pos);
      if (quote < 0) throw parseError(text, pos, 'extraneous or missing " in quoted-field');
      field += text.slice(pos, quote);
      pos = quote + 1;
      if (text[pos] === '"') {
        field += '"';
        pos++;
      } else if (text[pos] === ',' || pos === text.length) break;
      else throw parseError(text, quote, 'extraneous or missing " in quoted-field');
    }
    fields.push(field);
    if (pos === text.length) return fields;
    pos++;
  }
}
