// `cais cp`: docker cp's two directions. From a container: the daemon's tar
// of the path, written to stdout (`-`) or extracted locally where docker's
// path rules say. To a container: a tar of the local path (or stdin),
// renamed so that extracting it in the directory the rules pick gives the
// asked-for result. Progress and "Successfully copied" go to stderr unless
// quiet (the default when stdout is not a terminal), as docker 28 prints them.
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from '../cli-context.js';
import {
  copyInfoDestinationPath,
  copyInfoSourcePath,
  extractLocal,
  getRebaseName,
  preserveTrailingDotOrSeparator,
  prepareArchiveCopy,
  rebaser,
  splitCpArg,
  splitPathDirEntry,
  tarLocal,
  type CopyInfo,
} from '../copy-archive.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { humanSizeWithPrecision } from '../format/units.js';

const goModeDir = 2 ** 31;
const goModeSymlink = 2 ** 27;
// Go's os.ModeType minus ModeDir and ModeSymlink: what cannot be a destination.
const goModeSpecial = 2 ** 26 + 2 ** 25 + 2 ** 24 + 2 ** 21 + 2 ** 19;

interface Config {
  container: string;
  src: string;
  dst: string;
  followLink: boolean;
  copyUIDGID: boolean;
  quiet: boolean;
}

/** Counts the bytes that pass, for the summary line. */
function counted(stream: Readable, total: { n: number }): Readable {
  stream.on('data', (chunk: Buffer) => (total.n += chunk.length));
  return stream;
}

function summary(cli: CliContext, content: number, transferred: number, dest: string): void {
  const size = humanSizeWithPrecision(content, 3);
  cli.err(content !== transferred ? `Successfully copied ${size} (transferred ${humanSizeWithPrecision(transferred, 3)}) to ${dest}\n` : `Successfully copied ${size} to ${dest}\n`);
}

function localPath(path: string): string {
  return preserveTrailingDotOrSeparator(resolve(path), path);
}

async function fromContainer(cli: CliContext, c: Config): Promise<void> {
  const dst = c.dst === '-' ? '-' : localPath(c.dst);
  const client = await cli.client();
  let src = c.src;
  let rebaseName = '';
  if (c.followLink) {
    const stat = await client.statContainerPath(c.container, src).catch(() => undefined);
    if (stat && stat.mode & goModeSymlink) {
      const target = stat.linkTarget.startsWith('/') ? stat.linkTarget : `${splitPathDirEntry(src)[0]}/${stat.linkTarget}`;
      [src, rebaseName] = getRebaseName(src, target);
    }
  }
  const { stat, tar } = await client.getContainerArchive(c.container, src);
  if (dst === '-') {
    await pipeline(tar, cli.streams.stdout, { end: false });
    return;
  }
  const total = { n: 0 };
  const srcInfo: CopyInfo = { path: src, exists: true, isDir: (stat.mode & goModeDir) !== 0, rebaseName };
  const renameToSrc = rebaseName !== '' ? rebaser(splitPathDirEntry(src)[1], rebaseName) : (name: string) => name;
  const { dir, rename } = prepareArchiveCopy(srcInfo, await copyInfoDestinationPath(dst));
  await extractLocal(counted(tar, total), dir, (name) => rename(renameToSrc(name)));
  if (!c.quiet) summary(cli, srcInfo.isDir ? total.n : stat.size, total.n, dst);
}

async function toContainer(cli: CliContext, c: Config): Promise<void> {
  const client = await cli.client();
  const dstInfo: CopyInfo = { path: c.dst, exists: false, isDir: false, rebaseName: '' };
  let dstStat = await client.statContainerPath(c.container, c.dst).catch(() => undefined);
  if (dstStat && dstStat.mode & goModeSymlink) {
    const target = dstStat.linkTarget.startsWith('/') ? dstStat.linkTarget : `${splitPathDirEntry(c.dst)[0]}/${dstStat.linkTarget}`;
    dstInfo.path = target;
    dstStat = await client.statContainerPath(c.container, target).catch(() => undefined);
  }
  if (dstStat) {
    if (dstStat.mode & goModeSpecial) {
      throw new StatusError(`destination "${c.container}:${c.dst}" must be a directory or a regular file: got an irregular file`);
    }
    dstInfo.exists = true;
    dstInfo.isDir = (dstStat.mode & goModeDir) !== 0;
  }
  if (c.src === '-') {
    if (!dstInfo.isDir) throw new StatusError(`destination "${c.container}:${c.dst}" must be a directory`);
    await client.putContainerArchive(c.container, dstInfo.path, cli.streams.stdin as Readable, { copyUIDGID: c.copyUIDGID });
    // docker counts nothing read from stdin.
    if (!c.quiet) summary(cli, 0, 0, `${c.container}:${dstInfo.path}`);
    return;
  }
  const srcInfo = await copyInfoSourcePath(localPath(c.src), c.followLink);
  const { dir, rename } = prepareArchiveCopy(srcInfo, dstInfo);
  const total = { n: 0 };
  const content = { n: 0 };
  const tar = counted(tarLocal(srcInfo, rename, content), total);
  await client.putContainerArchive(c.container, dir, tar, { copyUIDGID: c.copyUIDGID });
  if (!c.quiet) summary(cli, content.n, total.n, `${c.container}:${dstInfo.path}`);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [source, destination] = flags.args as [string, string];
  if (source === '') throw new StatusError('source can not be empty');
  if (destination === '') throw new StatusError('destination can not be empty');
  const [srcContainer, src] = splitCpArg(source);
  const [dstContainer, dst] = splitCpArg(destination);
  const quietFlag = flags.values.get('quiet') as boolean;
  const config: Config = {
    container: srcContainer || dstContainer,
    src,
    dst,
    followLink: flags.values.get('follow-link') === true,
    copyUIDGID: flags.values.get('archive') === true,
    // Without -q, quiet when stdout is not a terminal.
    quiet: flags.changed.has('quiet') ? quietFlag : !cli.streams.stdout.isTTY,
  };
  if (srcContainer !== '' && dstContainer !== '') throw new StatusError('copying between containers is not supported');
  if (srcContainer !== '') return fromContainer(cli, config);
  if (dstContainer !== '') return toContainer(cli, config);
  throw new StatusError('must specify at least one container source');
}
