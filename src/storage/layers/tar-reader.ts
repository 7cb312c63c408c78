// A synchronous, push-based tar reader: feed it chunks with write(), it
// calls the sink for each entry header and each piece of file data, without
// copying file data. It reads the formats Go's archive/tar (and so Docker)
// reads: V7, ustar, GNU (long names) and PAX. It is strict: a bad checksum,
// a malformed number or PAX record, an unsupported entry type or a
// truncated archive is an error, never a guess.
//
// tar-stream (used to build tars) is not used to read them: it decodes PAX
// values as UTF-8, which corrupts binary xattrs such as security.capability,
// and its per-entry streams cost more than the file system work here.

export type EntryType = 'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo';

export interface TarEntry {
  /** The path as written in the archive (not normalised). */
  name: string;
  type: EntryType;
  /** Permission bits incl. setuid/setgid/sticky (mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch, with a fraction when PAX gives one. */
  mtime: number;
  /** Bytes of data that follow (0 for every type but 'file'). */
  size: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from SCHILY.xattr.* / LIBARCHIVE.xattr.* PAX records. */
  xattrs: Map<string, Buffer> | null;
}

export interface TarSink {
  entry(entry: TarEntry): void;
  /** A piece of the current entry's data; only valid during the call. */
  data(chunk: Buffer): void;
  /** Called after the last data of every entry (also for entries without data). */
  endEntry(): void;
}

export interface TarLimits {
  /** Largest data size of one entry. */
  maxEntrySize: number;
  /** Largest PAX or GNU long-name header. */
  maxMetaSize: number;
}

export class TarFormatError extends Error {}

const block = 512;
const zeroBlock = Buffer.alloc(block);

const typeFlags: Record<string, EntryType | 'pax' | 'pax-global' | 'long-name' | 'long-link'> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file', // contiguous file: a regular file everywhere that matters
  '1': 'link',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
  x: 'pax',
  g: 'pax-global',
  L: 'long-name',
  K: 'long-link',
};

type State =
  | { kind: 'header' }
  | { kind: 'data'; remaining: number; padding: number; paddingRead: boolean }
  | { kind: 'meta'; type: 'pax' | 'long-name' | 'long-link'; parts: Buffer[]; remaining: number; padding: number }
  | { kind: 'skip'; remaining: number }
  | { kind: 'zero' } // one zero block seen: the next must be zero too
  | { kind: 'end' };

/** Pending metadata from PAX and GNU headers, applied to the next entry. */
interface Pending {
  pax: Map<string, Buffer> | null;
  longName: string | null;
  longLink: string | null;
}

export class TarReader {
  private state: State = { kind: 'header' };
  private readonly header = Buffer.alloc(block);
  private headerFill = 0;
  private pending: Pending = { pax: null, longName: null, longLink: null };
  /** Name of the entry being read, for error messages. */
  private current = '';

  constructor(
    private readonly sink: TarSink,
    private readonly limits: TarLimits,
  ) {}

  /** True once the end-of-archive marker has been read; later bytes are ignored. */
  get ended(): boolean {
    return this.state.kind === 'end';
  }

