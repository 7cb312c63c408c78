// A container's events on the engine's bus, with the attributes moby gives
// them: the container's labels, its image (as given at create) and name.
import type { ContainerRecord } from './container-store.js';
import type { ContainerContext } from './context.js';

export function containerEvent(ctx: Pick<ContainerContext, 'events'>, c: ContainerRecord, action: string, extra: Record<string, string> = {}): void {
  const attributes = { ...(c.settings.Config.Labels ?? {}), image: c.settings.Config.Image, name: c.name.slice(1), ...extra };
  ctx.events.publish('container', action, c.id, attributes);
}
