// `?n=&last=` pagination of the tags list and the catalog: the entries
// after `last` (sorted), at most n (capped at 1000), and a Link header to
// the next page when there are more.
import { RegistryError } from './errors.js';

export const maxPageSize = 1000;

export interface Page {
  entries: string[];
  /** The Link header for the next page, when there is one. */
  link?: string;
}

export function paginate(all: string[], query: URLSearchParams, path: string): Page {
  const last = query.get('last');
  const rawN = query.get('n');
  let n: number | undefined;
  if (rawN !== null) {
    if (!/^\d{1,9}$/.test(rawN)) throw new RegistryError('PAGINATION_NUMBER_INVALID', `invalid page size n=${JSON.stringify(rawN.slice(0, 50))}`);
    n = Math.min(Number(rawN), maxPageSize);
  }
  const after = last === null ? all : all.filter((e) => e > last);
  if (n === undefined) return { entries: after };
  const entries = after.slice(0, n);
  const lastEntry = entries.at(-1);
  if (entries.length === 0 || entries.length === after.length || lastEntry === undefined) return { entries };
  const next = new URLSearchParams({ last: lastEntry, n: String(n) });
  return { entries, link: `<${path}?${next.toString()}>; rel="next"` };
}