  write(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      const state = this.state;
      switch (state.kind) {
        case 'end':
          return;
        case 'header':
        case 'zero': {
          if (this.headerFill === 0 && chunk.length - off >= block) {
            this.onBlock(chunk.subarray(off, off + block));
            off += block;
          } else {
            const n = chunk.copy(this.header, this.headerFill, off, Math.min(chunk.length, off + block - this.headerFill));
            this.headerFill += n;
            off += n;
            if (this.headerFill === block) {
              this.headerFill = 0;
              this.onBlock(this.header);
            }
          }
          break;
        }
        case 'data': {
          if (state.remaining > 0) {
            const n = Math.min(state.remaining, chunk.length - off);
            this.sink.data(chunk.subarray(off, off + n));
            state.remaining -= n;
            off += n;
            if (state.remaining > 0) break;
            this.sink.endEntry();
          }
          const n = Math.min(state.padding, chunk.length - off);
          state.padding -= n;
          state.paddingRead ||= n > 0;
          off += n;
          if (state.padding === 0) this.state = { kind: 'header' };
          break;
        }
        case 'meta': {
          if (state.remaining > 0) {
            const n = Math.min(state.remaining, chunk.length - off);
            // Copied: the chunk is only valid during this call.
            state.parts.push(Buffer.from(chunk.subarray(off, off + n)));
            state.remaining -= n;
            off += n;
            if (state.remaining > 0) break;
            this.onMeta(state.type, Buffer.concat(state.parts));
          }
          const n = Math.min(state.padding, chunk.length - off);
          state.padding -= n;
          off += n;
          if (state.padding === 0) this.state = { kind: 'header' };
          break;
        }
        case 'skip': {
          const n = Math.min(state.remaining, chunk.length - off);
          state.remaining -= n;
          off += n;
          if (state.remaining === 0) this.state = { kind: 'header' };
          break;
        }
      }
    }
  }

  /** Checks that the archive did not stop in the middle of something. */
  end(): void {
    const { kind } = this.state;
    if (kind === 'end' || kind === 'zero') return;
    // Like Go's archive/tar, an archive may end at an entry boundary
    // without the two zero blocks, or right after an entry's data, before
    // its padding (the docker CLI's `build -f -` context ends so).
    if (kind === 'header' && this.headerFill === 0 && !this.hasPending()) return;
    const s = this.state;
    if (s.kind === 'data' && s.remaining === 0 && !s.paddingRead && !this.hasPending()) return;
    throw new TarFormatError(`unexpected end of archive${this.current ? ` in entry ${JSON.stringify(this.current)}` : ''}`);
  }

  private hasPending(): boolean {
    return this.pending.pax !== null || this.pending.longName !== null || this.pending.longLink !== null;
  }

  private onBlock(buf: Buffer): void {
    if (buf.equals(zeroBlock)) {
      if (this.state.kind === 'zero') this.state = { kind: 'end' };
      else if (this.hasPending()) throw new TarFormatError('end of archive right after an extended header');
      else this.state = { kind: 'zero' };
      return;
    }
    if (this.state.kind === 'zero') throw new TarFormatError('invalid tar header after a zero block');
    this.onHeader(buf);
  }

  private onHeader(buf: Buffer): void {
    verifyChecksum(buf);
    const magic = buf.toString('latin1', 257, 265);
    const ustar = magic.startsWith('ustar\0');
    const flag = typeFlags[String.fromCharCode(buf[156]!)];
    let name = cString(buf, 0, 100);
    if (ustar && buf[345] !== 0) name = `${cString(buf, 345, 155)}/${name}`;
    this.current = this.pending.longName ?? name;
    if (flag === undefined) {
      throw new TarFormatError(`entry ${JSON.stringify(this.current)}: unsupported tar entry type ${JSON.stringify(String.fromCharCode(buf[156]!))}`);
    }
    let size = number(buf, 124, 12, 'size');
    if (flag === 'pax' || flag === 'pax-global' || flag === 'long-name' || flag === 'long-link') {
      if (size > this.limits.maxMetaSize) throw new TarFormatError(`extended header of ${size} bytes is larger than the limit of ${this.limits.maxMetaSize}`);
      if (flag === 'pax-global') {
        // Docker ignores global PAX headers; so does cais.
        this.state = size > 0 ? { kind: 'skip', remaining: padded(size) } : { kind: 'header' };
      } else if (size === 0) {
        this.onMeta(flag, Buffer.alloc(0));
      } else {
        this.state = { kind: 'meta', type: flag, parts: [], remaining: size, padding: padded(size) - size };
      }
      return;
    }

    const pending = this.pending;
    this.pending = { pax: null, longName: null, longLink: null };
    const pax = pending.pax;
    let type: EntryType = flag;
    const mode = number(buf, 100, 8, 'mode') & 0o7777;
    let uid = number(buf, 108, 8, 'uid');
    let gid = number(buf, 116, 8, 'gid');
    let mtime = number(buf, 136, 12, 'mtime');
    let linkname = pending.longLink ?? cString(buf, 157, 100);
    name = pending.longName ?? name;
    let xattrs: Map<string, Buffer> | null = null;
    if (pax !== null) {
      for (const [key, value] of pax) {
        if (key === 'path') name = value.toString('utf8');
        else if (key === 'linkpath') linkname = value.toString('utf8');
        else if (key === 'size') size = paxInteger(value, key);
        else if (key === 'uid') uid = paxInteger(value, key);
        else if (key === 'gid') gid = paxInteger(value, key);
        else if (key === 'mtime') mtime = paxTime(value);
        else if (key.startsWith('SCHILY.xattr.')) (xattrs ??= new Map()).set(key.slice(13), value);
        else if (key.startsWith('LIBARCHIVE.xattr.')) {
          (xattrs ??= new Map()).set(percentDecode(key.slice(17)), Buffer.from(value.toString('latin1'), 'base64'));
        } else if (key.startsWith('GNU.sparse.')) throw new TarFormatError(`entry ${JSON.stringify(name)}: sparse files are not supported`);
      }
    }
    this.current = name;
    // Old tars mark directories by a trailing slash only.
    if (type === 'file' && name.endsWith('/')) type = 'directory';
    // Only regular files carry data (as in Go's archive/tar).
    const dataSize = type === 'file' ? size : 0;
    if (dataSize > this.limits.maxEntrySize) {
      throw new TarFormatError(`entry ${JSON.stringify(name)}: size ${dataSize} is larger than the limit of ${this.limits.maxEntrySize}`);
    }
    const entry: TarEntry = {
      name,
      type,
      mode,
      uid,
      gid,
      mtime,
      size: dataSize,
      linkname,
      devmajor: ustar || magic === 'ustar  \0' ? number(buf, 329, 8, 'devmajor') : 0,
      devminor: ustar || magic === 'ustar  \0' ? number(buf, 337, 8, 'devminor') : 0,
      xattrs,
    };
    this.sink.entry(entry);
    if (dataSize === 0) {
      this.sink.endEntry();
      this.state = { kind: 'header' };
    } else {
      this.state = { kind: 'data', remaining: dataSize, padding: padded(dataSize) - dataSize, paddingRead: false };
    }
  }

  private onMeta(type: 'pax' | 'long-name' | 'long-link', data: Buffer): void {
    if (type === 'pax') this.pending.pax = parsePax(data);
    else if (type === 'long-name') this.pending.longName = cString(data, 0, data.length);
    else this.pending.longLink = cString(data, 0, data.length);
  }
}

