// A container's networking as Docker defines it: the network mode chosen at
// create (default bridge, host, none, container:<id> or a user-defined
// network, plus the other networks of NetworkingConfig), turned at start
// into a sandbox request (endpoints, published ports) for src/network, and
// the runtime's network namespace.
import { Conflict, InvalidArgument, NotFound, shortId } from '../../common/index.js';
import type { EndpointRequest, NetworkRecord, Networking, PortRequest, SandboxRecord } from '../../network/index.js';
import type { ContainerCreateRequest, EndpointSettings, HostConfig, NetworkingConfig } from '../../spec/index.js';
import { isLive, type ContainerRecord } from './container-store.js';
import type { ContainerContext } from './context.js';

/** What a start needs of a container's network: the namespace to run in, and what /etc files it gets. */
export interface ContainerNetwork {
  namespace: 'none' | 'host' | { path: string; private?: boolean };
  /** Its own stack (bridge networks), torn down at exit. */
  sandbox?: SandboxRecord;
  /** For container:<id>: that container's running record, whose /etc/hosts and resolv.conf are shared. */
  sharedWith?: ContainerRecord;
}

/** The other container of `container:<ref>`, or undefined for other modes. */
function containerModeTarget(mode: string): string | undefined {
  return mode.startsWith('container:') ? mode.slice('container:'.length) : undefined;
}

/**
 * moby's network checks at create (verifyNetworkingConfig, the conflicts of
 * runconfig): the mode resolved, unusable combinations refused, published
 * ports dropped with a warning on the host network. Returns the HostConfig
 * to store.
 */
export function resolveNetworkMode(
  ctx: ContainerContext,
  req: ContainerCreateRequest,
  host: HostConfig,
  warnings: string[],
): { host: HostConfig; networking: NetworkingConfig } {
  const out = { ...host };
  const requested = host.NetworkMode;
  if (requested === '' || requested === 'default') out.NetworkMode = ctx.networks.defaultBridge() === undefined ? 'none' : 'bridge';
  const mode = out.NetworkMode;
  const published = Object.keys(host.PortBindings ?? {}).length > 0 || host.PublishAllPorts;
  const endpoints = { ...(req.NetworkingConfig.EndpointsConfig ?? {}) };
  const target = containerModeTarget(mode);
  if (target !== undefined) {
    if (target === '') throw new InvalidArgument('Invalid network mode: invalid container format container:<name|id>');
    out.NetworkMode = `container:${ctx.store.resolve(target).id}`;
    if (req.Config.Hostname !== '') throw new InvalidArgument('conflicting options: hostname and the network mode');
    if (published) throw new InvalidArgument('conflicting options: port publishing and the container type network mode');
    if (host.Dns.length > 0) throw new InvalidArgument('conflicting options: dns and the network mode');
    if ((host.ExtraHosts ?? []).length > 0) throw new InvalidArgument('conflicting options: custom host-to-IP mapping and the network mode');
    return { host: out, networking: { EndpointsConfig: {} } };
  }
  // As moby: a network that does not exist (yet) fails the start, not the create.
  const primary = findNetwork(ctx, mode);
  if (primary?.driver === 'host' && published) {
    warnings.push('Published ports are discarded when using host network mode');
    out.PortBindings = {};
    out.PublishAllPorts = false;
  }
  if (primary?.driver === 'null' && published) throw new InvalidArgument('conflicting options: port publishing and the container type network mode');
  // As moby: the mode's network is one of the endpoints (the CLI names it "default" when not given).
  const primaryKey = Object.keys(endpoints).find((key) => key === requested || key === mode || key === primary?.id);
  const primarySettings = primaryKey === undefined ? {} : endpoints[primaryKey]!;
  if (primaryKey !== undefined) delete endpoints[primaryKey];
  for (const [name, settings] of Object.entries(endpoints)) {
    const n = findNetwork(ctx, name);
    if (n !== undefined) checkEndpointSettings(n, settings);
    if ((n !== undefined && n.driver !== 'bridge') || (primary !== undefined && primary.driver !== 'bridge')) {
      throw new InvalidArgument('Container cannot be connected to network endpoints: ' + [mode, ...Object.keys(endpoints)].join(', '));
    }
  }
  if (primary !== undefined) checkEndpointSettings(primary, primarySettings);
  return { host: out, networking: { EndpointsConfig: { [mode]: primarySettings, ...endpoints } } };
}

