// docker network connect/disconnect (moby's ConnectToNetwork and
// DisconnectFromNetwork): the endpoint is added to or dropped from the
// container's settings, and a running container's stack changes at once.
import { Conflict, InvalidArgument, NotFound, PermissionDenied } from '../../common/index.js';
import type { NetworkRecord } from '../../network/index.js';
import type { EndpointSettings } from '../../spec/index.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerContext } from './context.js';
import { checkEndpointSettings, endpointRequest } from './networking.js';

const running = new Set(['running', 'paused']);

/** The key of the container's endpoint on a network (stored by the name or id it was given with). */
function endpointKey(c: ContainerRecord, n: NetworkRecord): string | undefined {
  return Object.keys(c.settings.NetworkingConfig?.EndpointsConfig ?? {}).find((key) => key === n.name || key === n.id);
}

function checkMode(c: ContainerRecord, n: NetworkRecord, ctx: ContainerContext): void {
  const mode = c.settings.HostConfig.NetworkMode;
  if (mode.startsWith('container:')) throw new Conflict('container sharing network namespace with another container or host cannot be connected to any other network');
  const current = ctx.networks.find(mode);
  if (current?.driver === 'host' || n.driver === 'host') throw new PermissionDenied('container cannot be disconnected from host network or connected to host network');
  if (current?.driver === 'null' || n.driver === 'null') throw new PermissionDenied('container cannot be connected to multiple networks with one of the networks in private (none) mode');
}

export async function connectNetwork(ctx: ContainerContext, ref: string, n: NetworkRecord, settings: EndpointSettings | null): Promise<string> {
  const c = ctx.store.resolve(ref);
  checkMode(c, n, ctx);
  if (endpointKey(c, n) !== undefined) throw new PermissionDenied(`endpoint with name ${c.name.slice(1)} already exists in network ${n.name}`);
  checkEndpointSettings(n, settings);
  if (running.has(c.state.status)) await ctx.networks.connect(c.name.slice(1), c.id, endpointRequest(c, n, settings));
  const endpoints = { ...(c.settings.NetworkingConfig?.EndpointsConfig ?? {}), [n.name]: settings ?? {} };
  ctx.store.saveSettings(c.id, { ...c.settings, NetworkingConfig: { EndpointsConfig: endpoints } });
  return c.id;
}

export async function disconnectNetwork(ctx: ContainerContext, ref: string, n: NetworkRecord, force: boolean): Promise<string> {
  let c: ContainerRecord;
  try {
    c = ctx.store.resolve(ref);
  } catch (err) {
    // As moby: force disconnects an endpoint whose container is gone.
    if (force && err instanceof NotFound) return ref;
    throw err;
  }
  const key = endpointKey(c, n);
  if (key === undefined) throw new InvalidArgument(`container ${c.id} is not connected to network ${n.name}`);
  if (n.driver === 'host') throw new PermissionDenied('container cannot be disconnected from host network or connected to host network');
  if (running.has(c.state.status)) await ctx.networks.disconnect(c.name.slice(1), c.id, n.id);
  const endpoints = { ...(c.settings.NetworkingConfig?.EndpointsConfig ?? {}) };
  delete endpoints[key];
  ctx.store.saveSettings(c.id, { ...c.settings, NetworkingConfig: { EndpointsConfig: endpoints } });
  return c.id;
}
