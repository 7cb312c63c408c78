// What COPY --from and RUN --mount from= name: an earlier stage or an
// image. Its part of a step's cache key (the stage's key, the image's id)
// and the layers to mount to read from it.
import type { Digest } from '../../common/index.js';
import type { StepContext } from './step.js';

/** The cache key input of the stage or image `ref` names. */
export async function fromInput(ctx: StepContext, ref: string): Promise<unknown> {
  const index = ctx.stageIndex(ref);
  return index === undefined ? ['image', (await ctx.image(ref)).id] : ['stage', (await ctx.stage(index)).key];
}

/** The layer chain of the stage or image `ref` names. */
export async function fromChain(ctx: StepContext, ref: string): Promise<Digest[]> {
  const index = ctx.stageIndex(ref);
  return index === undefined ? (await ctx.image(ref)).layers.map((l) => l.chainId) : (await ctx.stage(index)).chain();
}
