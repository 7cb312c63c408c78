// Go's net package as the docker CLI uses it on addresses it checks:
// ParseIP (netip's rules: no IPv4 octet with a leading zero, no zone),
// IP.String, ParseCIDR and IPNet.Contains, SplitHostPort, JoinHostPort, and
// whether ParseMAC accepts a text. Node's net.isIP accepts other forms
// (zones) and nothing in Node prints an address as Go does.

/** An address as Go's net.IP holds it: 16 bytes (IPv4 as ::ffff:a.b.c.d); `is4` when it was written as IPv4 (netip's Is4). */
export interface GoIP {
  bytes: Uint8Array;
  is4: boolean;
}

/** A network as net.ParseCIDR returns it: the masked address and the prefix length, 32 or 128 bits wide. */
export interface GoIPNet {
  ip: GoIP;
  bits: number;
  width: 32 | 128;
}

const v4Octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4Pattern = new RegExp(`^${v4Octet}(?:\\.${v4Octet}){3}$`);

function v4Bytes(s: string): number[] | undefined {
  return v4Pattern.test(s) ? s.split('.').map(Number) : undefined;
}

/** The 16-bit words of colon-separated hex groups; the address's last group may be an IPv4 (two words). */
function words(groups: string[], endsAddress: boolean): number[] | undefined {
  const out: number[] = [];
  for (const [i, g] of groups.entries()) {
    const v4 = endsAddress && i === groups.length - 1 && g.includes('.') ? v4Bytes(g) : undefined;
    if (v4) out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
    else return undefined;
  }
  return out;
}

/** The 16 bytes of an IPv6 text, as netip.ParseAddr reads it. */
function v6Bytes(s: string): Uint8Array | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parts = halves.map((half, i) => (half === '' ? [] : words(half.split(':'), i === halves.length - 1)));
  const [head, tail = []] = parts;
  if (!head || parts.includes(undefined)) return undefined;
  const zeros = 8 - head.length - (tail?.length ?? 0);
  // "::" stands for at least one zero group; without it there must be eight.
  if (halves.length === 2 ? zeros < 1 : zeros !== 0) return undefined;
  const all = [...head, ...new Array<number>(zeros).fill(0), ...(tail ?? [])];
  const bytes = new Uint8Array(16);
  all.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

/** net.ParseIP: the address, or undefined where Go returns nil. */
export function parseIP(s: string): GoIP | undefined {
  const first = s.search(/[.:%]/);
  if (first < 0 || s[first] === '%') return undefined;
  if (s[first] === '.') {
    const v4 = v4Bytes(s);
    return v4 && { bytes: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]), is4: true };
  }
  const bytes = s.includes('%') ? undefined : v6Bytes(s);
  return bytes && { bytes, is4: false };
}

/** net.IP.To4: the four bytes of an IPv4 (or IPv4-mapped) address. */
function to4(bytes: Uint8Array): Uint8Array | undefined {
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.subarray(12) : undefined;
}

/** net.IP.String: dotted IPv4 (also for IPv4-mapped), else RFC 5952 (the first longest run of zero groups as "::"). */
export function ipString(ip: GoIP): string {
  const v4 = to4(ip.bytes);
  if (v4) return [...v4].join('.');
  const words = Array.from({ length: 8 }, (_, i) => (ip.bytes[2 * i]! << 8) | ip.bytes[2 * i + 1]!);
  let start = -1;
  let length = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i >= 2 && j - i > length) [start, length] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (list: number[]) => list.map((w) => w.toString(16)).join(':');
  return start < 0 ? hex(words) : `${hex(words.slice(0, start))}::${hex(words.slice(start + length))}`;
}

/** net.ParseCIDR; throws Go's "invalid CIDR address: ..." error. */
export function parseCIDR(s: string): { ip: GoIP; net: GoIPNet } {
  const slash = s.indexOf('/');
  const ip = slash < 0 ? undefined : parseIP(s.slice(0, slash));
  const mask = s.slice(slash + 1);
  const width = ip?.is4 ? 32 : 128;
  if (!ip || !/^[0-9]+$/.test(mask) || Number(mask) > width) throw new Error(`invalid CIDR address: ${s}`);
  const bits = Number(mask);
  const masked = Uint8Array.from(ip.bytes, (b, i) => {
    const bit = 8 * i - (128 - width);
    if (bit < 0) return b;
    return b & (0xff << (8 - Math.max(0, Math.min(8, bits - bit)))) & 0xff;
  });
  return { ip, net: { ip: { bytes: masked, is4: ip.is4 }, bits, width } };
}

/** net.IPNet.Contains (an IPv4 network holds IPv4 and IPv4-mapped addresses only, and the reverse). */
export function netContains(n: GoIPNet, ip: GoIP | undefined): boolean {
  if (!ip) return false;
  const netV4 = to4(n.ip.bytes);
  const ipV4 = to4(ip.bytes);
  if (n.width === 32 || netV4) {
    if (!netV4 || !ipV4) return false;
    const bits = n.width === 32 ? n.bits : n.bits - 96;
    return prefixEqual(netV4, ipV4, Math.max(0, bits));
  }
  return !ipV4 && prefixEqual(n.ip.bytes, ip.bytes, n.bits);
}

function prefixEqual(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < a.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - 8 * i));
    const mask = (0xff << (8 - keep)) & 0xff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

/** net.SplitHostPort; throws Go's AddrError text ("address [::1: missing ']' in address"). */
export function splitHostPort(hostport: string): { host: string; port: string } {
  const fail = (why: string): never => {
    throw new Error(`address ${hostport}: ${why}`);
  };
  const i = hostport.lastIndexOf(':');
  if (i < 0) fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) fail("missing ']' in address");
    if (end + 1 === hostport.length) fail('missing port in address');
    if (end + 1 !== i) fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    [j, k] = [1, end + 1];
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) fail("unexpected ']' in address");
  return { host, port: hostport.slice(i + 1) };
}

/** net.JoinHostPort: an IPv6 host goes in brackets. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const hexPair = '[0-9a-fA-F]{2}';
const hexQuad = '[0-9a-fA-F]{4}';
const macForms = [6, 8, 20].flatMap((n) => [
  new RegExp(`^${hexPair}(?::${hexPair}){${n - 1}}$`),
  new RegExp(`^${hexPair}(?:-${hexPair}){${n - 1}}$`),
  new RegExp(`^${hexQuad}(?:\\.${hexQuad}){${n / 2 - 1}}$`),
]);

/** Whether net.ParseMAC takes the text: 6, 8 or 20 octets as aa:bb..., aa-bb... or aabb.ccdd... */
export function isMacAddress(s: string): boolean {
  return macForms.some((form) => form.test(s));
}
