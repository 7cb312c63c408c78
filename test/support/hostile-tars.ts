// A corpus of hostile and broken layer tars, built byte by byte (so that
// headers can say things no well-behaved tar writer would), for the tests
// of layer unpacking and image loading. Each one is either refused
// (InvalidArgument) or, where Docker accepts the input but reads it inside
// the root, `contained`: it unpacks, and the named path inside the layer is
// where the entry landed. Nothing may ever appear in outsideDir.
import { gzipSync } from 'node:zlib';

export interface HostileTar {
  name: string;
  data: Buffer;
  compressed?: 'gzip';
  /** Set when the tar is accepted: the path (inside the layer) where its entry must land. */
  contained?: string;
}

/** One raw tar entry; every field can be set, even to nonsense. */
export interface RawEntry {
  name: string;
  /** The typeflag character: '0' file, '1' hard link, '2' symlink, '3' char, '4' block, '5' dir, '6' FIFO, 'x' PAX, 'L' GNU long name. */
  type?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  data?: Buffer | string;
  /** The raw 12 bytes of the size field, instead of the data length. */
  sizeField?: Buffer;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar header block (with a correct checksum) followed by the data, padded. */
export function rawEntry(entry: RawEntry): Buffer {
  const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
  const header = Buffer.alloc(512);
  if (Buffer.byteLength(entry.name) > 100) throw new Error(`raw tar name too long: ${entry.name}`);
  header.write(entry.name, 0);
  header.write(octal(entry.mode ?? 0o644, 8), 100, 'latin1');
  header.write(octal(entry.uid ?? 0, 8), 108, 'latin1');
  header.write(octal(entry.gid ?? 0, 8), 116, 'latin1');
  if (entry.sizeField !== undefined) entry.sizeField.copy(header, 124, 0, 12);
  else header.write(octal(data.length, 12), 124, 'latin1');
  header.write(octal(entry.mtime ?? 0, 12), 136, 'latin1');
  header.write(entry.type ?? '0', 156, 'latin1');
  header.write(entry.linkname ?? '', 157);
  header.write('ustar\x0000', 257, 'latin1');
  header.write(octal(entry.devmajor ?? 0, 8), 329, 'latin1');
  header.write(octal(entry.devminor ?? 0, 8), 337, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7), 148, 'latin1');
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

/** A PAX extended header entry; values are raw bytes (binary xattrs stay intact). */
export function paxEntry(records: Record<string, string | Buffer>): Buffer {
  const lines: Buffer[] = [];
  for (const [key, value] of Object.entries(records)) {
    const body = Buffer.concat([Buffer.from(` ${key}=`), Buffer.from(value), Buffer.from('\n')]);
    let length = body.length + 1;
    while (String(length).length + body.length !== length) length = String(length).length + body.length;
    lines.push(Buffer.concat([Buffer.from(String(length)), body]));
  }
  return rawEntry({ name: 'PaxHeader', type: 'x', data: Buffer.concat(lines) });
}

/** Entries followed by the end-of-archive marker (two zero blocks). */
export function rawTar(...entries: Buffer[]): Buffer {
  return Buffer.concat([...entries, Buffer.alloc(1024)]);
}

/** A base-256 size field holding 2^bits bytes. */
function base256Size(bits: number): Buffer {
  const field = Buffer.alloc(12);
  field[0] = 0x80;
  field[11 - Math.floor(bits / 8)] = 1 << bits % 8;
  return field;
}

export function hostileTars(outsideDir: string): HostileTar[] {
  const outside = outsideDir.replace(/\/+$/, '');
  const file = (name: string, data = 'evil') => rawEntry({ name, data });
  const symlink = (name: string, linkname: string) => rawEntry({ name, type: '2', linkname, mode: 0o777 });
  const hardlink = (name: string, linkname: string) => rawEntry({ name, type: '1', linkname });
  const dir = (name: string) => rawEntry({ name, type: '5', mode: 0o755 });
  const good = rawTar(dir('d/'), file('d/big', 'x'.repeat(10_000)), file('d/after', 'after'));
  const gzipped = gzipSync(good);
  const corrupt = Buffer.from(gzipped);
  for (let i = 20; i < 40; i++) corrupt[i] = corrupt[i]! ^ 0xa5;

  return [
    // Docker drops the leading '/', so an absolute path lands inside the root.
    { name: 'absolute-path', data: rawTar(file(`${outside}/absolute`)), contained: `${outside.slice(1)}/absolute` },
    { name: 'absolute-etc-path', data: rawTar(file('/etc/cais-hostile-evil')), contained: 'etc/cais-hostile-evil' },
    { name: 'dotdot', data: rawTar(file('../evil')) },
    { name: 'dotdot-nested', data: rawTar(file('a/../../evil')) },
    { name: 'dotdot-absolute', data: rawTar(file('/../evil')) },
    { name: 'pax-path-dotdot', data: rawTar(paxEntry({ path: '../../evil' }), file('innocent')) },
    { name: 'symlink-absolute-then-file', data: rawTar(symlink('link', outside), file('link/evil')) },
    { name: 'symlink-relative-then-file', data: rawTar(symlink('link', '../..'), file('link/evil')) },
    {
      name: 'symlink-deep-relative-then-file',
      data: rawTar(symlink('link', `${'../'.repeat(32)}${outside.slice(1)}`), file('link/evil')),
    },
    { name: 'symlink-then-directory', data: rawTar(symlink('link', outside), dir('link/sub/')) },
    { name: 'symlink-then-nested-file', data: rawTar(dir('a/'), symlink('a/b', outside), file('a/b/c/evil')) },
    { name: 'symlink-then-whiteout', data: rawTar(symlink('link', outside), file('link/.wh.victim', '')) },
    { name: 'symlink-then-opaque', data: rawTar(symlink('link', outside), file('link/.wh..wh..opq', '')) },
    { name: 'symlink-then-hardlink-through', data: rawTar(file('target'), symlink('link', outside), hardlink('link/evil', 'target')) },
    // A later file replaces the symlink; it is never written through.
    { name: 'symlink-then-same-name-file', data: rawTar(symlink('evil', `${outside}/written-through`), file('evil')), contained: 'evil' },
    { name: 'hardlink-to-etc-passwd', data: rawTar(hardlink('passwd', '/etc/passwd')) },
    { name: 'hardlink-dotdot', data: rawTar(hardlink('evil', '../outside')) },
    { name: 'hardlink-through-symlink', data: rawTar(symlink('link', outside), hardlink('evil', 'link/secret')) },
    { name: 'hardlink-to-directory', data: rawTar(dir('d/'), hardlink('evil', 'd')) },
    { name: 'hardlink-missing-target', data: rawTar(hardlink('evil', 'nothing-here')) },
    { name: 'whiteout-dotdot', data: rawTar(dir('a/'), file('a/.wh...', '')) },
    { name: 'char-device', data: rawTar(rawEntry({ name: 'null', type: '3', mode: 0o666, devmajor: 1, devminor: 3 })) },
    { name: 'block-device', data: rawTar(rawEntry({ name: 'sda', type: '4', mode: 0o660, devmajor: 8, devminor: 0 })) },
    { name: 'truncated-mid-entry', data: good.subarray(0, 512 * 3 + 100) },
    { name: 'truncated-mid-header', data: good.subarray(0, 700) },
    { name: 'truncated-gzip', data: gzipped.subarray(0, Math.floor(gzipped.length / 2)), compressed: 'gzip' },
    { name: 'corrupt-gzip', data: corrupt, compressed: 'gzip' },
    { name: 'absurd-size', data: rawTar(rawEntry({ name: 'huge', sizeField: base256Size(80) })) },
    { name: 'oversized-entry', data: rawTar(rawEntry({ name: 'huge', sizeField: base256Size(40) })) },
    { name: 'absurd-pax-size', data: rawTar(paxEntry({ size: '99999999999999999' }), file('huge')) },
    { name: 'bad-checksum', data: (() => { const tar = rawTar(file('x')); tar[0] = 0x79; return tar; })() },
    { name: 'zip', data: Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(2000, 0x41)]) },
    { name: 'garbage', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)) },
  ];
}
