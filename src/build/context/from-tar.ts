// What the daemon does with the body of POST /build, as Docker's classic
// builder does: the tar (plain, gzip or zstd) is extracted into a new
// directory through the layer unpacker's checks (nothing written through a
// symlink, no '..' out of it, no device nodes) within a size limit; the
// Dockerfile is read; then .dockerignore and the Dockerfile are removed if
// .dockerignore excludes them (the CLI sent them anyway). The rest of
// .dockerignore is the client's to apply: the classic builder does not
// re-apply it, so neither does this.
import { mkdtemp, rm } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidArgument, errorMessage } from '../../common/index.js';
import { extractArchive, maxLayerBytes } from '../../storage/index.js';
import { parseDockerignore } from './ignore-file.js';
import type { SourceDigestMemo } from './digest-memo.js';
import { IgnoreMatcher } from './ignore-matcher.js';
import { readContextFile, resolveInContext } from './in-context.js';

export interface TarContextOptions {
  /** An existing directory; the context's is made inside it. */
  parent: string;
  /** The `dockerfile` query parameter: the Dockerfile's path in the context. Default "Dockerfile". */
  dockerfile?: string;
  /** Largest tar accepted, in uncompressed bytes. Default the layer limit. */
  maxBytes?: number;
}

export interface BuildContext {
  /** The context's directory, as long as the build runs. */
  dir: string;
  /** The Dockerfile's path in the context, as found ("dockerfile" when "Dockerfile" is missing, as Docker falls back). */
  dockerfilePath: string;
  /** The Dockerfile's text. */
  dockerfile: string;
  /** A kept context's memo of source digests (see digest-memo.ts). */
  digests?: SourceDigestMemo;
  /** Called when the build is done: the directory is removed (or kept for the next sync of its key). */
  release(): Promise<void>;
}

/** Reads the Dockerfile of an unpacked context and drops the build files .dockerignore excludes (`removed`, relative to dir). */
export async function finishContext(dir: string, dockerfile: string | undefined): Promise<{ context: Omit<BuildContext, 'release'>; removed: string[] }> {
  const { path, text } = await readDockerfile(dir, dockerfile || 'Dockerfile');
  const removed = await removeIgnoredBuildFiles(dir, path);
  return { context: { dir, dockerfilePath: path, dockerfile: text }, removed };
}

/** Extracts a build context; on failure nothing is left in parent. */
export async function contextFromTar(src: Readable, opts: TarContextOptions): Promise<BuildContext> {
  const dir = await mkdtemp(`${opts.parent}/context-`);
  try {
    await extractArchive(src, dir, { noOverwriteDirNonDir: false, displayRoot: '.' }, opts.maxBytes ?? maxLayerBytes);
    const { context } = await finishContext(dir, opts.dockerfile);
    return { ...context, release: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function readDockerfile(root: string, name: string): Promise<{ path: string; text: string }> {
  for (const path of name === 'Dockerfile' ? [name, 'dockerfile'] : [name]) {
    let data;
    try {
      data = await readContextFile(root, path);
    } catch (err) {
      if (err instanceof InvalidArgument) throw err;
      throw new InvalidArgument(`unexpected error reading Dockerfile: ${errorMessage(err)}`, { cause: err });
    }
    if (data === undefined) continue;
    if (data.length === 0) throw new InvalidArgument(`the Dockerfile (${path}) cannot be empty`);
    return { path, text: data.toString('utf8') };
  }
  throw new InvalidArgument(`Cannot locate specified Dockerfile: ${name}`);
}

/** moby's removeDockerfile: what .dockerignore excludes of itself and the Dockerfile goes (what a symlink names, as there). */
async function removeIgnoredBuildFiles(root: string, dockerfile: string): Promise<string[]> {
  const content = await readContextFile(root, '.dockerignore');
  if (content === undefined) return [];
  let matcher: IgnoreMatcher;
  try {
    matcher = new IgnoreMatcher(parseDockerignore(content));
  } catch (err) {
    if (err instanceof InvalidArgument) return []; // Docker removes nothing then either
    throw err;
  }
  const removed: string[] = [];
  for (const name of ['.dockerignore', dockerfile]) {
    if (!matcher.excludes(name)) continue;
    const full = await resolveInContext(root, name);
    if (full === root) continue;
    await rm(full, { recursive: true, force: true });
    removed.push(relative(root, full));
  }
  return removed;
}