function findNetwork(ctx: ContainerContext, ref: string): NetworkRecord | undefined {
  try {
    return ctx.networks.resolve(ref);
  } catch (err) {
    if (err instanceof NotFound) return undefined;
    throw err;
  }
}

/** moby's validateEndpointSettings for what cais acts on. */
export function checkEndpointSettings(n: NetworkRecord, s: EndpointSettings | null | undefined): void {
  if (s === null || s === undefined) return;
  const userDefined = n.driver === 'bridge' && n.name !== 'bridge';
  if ((s.Aliases ?? []).length > 0 && !userDefined) throw new InvalidArgument('network-scoped alias is supported only for containers in user defined networks');
  const ip = s.IPAMConfig?.IPv4Address ?? '';
  if (ip !== '' && !userDefined) throw new InvalidArgument('user specified IP address is supported on user defined networks only');
  if ((s.IPAMConfig?.IPv6Address ?? '') !== '') throw new InvalidArgument('IPv6 networks are not supported by cais yet');
}

/** The networks a container joins at start (its endpoints, the mode's first), each with the settings asked for it. */
function endpointRequests(ctx: ContainerContext, c: ContainerRecord): EndpointRequest[] {
  const mode = c.settings.HostConfig.NetworkMode;
  const configs = Object.entries(c.settings.NetworkingConfig?.EndpointsConfig ?? {});
  configs.sort(([a], [b]) => Number(b === mode) - Number(a === mode));
  return configs.map(([key, settings]) => endpointRequest(c, ctx.networks.resolve(key), settings ?? null));
}

export function endpointRequest(c: ContainerRecord, network: NetworkRecord, s: EndpointSettings | null): EndpointRequest {
  return {
    network,
    // The names it answers to besides its own, as Docker's DNSNames: its aliases and short id.
    aliases: [...new Set([...(s?.Aliases ?? []), shortId(c.id)])],
    ipv4Address: s?.IPAMConfig?.IPv4Address ?? '',
    macAddress: s?.MacAddress ?? '',
  };
}

/** HostConfig.PortBindings, and with PublishAllPorts every exposed port on a random host port. */
export function portRequests(c: ContainerRecord): PortRequest[] {
  const { HostConfig: host, Config: config } = c.settings;
  const bindings = { ...(host.PortBindings ?? {}) };
  if (host.PublishAllPorts) {
    for (const port of Object.keys(config.ExposedPorts ?? {})) if ((bindings[port] ?? []).length === 0) bindings[port] = [{ HostIp: '', HostPort: '' }];
  }
  const requests: PortRequest[] = [];
  for (const [key, list] of Object.entries(bindings)) {
    const { port, protocol } = parsePortKey(key);
    for (const b of list ?? []) {
      const [start = '', end = start] = b.HostPort.split('-');
      const hostPort = start === '' ? 0 : Number(start);
      const hostPortEnd = end === '' ? hostPort : Number(end);
      if (!Number.isInteger(hostPort) || !Number.isInteger(hostPortEnd) || hostPort < 0 || hostPortEnd > 65535 || hostPortEnd < hostPort) {
        throw new InvalidArgument(`invalid hostPort: ${b.HostPort}`);
      }
      requests.push({ hostIp: b.HostIp, hostPort, hostPortEnd, containerPort: port, protocol });
    }
  }
  return requests;
}

