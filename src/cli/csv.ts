// encoding/csv as docker reads one comma-separated value (--mount,
// --network's long form, pflag's string slices), with its parse errors.

/** encoding/csv's Read of one line: comma-separated fields, a field may be "quoted" with "" for a quote. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`parse error on line 1, column ${line.length + 1}: extraneous or missing " in quoted-field`);
        field += line.slice(i, q);
        i = q + 1;
        if (line[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
      if (i < line.length && line[i] !== ',') throw new Error(`parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      const quote = field.indexOf('"');
      if (quote >= 0) throw new Error(`parse error on line 1, column ${i + quote + 1}: bare " in non-quoted-field`);
      i += field.length;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
