// Layers a step writes without a container (WORKDIR, COPY): a tar of chosen
// entries, stored on top of the stage's layers. Directories the step
// creates have no file of their own: they are written from an empty
// directory's metadata with the mode and owner Docker gives them.
import { lstat } from 'node:fs/promises';
import type { StoredLayer } from '../../images/index.js';
import { tarEntries, type TarSource } from '../../storage/index.js';
import type { StepContext } from './step.js';

export interface Owner {
  uid: number;
  gid: number;
}

/** Entries for directories to create (archive names, parents first), 0755 unless told. */
export async function createdDirs(ctx: StepContext, names: readonly string[], owner: Owner, mode = 0o755): Promise<TarSource[]> {
  if (names.length === 0) return [];
  const path = await ctx.tempDir();
  const stats = await lstat(path, { bigint: true });
  return names.map((name) => ({ path, name, stats, mode, uid: owner.uid, gid: owner.gid }));
}

/** Stores the entries as a layer on the stage's chain. */
export function storeEntries(ctx: StepContext, entries: AsyncIterable<TarSource> | Iterable<TarSource>): Promise<StoredLayer> {
  async function* all(): AsyncGenerator<TarSource> {
    for await (const e of entries) yield e;
  }
  return ctx.writer.addLayer(tarEntries(all()), ctx.state.layers.at(-1)?.chainId ?? null);
}
