// COPY and ADD (BuildKit's dispatchCopy): sources from the context, another
// stage, an image, a heredoc or (ADD) a URL, written as one layer at the
// destination. The cache key holds what the copy depends on: the content
// and metadata of context files (not their times), the other stage's key or
// the image's id, the heredocs' text, a download's digest.
import { lstat } from 'node:fs/promises';
import { posix } from 'node:path';
import { InvalidArgument, NotFound } from '../../common/index.js';
import type { StoredLayer } from '../../images/index.js';
import { resolveInRoot } from '../../storage/index.js';
import { expandHeredoc, expandWord, type AddInstruction, type CopyInstruction } from '../../spec/dockerfile/index.js';
import { IgnoreMatcher, expandSources, resolveInContext } from '../context/index.js';
import { copiedEntries, copyOwner, heredocFile, parseChmod, type CopySource } from './copy-entries.js';
import { downloadSource, isRemoteSource, type Download } from './download.js';
import { fromChain, fromInput } from './from-ref.js';
import { storeEntries } from './layer-tar.js';
import type { Step, StepContext } from './step.js';

type CopyLike = CopyInstruction | AddInstruction;

/** pathRelativeToWorkingDir, keeping the trailing '/' that makes the destination a directory. */
function destination(workdir: string, dest: string): { path: string; isDir: boolean } {
  const isDir = dest === '' || dest === '.' || dest.endsWith('/') || dest.endsWith('/.');
  return { path: posix.resolve('/', workdir, dest), isDir };
}

function historyLine(instr: CopyLike, chown: string, chmod: string, sources: readonly string[], dest: string): string {
  const flags = [
    ...(instr.kind === 'COPY' && instr.parents ? ['--parents'] : []),
    ...(chown ? [`--chown=${chown}`] : []),
    ...(chmod ? [`--chmod=${chmod}`] : []),
  ];
  return `${[instr.kind, ...flags, ...sources, dest].join(' ')} # buildkit`;
}

/** The key input for context sources: the digest of what is copied. */
async function contextInput(ctx: StepContext, sources: readonly string[], instr: CopyLike): Promise<unknown> {
  if (sources.length === 0) return ['context'];
  try {
    return ['context', (await ctx.sourcesDigest(sources)).digest];
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound(`${instr.kind} failed: ${err.message}`);
    throw err;
  }
}

export async function prepareCopy(ctx: StepContext, instr: CopyLike): Promise<Step> {
  const env = ctx.state.env();
  const expand = (word: string) => expandWord(word, env, ctx.escape);
  const written = instr.sources.map(expand);
  const writtenDest = expand(instr.dest);
  const dest = destination(ctx.state.workdir(), writtenDest);
  // Docker expands --chown and --chmod too (EXPANDED_FIELDS).
  const chown = instr.chown === undefined ? '' : expand(instr.chown);
  const chmodText = instr.chmod === undefined ? '' : expand(instr.chmod);
  const from = instr.kind === 'COPY' ? instr.from : undefined;
  const remote = written.filter((s) => instr.kind === 'ADD' && isRemoteSource(s));
  const local = written.filter((s) => !remote.includes(s));
  const paths = from === undefined ? await expandSources(ctx.contextDir, local) : local;
  const heredocs = instr.heredocs.map((h) => ({ name: h.name, content: h.expand ? expandHeredoc(h.content, env) : h.content }));
  const downloads: Download[] = [];
  for (const url of remote) downloads.push(await downloadSource(ctx, url));

  const count = paths.length + heredocs.length + downloads.length;
  if (count === 0) throw new InvalidArgument(`${instr.kind} failed: no source files were specified`);
  if (count > 1 && !dest.isDir) {
    throw new InvalidArgument(`When using ${instr.kind} with more than one source file, the destination must be a directory and end with a /`);
  }
  const chmod = parseChmod(chmodText);
  const exclude = instr.exclude.length > 0 ? new IgnoreMatcher(instr.exclude) : undefined;
  const parents = instr.kind === 'COPY' && instr.parents;
  const unpack = instr.kind === 'ADD' && instr.unpack !== false;

  return {
    inputs: [
      instr.kind, from === undefined ? await contextInput(ctx, paths, instr) : await fromInput(ctx, from), paths, dest, chown, chmod ?? null, parents, instr.exclude,
      heredocs, downloads.map((d) => [d.url, d.digest]), unpack,
    ],
    createdBy: historyLine(instr, chown, chmodText, [...written, ...instr.heredocs.map((h) => h.name)], writtenDest),
    async execute() {
      const layer = await ctx.rootfs.with(ctx.state.chain(), async (root) => {
        const owner = chown ? copyOwner(root, chown) : undefined;
        const withSources = async (fn: (sources: CopySource[]) => Promise<StoredLayer>) => {
          const extra: CopySource[] = [
            ...(await Promise.all(heredocs.map((h) => heredocFile(ctx, h.name, h.content)))),
            ...downloads.map((d): CopySource => ({ path: d.path, name: d.name, defaultOwner: { uid: 0, gid: 0 }, unpack: false, mode: 0o600 })),
          ];
          if (from === undefined) {
            const resolved = await Promise.all(paths.map((p) => contextSource(ctx.contextDir, p, instr, unpack)));
            return fn([...resolved, ...extra]);
          }
          return ctx.rootfs.with(await fromChain(ctx, from), async (sourceRoot) => {
            const expanded = await expandSources(sourceRoot, paths);
            const resolved = await Promise.all(expanded.map((p) => rootfsSource(sourceRoot, p, instr)));
            return fn([...resolved, ...extra]);
          });
        };
        return withSources(async (sources) => {
          const entries = copiedEntries(ctx, { root, dest: dest.path, destIsDir: dest.isDir || sources.length > 1, sources, owner, chmod, exclude, parents });
          return storeEntries(ctx, entries);
        });
      });
      return { config: ctx.state.runtime(), layer };
    },
  };
}

function missing(instr: CopyLike, name: string): NotFound {
  return new NotFound(`${instr.kind} failed: file not found in build context or excluded by .dockerignore: stat ${name}: file does not exist`);
}

async function contextSource(root: string, name: string, instr: CopyLike, unpack: boolean): Promise<CopySource> {
  const path = await resolveInContext(root, name);
  if (!(await lstat(path).catch(() => undefined))) throw missing(instr, name);
  return { path, name, defaultOwner: { uid: 0, gid: 0 }, unpack };
}

/** A source in another stage's or an image's root: owners kept, as BuildKit keeps them. */
async function rootfsSource(root: string, name: string, instr: CopyLike): Promise<CopySource> {
  const path = resolveInRoot(root, `/${name}`);
  if (!(await lstat(path).catch(() => undefined))) throw missing(instr, name);
  return { path, name, unpack: false };
}
