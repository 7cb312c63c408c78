// POST /containers/{id}/rename (moby daemon/rename.go).
import { Conflict, InvalidArgument } from '../../common/index.js';
import type { ContainerContext } from './context.js';
import { containerEvent } from './events.js';
import { containerName } from './names.js';

const allocating = 'Error when allocating new name';

export function renameContainer(ctx: ContainerContext, ref: string, newName: string): void {
  if (ref === '' || newName === '') throw new InvalidArgument('Neither old nor new names may be empty');
  const c = ctx.store.resolve(ref);
  const name = newName.startsWith('/') ? newName : `/${newName}`;
  if (c.name === name) throw new InvalidArgument('Renaming a container with the same name as its current name');
  try {
    containerName(name);
    ctx.store.rename(c.id, name);
  } catch (err) {
    if (err instanceof InvalidArgument) throw new InvalidArgument(`${allocating}: ${err.message}`, { cause: err });
    if (err instanceof Conflict) throw new Conflict(`${allocating}: ${err.message}`, { cause: err });
    throw err;
  }
  containerEvent(ctx, { ...c, name }, 'rename', { oldName: c.name });
}