function padded(size: number): number {
  return Math.ceil(size / block) * block;
}

function cString(buf: Buffer, start: number, length: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
}

function verifyChecksum(buf: Buffer): void {
  // The checksum field counts as eight spaces.
  let sum = 8 * 0x20;
  for (let i = 0; i < 148; i++) sum += buf[i]!;
  for (let i = 156; i < block; i++) sum += buf[i]!;
  const stored = number(buf, 148, 8, 'checksum');
  if (stored === sum) return;
  // Some old tars summed signed bytes; Go accepts both.
  for (let i = 0; i < block; i++) if (buf[i]! > 127 && (i < 148 || i >= 156)) sum -= 256;
  if (stored !== sum) throw new TarFormatError('invalid tar header (bad checksum): not a tar archive, or a corrupt one');
}

/** A numeric header field: octal text, or base-256 when the top bit is set. */
function number(buf: Buffer, start: number, length: number, field: string): number {
  const first = buf[start]!;
  if (first & 0x80) {
    if (first !== 0x80) throw new TarFormatError(`invalid tar header: negative or oversized ${field}`);
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + buf[i]!;
    if (!Number.isSafeInteger(value)) throw new TarFormatError(`invalid tar header: ${field} is too large`);
    return value;
  }
  let i = start;
  const end = start + length;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c === 0x20 || c === 0) break;
    if (c < 0x30 || c > 0x37) throw new TarFormatError(`invalid tar header: ${field} is not an octal number`);
    value = value * 8 + (c - 0x30);
    digits++;
  }
  for (; i < end; i++) {
    if (buf[i] !== 0x20 && buf[i] !== 0) throw new TarFormatError(`invalid tar header: ${field} is not an octal number`);
  }
  return digits === 0 ? 0 : value;
}

/** PAX records: "<length> <key>=<value>\n", values kept as raw bytes. */
function parsePax(data: Buffer): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  let off = 0;
  while (off < data.length) {
    if (data[off] === 0) break; // NUL padding after the last record
    const space = data.indexOf(0x20, off);
    const lengthText = space === -1 ? '' : data.toString('latin1', off, space);
    const length = /^[1-9][0-9]{0,8}$/.test(lengthText) ? Number(lengthText) : NaN;
    if (!(length > 0) || off + length > data.length || data[off + length - 1] !== 0x0a) {
      throw new TarFormatError('invalid PAX header: malformed record');
    }
    const equals = data.indexOf(0x3d, space + 1);
    if (equals === -1 || equals >= off + length - 1) throw new TarFormatError('invalid PAX header: record without "="');
    const key = data.toString('utf8', space + 1, equals);
    records.set(key, Buffer.from(data.subarray(equals + 1, off + length - 1)));
    off += length;
  }
  return records;
}

function paxInteger(value: Buffer, key: string): number {
  const text = value.toString('latin1');
  if (!/^[0-9]{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new TarFormatError(`invalid PAX header: ${key}=${JSON.stringify(text)}`);
  }
  return Number(text);
}

function paxTime(value: Buffer): number {
  const text = value.toString('latin1');
  if (!/^-?[0-9]{1,12}(\.[0-9]{1,9})?$/.test(text)) throw new TarFormatError(`invalid PAX header: mtime=${JSON.stringify(text)}`);
  return Number(text);
}

/** libarchive percent-encodes xattr names in its PAX keys. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TarFormatError(`invalid PAX header: xattr name ${JSON.stringify(text)}`);
  }
}
