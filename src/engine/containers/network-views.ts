// A container's networks as inspect and the list show them: one
// EndpointSettings per network it is on (addresses only while it runs),
// the published ports, and the default bridge's endpoint in the top-level
// fields Docker still fills for it.
import { shortId } from '../../common/index.js';
import type { Networking, NetworkRecord, SandboxRecord } from '../../network/index.js';
import type { ContainerSummary, EndpointSettings, PortBinding } from '../../spec/index.js';
import { isLive, type ContainerRecord } from './container-store.js';
import { parsePortKey } from './networking.js';

function prefixLength(n: NetworkRecord | undefined): number {
  return n === undefined || n.subnet === '' ? 0 : Number(n.subnet.split('/')[1]);
}

function sandboxOf(c: ContainerRecord, networks: Networking): SandboxRecord | undefined {
  return isLive(c.state.status) ? networks.sandbox(c.id) : undefined;
}

export function endpointViews(c: ContainerRecord, networks: Networking): Record<string, EndpointSettings> {
  const sandbox = sandboxOf(c, networks);
  const out: Record<string, EndpointSettings> = {};
  for (const [key, settings] of Object.entries(c.settings.NetworkingConfig?.EndpointsConfig ?? {})) {
    const n = networks.find(key);
    const e = n && sandbox?.endpoints.find((x) => x.networkId === n.id);
    const userDefined = n?.driver === 'bridge' && n.name !== 'bridge';
    out[n?.name ?? key] = {
      IPAMConfig: settings?.IPAMConfig ?? null,
      Links: settings?.Links ?? null,
      Aliases: settings?.Aliases ?? null,
      MacAddress: e?.mac ?? '',
      DriverOpts: settings?.DriverOpts ?? null,
      GwPriority: settings?.GwPriority ?? 0,
      NetworkID: n?.id ?? '',
      EndpointID: e?.endpointId ?? '',
      Gateway: e ? n!.gateway : '',
      IPAddress: e?.ip ?? '',
      IPPrefixLen: e ? prefixLength(n) : 0,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      DNSNames: userDefined && e ? [c.name.slice(1), ...(settings?.Aliases ?? []), shortId(c.id)] : null,
    };
  }
  return out;
}

/** NetworkSettings.Ports: each exposed port with its host bindings (null when not published); empty unless running. */
export function portMap(c: ContainerRecord, networks: Networking): Record<string, PortBinding[] | null> {
  const sandbox = sandboxOf(c, networks);
  if (sandbox === undefined) return {};
  const out: Record<string, PortBinding[] | null> = {};
  for (const key of Object.keys(c.settings.Config.ExposedPorts ?? {})) out[key] = null;
  for (const p of sandbox.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    out[key] = [...(out[key] ?? []), { HostIp: p.hostIp, HostPort: String(p.hostPort) }];
  }
  return out;
}

/** The list's Ports: published ports with their host side, exposed ones without. */
export function summaryPorts(c: ContainerRecord, networks: Networking): ContainerSummary['Ports'] {
  return Object.entries(portMap(c, networks)).flatMap(([key, bindings]) => {
    const { port, protocol } = parsePortKey(key);
    if (bindings === null) return [{ PrivatePort: port, Type: protocol }];
    return bindings.map((b) => ({ IP: b.HostIp, PrivatePort: port, PublicPort: Number(b.HostPort), Type: protocol }));
  });
}

/** inspect's NetworkSettings. */
export function networkSettings(c: ContainerRecord, networks: Networking) {
  const sandbox = sandboxOf(c, networks);
  const views = endpointViews(c, networks);
  const bridge = views.bridge;
  return {
    Bridge: '',
    SandboxID: sandbox === undefined ? '' : c.id,
    SandboxKey: sandbox?.netns ?? '',
    Ports: portMap(c, networks),
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge?.EndpointID ?? '',
    Gateway: bridge?.Gateway ?? '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.IPAddress ?? '',
    IPPrefixLen: bridge?.IPPrefixLen ?? 0,
    IPv6Gateway: '',
    MacAddress: bridge?.MacAddress ?? '',
    Networks: views,
  };
}
