// Used by the tests of this folder only: a layer store in a temporary data
// root, removed when the test ends.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../metadata/database.js';
import { LayerStore } from './layer-store.js';

export interface TempStore {
  dir: string;
  db: Database;
  store: LayerStore;
  /** Names left in <root>/layers/tmp. */
  leftovers(): Promise<string[]>;
}

export async function tempLayerStore(t: { after(fn: () => Promise<void>): void }): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-layers-'));
  const db = Database.open(join(dir, 'cais.db'));
  const store = new LayerStore(join(dir, 'layers'), db);
  await store.init();
  t.after(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { dir, db, store, leftovers: () => readdir(join(dir, 'layers', 'tmp')) };
}