/** "80/tcp" (the protocol defaults to tcp). */
export function parsePortKey(key: string): { port: number; protocol: string } {
  const [portText = '', protocol = 'tcp'] = key.split('/');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new InvalidArgument(`invalid port: ${key}`);
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new InvalidArgument(`invalid proto: ${protocol}`);
  return { port, protocol };
}

/** Sets up the network a container starts with; for bridge networks, its sandbox (torn down by the caller on a later failure). */
export async function startNetwork(ctx: ContainerContext, c: ContainerRecord): Promise<ContainerNetwork> {
  const mode = c.settings.HostConfig.NetworkMode;
  const target = containerModeTarget(mode);
  if (target !== undefined) {
    const other = ctx.store.get(target);
    if (other === undefined) throw new NotFound(`No such container: ${target}`);
    if (!isLive(other.state.status) || other.state.pid === 0) throw new Conflict(`cannot join network of a non running container: ${target}`);
    const sandbox = ctx.networks.sandbox(other.id);
    return { namespace: { path: sandbox?.netns ?? `/proc/${other.state.pid}/ns/net` }, sharedWith: other };
  }
  const primary = ctx.networks.resolve(mode);
  if (primary.driver === 'host') return { namespace: 'host' };
  if (primary.driver === 'null') return { namespace: 'none' };
  const sandbox = await ctx.networks.attach({
    containerId: c.id,
    containerName: c.name.slice(1),
    endpoints: endpointRequests(ctx, c),
    ports: portRequests(c),
  });
  networkEvents(ctx, c, sandbox, 'connect');
  return { namespace: { path: sandbox.netns, private: true }, sandbox };
}

/** After an exit (or a failed start): the container leaves its networks; the teardown runs in the background. */
export function stopNetwork(ctx: ContainerContext, c: ContainerRecord): void {
  const sandbox = ctx.networks.sandbox(c.id);
  if (sandbox === undefined) return;
  networkEvents(ctx, c, sandbox, 'disconnect');
  ctx.networks.detach(c.id, c.name.slice(1));
}

/** moby's network connect/disconnect events for each network a container joins or leaves. */
function networkEvents(ctx: ContainerContext, c: ContainerRecord, sandbox: SandboxRecord, action: 'connect' | 'disconnect'): void {
  for (const e of sandbox.endpoints) {
    const n = ctx.networks.network(e.networkId);
    if (n !== undefined) ctx.events.publish('network', action, n.id, { container: c.id, name: n.name, type: n.driver });
  }
}

/** The network whose gateway `host-gateway` names: the container's first, else the default bridge. */
export function hostGateway(networks: Networking, sandbox: SandboxRecord | undefined): string {
  const first = sandbox?.endpoints[0];
  const n = first === undefined ? networks.defaultBridge() : networks.network(first.networkId);
  if (n === undefined) throw new InvalidArgument('unable to derive the IP value for host-gateway');
  return n.gateway;
}

/** --link name[:alias] on a shared network: the linked container's address under its alias, hostname and name. */
export function linkEntries(ctx: ContainerContext, c: ContainerRecord, sandbox: SandboxRecord | undefined): { ip: string; names: string[] }[] {
  const mine = new Set(sandbox?.endpoints.map((e) => e.networkId));
  return (c.settings.HostConfig.Links ?? []).flatMap((link) => {
    const [ref = '', alias = ref] = link.split(':');
    const target = ctx.store.get(ref.replace(/^\//, '')) ?? tryResolve(ctx, ref.replace(/^\//, ''));
    const endpoint = target && ctx.networks.sandbox(target.id)?.endpoints.find((e) => mine.has(e.networkId));
    if (target === undefined || endpoint === undefined) return [];
    const name = target.name.slice(1);
    const alias_ = alias.slice(alias.lastIndexOf('/') + 1);
    return [{ ip: endpoint.ip, names: [...new Set([alias_, target.settings.Config.Hostname, name])] }];
  });
}

function tryResolve(ctx: ContainerContext, ref: string): ContainerRecord | undefined {
  try {
    return ctx.store.resolve(ref);
  } catch {
    return undefined;
  }
}
