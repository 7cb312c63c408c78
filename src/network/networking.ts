// The networks of one daemon and the network stacks of its running
// containers. A container's stack (its sandbox) is a network namespace
// file, one endpoint per network it joined (address chosen here, interface
// made by netavark) and the host ports it publishes (held open here).
// Setup is on the critical path of a start and done at once; teardown
// (~300 ms, mostly the kernel deleting the veth) runs in the background
// after an exit, and whatever needs its addresses or ports again waits
// for it. A sandbox is recorded before netavark runs, so a daemon that dies
// mid-setup tears the rest down at its next start.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Conflict, Internal, InvalidArgument, NotFound, PermissionDenied, errorMessage, log, randomId, shortId } from '../common/index.js';
import type { Database } from '../storage/index.js';
import { chooseSubnet, hostRoutes, type AddressPool } from './address-pools.js';
import { publishedAcrossNetworks, sharedChainsCleanup } from './firewall.js';
import { holdHostPort, type HeldPort } from './host-ports.js';
import { contains, formatAddress, formatSubnet, last, overlaps, parseAddress, parseCidr, parseSubnet, type Subnet } from './ipv4.js';
import { Netavark, type NetavarkNetwork, type NetavarkRequest, type NetavarkStatus } from './netavark.js';
import { createNetns, netnsDir, removeNetns } from './netns.js';
import { NetworkStore, type EndpointRecord, type NetworkRecord, type PublishedPort, type SandboxRecord } from './network-store.js';

export interface NetworkTools {
  netavark: string;
  aardvarkDns: string;
  flock: string;
  unshare: string;
  iptables: string;
  iptablesSave: string;
  iptablesRestore: string;
}

export interface NetworkingOptions {
  db: Database;
  /** The daemon's exec root: namespace files and netavark's state go under it. */
  execRoot: string;
  /** The default bridge (dockerd's --bridge and --bip); null when disabled (--bridge none). */
  defaultBridge: { interface: string; cidr?: string } | null;
  addressPools: readonly AddressPool[];
  tools: NetworkTools;
}

/** A network to create, checked by the caller for Docker's request rules. */
export interface NetworkSpec {
  name: string;
  driver: 'bridge';
  subnet: string;
  gateway: string;
  ipRange: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
}

export interface EndpointRequest {
  network: NetworkRecord;
  /** Extra names on networks with DNS. */
  aliases: string[];
  /** '' for the next free address. */
  ipv4Address: string;
  macAddress: string;
}

export interface PortRequest {
  /** '' for every address. */
  hostIp: string;
  /** 0 for a free port; a range tries each port in turn. */
  hostPort: number;
  hostPortEnd: number;
  containerPort: number;
  protocol: string;
}

export interface SandboxRequest {
  containerId: string;
  /** The name without its slash: the endpoint's name in errors, and a DNS name. */
  containerName: string;
  endpoints: EndpointRequest[];
  ports: PortRequest[];
}

const bridgeNameOption = 'com.docker.network.bridge.name';
const mtuOption = 'com.docker.network.driver.mtu';

export class Networking {
  private readonly store: NetworkStore;
  private readonly netavark: Netavark;
  private readonly netnsRoot: string;
  /** Addresses in use per network id (endpoints of live or not yet torn down sandboxes). */
  private readonly used = new Map<string, Set<number>>();
  private readonly lastGiven = new Map<string, number>();
  private readonly held = new Map<string, { containerId: string; port: HeldPort }[]>();
  private readonly teardowns = new Map<string, Promise<void>>();

  constructor(private readonly opts: NetworkingOptions) {
    this.store = new NetworkStore(opts.db);
    this.netnsRoot = join(opts.execRoot, 'netns');
    const { tools } = opts;
    this.netavark = new Netavark({
      configDir: join(opts.execRoot, 'netavark'),
      lockFile: '/run/lock/cais-netavark.lock',
      flock: tools.flock,
      netavark: tools.netavark,
      aardvarkDns: tools.aardvarkDns,
    });
  }

