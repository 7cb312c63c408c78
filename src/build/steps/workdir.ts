// WORKDIR: the working directory of what follows, made (with its parents,
// owned by the current USER) when the image lacks it, as BuildKit's
// dispatchWorkdir does with a mkdir -p file op.
import { lstat } from 'node:fs/promises';
import { posix } from 'node:path';
import { InvalidArgument } from '../../common/index.js';
import { resolveInRoot, resolveUser } from '../../storage/index.js';
import { expandWord, type WorkdirInstruction } from '../../spec/dockerfile/index.js';
import { createdDirs, storeEntries } from './layer-tar.js';
import type { Step, StepContext } from './step.js';

/** system.NormalizeWorkdir: a relative path is taken from the current one. */
export function normalizeWorkdir(current: string, requested: string): string {
  return posix.resolve('/', current || '/', requested);
}

/** The components of `path` (inside root, symlinks followed) that do not exist yet, as archive names. */
export async function missingDirs(root: string, path: string): Promise<string[]> {
  const resolved = resolveInRoot(root, path);
  const parts = posix.relative(root, resolved).split('/').filter((p) => p !== '');
  const missing: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts.slice(0, i + 1).join('/');
    if (missing.length > 0) {
      missing.push(name);
      continue;
    }
    const stats = await lstat(posix.join(root, name)).catch(() => undefined);
    if (stats === undefined) missing.push(name);
    else if (!stats.isDirectory()) throw new InvalidArgument(`mkdir ${path}: not a directory`);
  }
  return missing;
}

export function prepareWorkdir(ctx: StepContext, instr: WorkdirInstruction): Step {
  const wd = normalizeWorkdir(ctx.state.workdir(), expandWord(instr.path, ctx.state.env(), ctx.escape));
  const user = ctx.state.runtime().User ?? '';
  return {
    inputs: ['WORKDIR', wd, user],
    createdBy: `WORKDIR ${wd}`,
    async execute() {
      const config = { ...ctx.state.runtime(), WorkingDir: wd };
      if (wd === '/') return { config };
      const entries = await ctx.rootfs.with(ctx.state.chain(), async (root) => {
        const missing = await missingDirs(root, wd);
        return missing.length === 0 ? [] : createdDirs(ctx, missing, user === '' ? { uid: 0, gid: 0 } : resolveUser(root, user));
      });
      if (entries.length === 0) return { config };
      return { config, layer: await storeEntries(ctx, entries) };
    },
  };
}
