// URLs a registry hands back: an upload's Location (relative or absolute,
// with a query the next request must keep, possibly on another host) and a
// tag list's Link to its next page (RFC 8288), both resolved against the
// URL that answered.
import { InvalidArgument } from '../../common/index.js';

function httpUrl(value: string, base: URL, what: string): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new InvalidArgument(`${what}: the registry answered an invalid URL ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgument(`${what}: the registry answered a ${url.protocol} URL`);
  return url;
}

/** An upload's Location header, resolved against the request's URL. */
export function resolveLocation(header: string | undefined, base: URL, what: string): URL {
  if (header === undefined || header === '') throw new InvalidArgument(`${what}: the registry answered without a Location`);
  return httpUrl(header, base, what);
}

/** The `rel="next"` target of a Link header, resolved against the request's URL; undefined on the last page. */
export function nextPageLink(header: string | undefined, base: URL, what: string): URL | undefined {
  if (header === undefined) return undefined;
  // <target>; name=value; name="quoted, value", <target>; ...
  for (const link of header.matchAll(/<([^>]*)>((?:\s*;(?:[^;,"]|"[^"]*")*)*)/g)) {
    const params = [...link[2]!.matchAll(/;((?:[^;"]|"[^"]*")*)/g)].map((p) => p[1]!.trim());
    const rels = params.filter((p) => /^rel\s*=/i.test(p)).flatMap((p) => p.replace(/^rel\s*=\s*/i, '').replace(/^"|"$/g, '').split(/\s+/));
    if (rels.includes('next')) return httpUrl(link[1]!, base, what);
  }
  return undefined;
}