  /**
   * Makes the predefined networks, then adopts the sandboxes of the
   * containers `isLive` names (their published ports held again) and tears
   * down the others (left by an exit or a crash the daemon did not see).
   */
  async init(isLive: (containerId: string) => boolean): Promise<void> {
    await netnsDir(this.netnsRoot);
    this.predefine();
    for (const s of this.store.allSandboxes()) {
      for (const e of s.endpoints) this.addressesOf(e.networkId).add(parseAddress(e.ip)!);
      if (isLive(s.containerId)) await this.rehold(s);
      else this.detach(s.containerId);
    }
    // Namespace files without a sandbox: a crash between making one and recording it cannot happen (the row comes first), but a removed exec root's leftovers can.
    for (const file of readdirSync(this.netnsRoot)) {
      if (this.store.sandbox(file) === undefined) await removeNetns(join(this.netnsRoot, file)).catch(() => undefined);
    }
  }

  networks(): NetworkRecord[] {
    return this.store.allNetworks();
  }

  network(id: string): NetworkRecord | undefined {
    return this.store.network(id);
  }

  /** The network with this exact name or id, as containers' settings name them. */
  find(nameOrId: string): NetworkRecord | undefined {
    return this.store.network(nameOrId) ?? this.store.allNetworks().find((n) => n.name === nameOrId);
  }

  /** Docker's lookup: full id, then exact name, then a unique id prefix. */
  resolve(ref: string): NetworkRecord {
    const all = this.store.allNetworks();
    const found =
      all.find((n) => n.id === ref) ??
      all.find((n) => n.name === ref) ??
      (() => {
        const matches = ref === '' ? [] : all.filter((n) => n.id.startsWith(ref));
        if (matches.length > 1) throw new InvalidArgument(`network ${ref} is ambiguous (${matches.length} matches found based on ID prefix)`);
        return matches[0];
      })();
    if (found === undefined) throw new NotFound(`network ${ref} not found`);
    return found;
  }

  /** The default bridge, when the daemon has one. */
  defaultBridge(): NetworkRecord | undefined {
    return this.store.allNetworks().find((n) => n.name === 'bridge' && n.driver === 'bridge');
  }

  createNetwork(spec: NetworkSpec): NetworkRecord {
    if (this.store.allNetworks().some((n) => n.name === spec.name)) throw new Conflict(`network with name ${spec.name} already exists`);
    const id = randomId();
    const record: NetworkRecord = {
      id,
      name: spec.name,
      driver: 'bridge',
      created: Date.now(),
      bridge: spec.options[bridgeNameOption] ?? `br-${shortId(id)}`,
      ...this.addressing(spec),
      internal: spec.internal,
      attachable: spec.attachable,
      dns: true,
      labels: spec.labels,
      options: spec.options,
    };
    if (this.store.allNetworks().some((n) => n.bridge === record.bridge && n.bridge !== '')) {
      throw new Conflict(`bridge name ${record.bridge} is already used by another network`);
    }
    this.store.insertNetwork(record);
    return record;
  }

