// RUN (BuildKit's dispatchRun): the command in a real container on the
// stage's layers, its changes the step's layer. Shell form goes through
// SHELL; a command that is only a heredoc runs its text (as a script when
// it starts with #!), other heredocs are handed to the shell as written.
// --mount: cache (a directory kept between builds), bind (from the context,
// a stage or an image; read-only unless rw, whose writes are dropped) and
// tmpfs. The key holds the command, the build args it sees, the network and
// the mounts (a bind's content too; a cache's is not, as in BuildKit).
import { cp, mkdir, writeFile, chmod as chmodFile, chown } from 'node:fs/promises';
import { posix } from 'node:path';
import { FailedPrecondition, InvalidArgument } from '../../common/index.js';
import { resolveInRoot } from '../../storage/index.js';
import { expandWord, parseMount, type Heredoc, type RunInstruction, type RunMount } from '../../spec/dockerfile/index.js';
import { proxyArgs } from '../args.js';
import { resolveInContext } from '../context/index.js';
import { runHistory } from '../history.js';
import { fromChain, fromInput } from './from-ref.js';
import type { RunStepMount, Step, StepContext } from './step.js';

const pipesDir = '/dev/pipes';

/** The argv, and a script to mount at /dev/pipes when the heredoc is one (#!). */
function runArgs(ctx: StepContext, instr: RunInstruction): { args: string[]; script?: { name: string; content: string } } {
  if (!instr.shell) return { args: [...instr.command] };
  const shell = ctx.state.shell();
  if (instr.heredocs.length === 0) return { args: [...shell, instr.command.join(' ')] };
  const only = instr.command.length === 1 && /^<<-?(["']?)([^"'\s]+)\1$/.test(instr.command[0]!) ? instr.heredocs[0]! : undefined;
  if (only === undefined) {
    const full = instr.heredocs.reduce((text, h: Heredoc) => `${text}\n${h.content}${h.name}`, instr.command.join(' '));
    return { args: [...shell, full] };
  }
  if (only.content.startsWith('#!')) return { args: [posix.join(pipesDir, only.name)], script: { name: only.name, content: only.content } };
  return { args: [...shell, only.content] };
}

/** What a bind mount's content is keyed by. */
async function bindInput(ctx: StepContext, m: RunMount): Promise<unknown> {
  if (m.from === undefined) return ['context', (await ctx.sourcesDigest([m.source ?? '.'])).digest];
  return fromInput(ctx, m.from);
}

function mountTarget(ctx: StepContext, m: RunMount): string {
  if (m.target === undefined || m.target === '') throw new InvalidArgument('mount target is required');
  return posix.resolve('/', ctx.state.workdir(), m.target);
}

export async function prepareRun(ctx: StepContext, instr: RunInstruction): Promise<Step> {
  const env = ctx.state.env();
  const mounts = instr.mounts.map((spec) => parseMount(spec, (v) => expandWord(v, env, ctx.escape)));
  for (const m of mounts) {
    if (m.type === 'cache' && m.from !== undefined) throw new InvalidArgument('RUN --mount=type=cache,from=... is not supported by cais yet');
    if ((m.type === 'secret' || m.type === 'ssh') && m.required) {
      throw new InvalidArgument(`${m.type === 'secret' ? `secret ${m.id ?? m.target ?? ''}` : 'ssh agent'} not found: cais build does not forward ${m.type}s yet`);
    }
  }
  const used = mounts.filter((m) => m.type !== 'secret' && m.type !== 'ssh');
  const keyed = await Promise.all(used.map(async (m) => [m, m.type === 'bind' ? await bindInput(ctx, m) : null]));
  const { args, script } = runArgs(ctx, instr);
  const proxies = new Map([...ctx.given].filter(([k]) => proxyArgs.has(k)));
  const argPairs = ctx.state.argPairs();
  const network = instr.network === 'default' ? ctx.options.networkMode : instr.network;
  const targets = used.map((m) => mountTarget(ctx, m));

  return {
    inputs: ['RUN', args, argPairs, script ?? null, network, keyed, ctx.state.runtime().User ?? '', ctx.state.workdir()],
    createdBy: runHistory(args, argPairs),
    async execute() {
      const runMounts: RunStepMount[] = [];
      for (const [i, m] of used.entries()) runMounts.push(await runMount(ctx, m, targets[i]!));
      if (script !== undefined) {
        const dir = await ctx.tempDir();
        await writeFile(posix.join(dir, script.name), script.content, { mode: 0o755 });
        runMounts.push({ type: 'bind', source: dir, target: pipesDir, readonly: true });
      }
      const withSources = (fn: () => Promise<Awaited<ReturnType<Step['execute']>>>) => withStageBinds(ctx, used, runMounts, fn);
      return withSources(async () => {
        const result = await ctx.runner.run({
          image: ctx.state.baseImage,
          layers: ctx.state.chain(),
          cmd: args,
          env: ctx.state.runEnv(proxies),
          user: ctx.state.runtime().User ?? '',
          workdir: ctx.state.workdir(),
          network,
          mounts: runMounts,
          options: ctx.options,
          output: (data) => ctx.output(data),
          container: (id, phase) => ctx.container(id, phase),
          signal: ctx.signal,
        });
        try {
          if (result.exitCode !== 0) {
            throw new FailedPrecondition(`process "${args.join(' ')}" did not complete successfully: exit code: ${result.exitCode}`);
          }
          const layer = await ctx.writer.addLayer(result.diff(), ctx.state.layers.at(-1)?.chainId ?? null);
          return { config: ctx.state.runtime(), layer };
        } finally {
          await result.remove();
        }
      });
    },
  };
}

/** The host side of a cache, context-bind or tmpfs mount (stage and image binds are mounted in withStageBinds). */
async function runMount(ctx: StepContext, m: RunMount, target: string): Promise<RunStepMount> {
  if (m.type === 'tmpfs') return { type: 'tmpfs', target, readonly: false, ...(m.size !== undefined && { size: m.size }) };
  if (m.type === 'cache') {
    const dir = await ctx.cacheMount(m.id || target);
    if (m.mode !== undefined) await chmodFile(dir, m.mode);
    if (m.uid !== undefined || m.gid !== undefined) await chown(dir, m.uid ?? 0, m.gid ?? 0);
    return { type: 'bind', source: dir, target, readonly: m.readOnly };
  }
  if (m.from !== undefined) return { type: 'bind', source: '', target, readonly: m.readOnly };
  const source = await resolveInContext(ctx.contextDir, m.source ?? '.');
  return { type: 'bind', source: await writableCopy(ctx, source, m.readOnly), target, readonly: m.readOnly };
}

/** A read-write bind's writes are dropped after the step: it gets a copy. */
async function writableCopy(ctx: StepContext, source: string, readOnly: boolean): Promise<string> {
  if (readOnly) return source;
  const copy = posix.join(await ctx.tempDir(), 'bind');
  await mkdir(posix.dirname(copy), { recursive: true });
  await cp(source, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  return copy;
}

/** Mounts the stages and images bind mounts name (read-only overlays), fills in their sources, runs fn. */
async function withStageBinds<T>(ctx: StepContext, mounts: readonly RunMount[], runMounts: RunStepMount[], fn: () => Promise<T>): Promise<T> {
  const at = mounts.findIndex((m, i) => m.type === 'bind' && m.from !== undefined && runMounts[i]!.source === '');
  if (at < 0) return fn();
  const m = mounts[at]!;
  return ctx.rootfs.with(await fromChain(ctx, m.from!), async (root) => {
    const source = resolveInRoot(root, posix.resolve('/', m.source ?? '/'));
    runMounts[at] = { ...runMounts[at]!, source: await writableCopy(ctx, source, m.readOnly) };
    return withStageBinds(ctx, mounts, runMounts, fn);
  });
}
