// The functions docker adds to every template (docker/cli templates.go),
// and the variants it uses when rendering a table's header row, where the
// "value" of each field is its column title and must come out unchanged.
import { type GoValue, toJSON } from '../go-value.js';
import { type FuncMap, builtins } from './functions.js';

/** strings.Title: upper-cases the first letter of each word (words end at ASCII punctuation and spaces). */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  if (ch.charCodeAt(0) <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

/** strings.Split, where an empty separator splits into characters. */
function split(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** docker's truncate: the first `length` bytes. */
function truncate(s: string, length: number): string {
  const bytes = Buffer.from(s);
  return bytes.length < length ? s : bytes.subarray(0, Math.max(length, 0)).toString();
}

const identity = (v: GoValue): GoValue => v;

/** Go's builtins plus docker's: json, split, join, title, lower, upper, pad, truncate. */
export const basicFunctions: FuncMap = {
  ...builtins,
  json: { params: ['any'], call: (v) => toJSON(v, false) },
  split: { params: ['string', 'string'], call: (s, sep) => split(s as string, sep as string) },
  join: { params: ['[]string', 'string'], call: (elems, sep) => (Array.isArray(elems) ? (elems as string[]).join(sep as string) : '') },
  title: { params: ['string'], call: (s) => title(s as string) },
  lower: { params: ['string'], call: (s) => (s as string).toLowerCase() },
  upper: { params: ['string'], call: (s) => (s as string).toUpperCase() },
  pad: {
    params: ['string', 'int', 'int'],
    call: (s, prefix, suffix) => (s === '' ? '' : ' '.repeat(Math.max(prefix as number, 0)) + (s as string) + ' '.repeat(Math.max(suffix as number, 0))),
  },
  truncate: { params: ['string', 'int'], call: (s, n) => truncate(s as string, n as number) },
};

/** For table headers: functions that would change a column title return it as is (pad still pads). */
export const headerFunctions: FuncMap = {
  ...basicFunctions,
  json: { params: ['string'], call: identity },
  split: { params: ['string', 'string'], call: identity },
  join: { params: ['string', 'string'], call: identity },
  title: { params: ['string'], call: identity },
  lower: { params: ['string'], call: identity },
  upper: { params: ['string'], call: identity },
  truncate: { params: ['string', 'int'], call: identity },
};