  /** Removes a network no running container is on (once the teardowns of those that left it are done). */
  async removeNetwork(id: string): Promise<void> {
    await this.settled(id);
    const n = this.store.network(id);
    if (n === undefined) throw new NotFound(`network ${id} not found`);
    if (this.endpointsOn(id).length > 0) throw new PermissionDenied(`error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    this.store.deleteNetwork(id);
    this.used.delete(id);
    this.lastGiven.delete(id);
  }

  /** Waits for the teardowns under way of the containers on a network. */
  async settled(networkId: string): Promise<void> {
    await Promise.all(this.endpointsOn(networkId).map((e) => this.teardowns.get(e.containerId)));
  }

  endpointsOn(networkId: string): EndpointRecord[] {
    return this.store.allSandboxes().flatMap((s) => s.endpoints.filter((e) => e.networkId === networkId));
  }

  sandbox(containerId: string): SandboxRecord | undefined {
    return this.store.sandbox(containerId);
  }

  /** The network namespace file a container's sandbox uses. */
  netnsPath(containerId: string): string {
    return join(this.netnsRoot, containerId);
  }

  /** Sets up a container's network stack: addresses, host ports, namespace, netavark. Nothing is left of it on failure. */
  async attach(req: SandboxRequest): Promise<SandboxRecord> {
    await this.teardowns.get(req.containerId);
    // Left by a run whose exit the daemon did not see (a reboot).
    const stale = this.store.sandbox(req.containerId);
    if (stale !== undefined) await this.teardown(stale, req.containerName);
    const endpoints: EndpointRecord[] = [];
    let sandbox: SandboxRecord;
    try {
      for (const e of req.endpoints) endpoints.push(this.newEndpoint(req.containerId, e, `eth${endpoints.length}`));
      const ports = await this.holdPorts(req, endpoints[0]?.endpointId ?? '');
      sandbox = { containerId: req.containerId, netns: this.netnsPath(req.containerId), ports, endpoints };
      this.store.insertSandbox(sandbox);
    } catch (err) {
      for (const e of endpoints) this.freeAddress(e);
      this.releasePorts(req.containerId);
      throw err;
    }
    try {
      await createNetns(sandbox.netns, this.opts.tools.unshare);
      if (endpoints.length === 0) return sandbox;
      const status = await this.netavark.setup(sandbox.netns, this.request(req.containerName, sandbox, endpoints));
      const ready = { ...sandbox, endpoints: endpoints.map((e) => withMac(e, this.store.network(e.networkId)!, status)) };
      this.store.updateSandbox(ready);
      if (ready.ports.length > 0) await this.allowPublishedAcrossNetworks();
      return ready;
    } catch (err) {
      await this.teardown(sandbox, req.containerName);
      throw new Internal(`failed to set up container networking: ${errorMessage(err)}`, { cause: err });
    }
  }

  /** Tears a container's network stack down in the background; attach and drain wait for it. */
  detach(containerId: string, containerName = ''): void {
    const s = this.store.sandbox(containerId);
    if (s === undefined || this.teardowns.has(containerId)) return;
    const done = this.teardown(s, containerName)
      .catch((err) => log.warn('network teardown failed', { id: containerId, error: errorMessage(err) }))
      .finally(() => this.teardowns.delete(containerId));
    this.teardowns.set(containerId, done);
  }

  /** Connects a running container's sandbox to one more network. */
  async connect(containerName: string, containerId: string, req: EndpointRequest): Promise<void> {
    const s = this.store.sandbox(containerId);
    if (s === undefined) throw new Internal(`container ${containerId} has no network stack to connect`);
    if (s.endpoints.some((e) => e.networkId === req.network.id)) {
      throw new PermissionDenied(`endpoint with name ${containerName} already exists in network ${req.network.name}`);
    }
    const taken = new Set(s.endpoints.map((e) => e.interfaceName));
    let i = 0;
    while (taken.has(`eth${i}`)) i++;
    const endpoint = this.newEndpoint(containerId, req, `eth${i}`);
    const pending = { ...s, endpoints: [...s.endpoints, endpoint] };
    this.store.updateSandbox(pending);
    try {
      const status = await this.netavark.setup(s.netns, this.request(containerName, s, [endpoint]));
      this.store.updateSandbox({ ...pending, endpoints: [...s.endpoints, withMac(endpoint, req.network, status)] });
      if (s.ports.length > 0) await this.allowPublishedAcrossNetworks();
    } catch (err) {
      await this.netavark.teardown(s.netns, this.request(containerName, s, [endpoint])).catch(() => undefined);
      this.store.updateSandbox(s);
      this.freeAddress(endpoint);
      throw new Internal(`failed to connect to network ${req.network.name}: ${errorMessage(err)}`, { cause: err });
    }
  }

  /** Takes a running container's sandbox off a network. */
  async disconnect(containerName: string, containerId: string, networkId: string): Promise<void> {
    const s = this.store.sandbox(containerId);
    const endpoint = s?.endpoints.find((e) => e.networkId === networkId);
    if (s === undefined || endpoint === undefined) return;
    await this.netavark.teardown(s.netns, this.request(containerName, s, [endpoint]));
    this.store.updateSandbox({ ...s, endpoints: s.endpoints.filter((e) => e !== endpoint) });
    this.freeAddress(endpoint);
  }

  /** Waits for the teardowns under way (a daemon stopping, a test comparing the host before and after). */
  async drain(): Promise<void> {
    while (this.teardowns.size > 0) await Promise.all(this.teardowns.values());
  }

  /** Stops holding host ports (the daemon is going; the next one holds them again). */
  close(): void {
    for (const id of [...this.held.keys()]) this.releasePorts(id);
  }

  private predefine(): void {
    const existing = new Map(this.store.allNetworks().map((n) => [n.name, n]));
    const plain = { bridge: '', subnet: '', gateway: '', ipRange: '', internal: false, attachable: false, dns: false, labels: {}, options: {} };
    if (!existing.has('host')) this.store.insertNetwork({ id: randomId(), name: 'host', driver: 'host', created: Date.now(), ...plain });
    if (!existing.has('none')) this.store.insertNetwork({ id: randomId(), name: 'none', driver: 'null', created: Date.now(), ...plain });
    const bridge = existing.get('bridge');
    const wanted = this.opts.defaultBridge;
    const inUse = bridge !== undefined && this.endpointsOn(bridge.id).length > 0;
    if (bridge !== undefined && !inUse) {
      // Kept unless the daemon's flags changed it.
      const same = wanted !== null && bridge.bridge === wanted.interface && (wanted.cidr === undefined || sameCidr(bridge, wanted.cidr));
      if (same) return;
      this.store.deleteNetwork(bridge.id);
    }
    if (wanted === null || inUse) return;
    const taken = [...hostRoutes(), ...this.subnets()];
    const cidr = wanted.cidr === undefined ? undefined : parseCidr(wanted.cidr);
    if (wanted.cidr !== undefined && cidr === undefined) throw new InvalidArgument(`invalid --bip: ${wanted.cidr}`);
    const subnet = cidr?.subnet ?? chooseSubnet(this.opts.addressPools, taken);
    const gateway = cidr !== undefined && cidr.address !== cidr.subnet.base ? cidr.address : subnet.base + 1;
    this.store.insertNetwork({
      id: randomId(),
      name: 'bridge',
      driver: 'bridge',
      created: Date.now(),
      ...plain,
      bridge: wanted.interface,
      subnet: formatSubnet(subnet),
      gateway: formatAddress(gateway),
      options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        [bridgeNameOption]: wanted.interface,
        [mtuOption]: '1500',
      },
    });
  }

  private subnets(): Subnet[] {
    return this.store.allNetworks().flatMap((n) => (n.subnet === '' ? [] : [parseSubnet(n.subnet)]));
  }

  /** Subnet, gateway and range of a new network: as asked (checked as libnetwork checks them), or the next free pool subnet. */
  private addressing(spec: NetworkSpec): Pick<NetworkRecord, 'subnet' | 'gateway' | 'ipRange'> {
    const others = this.subnets();
    let subnet: Subnet;
    if (spec.subnet !== '') {
      subnet = parseSubnet(spec.subnet);
      const clash = others.find((o) => overlaps(o, subnet));
      if (clash !== undefined) throw new PermissionDenied(`invalid pool request: Pool overlaps with other one on this address space`);
    } else {
      if (spec.gateway !== '' || spec.ipRange !== '') throw new InvalidArgument('ip-range and gateway need a subnet');
      subnet = chooseSubnet(this.opts.addressPools, [...hostRoutes(), ...others]);
    }
    let range = '';
    if (spec.ipRange !== '') {
      const r = parseSubnet(spec.ipRange, 'ip-range');
      if (!contains(subnet, r.base) || r.prefix < subnet.prefix) throw new InvalidArgument(`ip-range ${spec.ipRange} is not within subnet ${formatSubnet(subnet)}`);
      range = formatSubnet(r);
    }
    let gateway = subnet.base + 1;
    if (spec.gateway !== '') {
      const g = parseAddress(spec.gateway);
      if (g === undefined) throw new InvalidArgument(`invalid gateway address ${spec.gateway}`);
      if (!contains(subnet, g)) throw new InvalidArgument(`gateway ${spec.gateway} is not within subnet ${formatSubnet(subnet)}`);
      gateway = g;
    }
    return { subnet: formatSubnet(subnet), gateway: formatAddress(gateway), ipRange: range };
  }

  private addressesOf(networkId: string): Set<number> {
    let set = this.used.get(networkId);
    if (set === undefined) this.used.set(networkId, (set = new Set()));
    return set;
  }

  private newEndpoint(containerId: string, req: EndpointRequest, interfaceName: string): EndpointRecord {
    return {
      containerId,
      networkId: req.network.id,
      endpointId: randomId(),
      interfaceName,
      ip: formatAddress(this.allocate(req.network, req.ipv4Address)),
      mac: req.macAddress,
      aliases: req.aliases,
    };
  }

  /** A static address (checked), or the next free one after the last given, as libnetwork's serial allocation. */
  private allocate(n: NetworkRecord, requested: string): number {
    if (n.subnet === '') throw new InvalidArgument(`network ${n.name} has no addresses to give`);
    const subnet = parseSubnet(n.subnet);
    const gateway = parseAddress(n.gateway)!;
    const used = this.addressesOf(n.id);
    if (requested !== '') {
      const ip = parseAddress(requested);
      if (ip === undefined || !contains(subnet, ip)) throw new InvalidArgument(`no configured subnet or ip-range contain the IP address ${requested}`);
      if (used.has(ip) || ip === gateway) throw new InvalidArgument(`Address already in use`);
      used.add(ip);
      return ip;
    }
    const range = n.ipRange === '' ? subnet : parseSubnet(n.ipRange);
    const first = range.base === subnet.base ? range.base + 1 : range.base;
    const end = last(range) === last(subnet) ? last(range) - 1 : last(range);
    const count = end - first + 1;
    const after = this.lastGiven.get(n.id) ?? first - 1;
    for (let i = 1; i <= count; i++) {
      const ip = first + ((after - first + i + count) % count);
      if (ip === gateway || used.has(ip)) continue;
      used.add(ip);
      this.lastGiven.set(n.id, ip);
      return ip;
    }
    throw new Internal(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
  }

  private freeAddress(e: EndpointRecord): void {
    this.used.get(e.networkId)?.delete(parseAddress(e.ip)!);
  }

  /** Binds each requested host port (the first free one of a range, or one the kernel picks); nothing stays bound on failure. */
  private async holdPorts(req: SandboxRequest, endpointId: string): Promise<PublishedPort[]> {
    const published: PublishedPort[] = [];
    const mine: { containerId: string; port: HeldPort }[] = [];
    this.held.set(req.containerId, mine);
    const failure = (text: string) =>
      new Internal(`driver failed programming external connectivity on endpoint ${req.containerName} (${endpointId}): ${text}`);
    for (const p of req.ports) {
      const hostIp = p.hostIp === '' ? '0.0.0.0' : p.hostIp;
      const candidates = p.hostPort === 0 ? [0] : Array.from({ length: p.hostPortEnd - p.hostPort + 1 }, (_, i) => p.hostPort + i);
      let port: HeldPort | undefined;
      let lastError = '';
      for (const candidate of candidates) {
        const holder = candidate === 0 ? undefined : this.holderOf(p.protocol, hostIp, candidate);
        if (holder !== undefined && holder !== req.containerId) await this.teardowns.get(holder);
        if (candidate !== 0 && this.holderOf(p.protocol, hostIp, candidate) !== undefined) {
          lastError = `Bind for ${hostIp}:${candidate} failed: port is already allocated`;
          continue;
        }
        try {
          port = p.protocol === 'sctp' ? unheldPort(hostIp, candidate) : await holdHostPort({ hostIp, hostPort: candidate, protocol: p.protocol });
          break;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          const reason = code === 'EADDRINUSE' ? 'address already in use' : code === 'EADDRNOTAVAIL' ? 'cannot assign requested address' : errorMessage(err);
          lastError = `Error starting userland proxy: listen ${p.protocol} ${hostIp}:${candidate}: bind: ${reason}`;
        }
      }
      if (port === undefined) {
        this.releasePorts(req.containerId);
        throw failure(lastError);
      }
      mine.push({ containerId: req.containerId, port });
      published.push({ hostIp, hostPort: port.hostPort, containerPort: p.containerPort, protocol: p.protocol });
    }
    return published;
  }

  /** The container holding a host port (the same address, or either on every address). */
  private holderOf(protocol: string, hostIp: string, hostPort: number): string | undefined {
    for (const ports of this.held.values()) {
      for (const { containerId, port } of ports) {
        const sameAddress = port.hostIp === hostIp || port.hostIp === '0.0.0.0' || hostIp === '0.0.0.0';
        if (port.protocol === protocol && port.hostPort === hostPort && sameAddress) return containerId;
      }
    }
    return undefined;
  }

  private releasePorts(containerId: string): void {
    for (const { port } of this.held.get(containerId) ?? []) port.close();
    this.held.delete(containerId);
  }

  /** A running container's ports after a daemon restart: held again where still free. */
  private async rehold(s: SandboxRecord): Promise<void> {
    const mine: { containerId: string; port: HeldPort }[] = [];
    this.held.set(s.containerId, mine);
    for (const p of s.ports) {
      if (p.protocol === 'sctp') continue;
      try {
        mine.push({ containerId: s.containerId, port: await holdHostPort(p) });
      } catch (err) {
        log.warn('could not hold a published port again', { id: s.containerId, port: p.hostPort, error: errorMessage(err) });
      }
    }
  }

  private async teardown(s: SandboxRecord, containerName: string): Promise<void> {
    if (s.endpoints.length > 0 && existsSync(s.netns)) {
      await this.netavark
        .teardown(s.netns, this.request(containerName, s, s.endpoints))
        .catch((err) => log.warn('netavark teardown failed', { id: s.containerId, error: errorMessage(err) }));
    }
    await removeNetns(s.netns);
    this.store.deleteSandbox(s.containerId);
    for (const e of s.endpoints) this.freeAddress(e);
    this.releasePorts(s.containerId);
    if (this.store.allSandboxes().length === 0) await this.cleanupFirewall();
  }

  /** Adds the rule that lets other networks reach published ports (see firewall.ts), once. */
  private async allowPublishedAcrossNetworks(): Promise<void> {
    const { iptables } = this.opts.tools;
    const args = publishedAcrossNetworks.map((a) => `'${a}'`).join(' ');
    await this.netavark.locked('/bin/sh', ['-c', `${iptables} -C ${args} 2>/dev/null || ${iptables} -I ${args}`]);
  }

  /** Removes netavark's shared chains once nothing uses them (see firewall.ts). */
  private async cleanupFirewall(): Promise<void> {
    try {
      const script = sharedChainsCleanup(await this.netavark.locked(this.opts.tools.iptablesSave, []));
      if (script !== undefined) await this.netavark.locked(this.opts.tools.iptablesRestore, ['--noflush'], script);
    } catch (err) {
      // Another daemon's network came up in between: its chains stay, as they should.
      log.debug('firewall cleanup skipped', { error: errorMessage(err) });
    }
  }

  private request(containerName: string, s: SandboxRecord, endpoints: EndpointRecord[]): NetavarkRequest {
    const networks: NetavarkRequest['networks'] = {};
    const info: NetavarkRequest['network_info'] = {};
    for (const e of endpoints) {
      const n = this.store.network(e.networkId)!;
      networks[n.name] = {
        static_ips: [e.ip],
        aliases: n.dns ? e.aliases : [],
        interface_name: e.interfaceName,
        ...(e.mac !== '' ? { static_mac: e.mac } : {}),
      };
      info[n.name] = netavarkNetwork(n);
    }
    return {
      container_id: s.containerId,
      container_name: containerName,
      port_mappings: s.ports.map((p) => ({
        host_ip: p.hostIp === '0.0.0.0' ? '' : p.hostIp,
        container_port: p.containerPort,
        host_port: p.hostPort,
        range: 1,
        protocol: p.protocol,
      })),
      networks,
      network_info: info,
    };
  }
}

function netavarkNetwork(n: NetworkRecord): NetavarkNetwork {
  const mtu = n.options[mtuOption];
  return {
    name: n.name,
    id: n.id,
    driver: 'bridge',
    network_interface: n.bridge,
    subnets: [{ subnet: n.subnet, gateway: n.gateway }],
    ipv6_enabled: false,
    internal: n.internal,
    dns_enabled: n.dns,
    // Networks cannot reach each other, as Docker's bridges cannot.
    options: { isolate: 'true', ...(mtu !== undefined && mtu !== '' && mtu !== '0' ? { mtu } : {}) },
  };
}

function withMac(e: EndpointRecord, n: NetworkRecord, status: NetavarkStatus): EndpointRecord {
  const mac = status[n.name]?.interfaces[e.interfaceName]?.mac_address;
  return mac === undefined ? e : { ...e, mac };
}

function sameCidr(n: NetworkRecord, cidr: string): boolean {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) return false;
  const gateway = parsed.address !== parsed.subnet.base ? parsed.address : parsed.subnet.base + 1;
  return n.subnet === formatSubnet(parsed.subnet) && n.gateway === formatAddress(gateway);
}

/** SCTP ports cannot be bound from Node: published without being held. */
function unheldPort(hostIp: string, hostPort: number): HeldPort {
  if (hostPort === 0) throw new InvalidArgument('a random host port cannot be chosen for sctp');
  return { hostIp, hostPort, protocol: 'sctp', close: () => undefined };
}
