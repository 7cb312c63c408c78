// The network use cases the API serves (moby daemon/network.go and
// router/network): create, list with Docker's filters, inspect, remove,
// prune, and connect/disconnect of containers, running or not. Networks
// themselves and the containers' stacks live in src/network; this file
// speaks Docker's JSON and rules.
import { InvalidArgument, NotFound, NotImplemented, PermissionDenied } from '../../common/index.js';
import { boolFilter, filterValues, hasFilter, matchLabels, parseTimestamp, validateFilters } from '../../images/index.js';
import type { NetworkRecord, Networking } from '../../network/index.js';
import type {
  EndpointSettings,
  Filters,
  Network,
  NetworkContainer,
  NetworkCreateRequest,
  NetworkCreateResponse,
  NetworkPruneResponse,
} from '../../spec/index.js';
import type { ContainerService } from '../containers/index.js';
import type { EventBus } from '../events.js';

const predefined = new Set(['bridge', 'host', 'none']);

export class NetworkService {
  constructor(
    private readonly networking: Networking,
    private readonly containers: () => ContainerService,
    private readonly events: EventBus,
  ) {}

  create(req: NetworkCreateRequest): NetworkCreateResponse {
    if (predefined.has(req.Name)) throw new PermissionDenied(`operation is not permitted on predefined ${req.Name} network `);
    const driver = req.Driver === '' ? 'bridge' : req.Driver;
    if (driver === 'host' || driver === 'null') throw new PermissionDenied(`only one instance of "${driver}" network is allowed`);
    if (driver !== 'bridge') throw new NotFound(`plugin "${driver}" not found`);
    if (req.EnableIPv6 === true) throw new NotImplemented('IPv6 networks are not supported by cais yet');
    if (req.Ingress || req.ConfigOnly) throw new NotImplemented('ingress and config-only networks are swarm features cais does not have');
    const ipam = req.IPAM;
    if (ipam !== null && ipam.Driver !== '' && ipam.Driver !== 'default') throw new NotFound(`plugin "${ipam.Driver}" not found`);
    const configs = ipam?.Config ?? [];
    if (configs.length > 1) throw new NotImplemented('cais networks have one IPv4 subnet');
    const config = configs[0] ?? {};
    const n = this.networking.createNetwork({
      name: req.Name,
      driver: 'bridge',
      subnet: config.Subnet ?? '',
      gateway: config.Gateway ?? '',
      ipRange: config.IPRange ?? '',
      internal: req.Internal,
      attachable: req.Attachable,
      labels: req.Labels,
      options: req.Options,
    });
    this.event('create', n);
    return { Id: n.id, Warning: '' };
  }

  /** NetworkList, with the filters dangling, driver, id, label, name, scope and type. */
  list(filters: Filters = {}): Network[] {
    validateFilters(filters, ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type']);
    const dangling = hasFilter(filters, 'dangling') ? boolFilter(filters, 'dangling', false) : undefined;
    for (const t of filterValues(filters, 'type')) if (t !== 'custom' && t !== 'builtin') throw new InvalidArgument(`invalid filter: 'type'='${t}'`);
    const some = (key: string, test: (value: string) => boolean) => !hasFilter(filters, key) || filterValues(filters, key).some(test);
    return this.networking
      .networks()
      .filter(
        (n) =>
          some('driver', (v) => v === n.driver) &&
          some('id', (v) => n.id.includes(v)) &&
          some('name', (v) => n.name.includes(v)) &&
          some('scope', (v) => v === 'local') &&
          some('type', (v) => (v === 'builtin') === predefined.has(n.name)) &&
          matchLabels(filterValues(filters, 'label'), n.labels) &&
          (dangling === undefined || dangling === (!predefined.has(n.name) && !this.inUse(n))),
      )
      .map((n) => this.view(n, {}));
  }

  inspect(ref: string): Network {
    const n = this.networking.resolve(ref);
    return this.view(n, this.containersOn(n));
  }

  async remove(ref: string): Promise<void> {
    const n = this.networking.resolve(ref);
    if (predefined.has(n.name)) throw new PermissionDenied(`${n.name} is a pre-defined network and cannot be removed`);
    await this.networking.removeNetwork(n.id);
    this.event('destroy', n);
  }

  /** Removes user-defined networks no running container is on (label, label! and until filters). */
  async prune(filters: Filters = {}): Promise<NetworkPruneResponse> {
    validateFilters(filters, ['label', 'label!', 'until']);
    const untilValues = filterValues(filters, 'until');
    const until = untilValues.length > 0 ? Math.min(...untilValues.map((v) => parseTimestamp(v))) : null;
    const deleted: string[] = [];
    for (const n of this.networking.networks()) {
      if (predefined.has(n.name)) continue;
      await this.networking.settled(n.id);
      if (this.networking.endpointsOn(n.id).length > 0) continue;
      if (until !== null && n.created >= until) continue;
      if (!matchLabels(filterValues(filters, 'label'), n.labels)) continue;
      if (hasFilter(filters, 'label!') && matchLabels(filterValues(filters, 'label!'), n.labels)) continue;
      await this.networking.removeNetwork(n.id);
      this.event('destroy', n);
      deleted.push(n.name);
    }
    return { NetworksDeleted: deleted };
  }

  async connect(ref: string, container: string, settings: EndpointSettings | null): Promise<void> {
    const n = this.networking.resolve(ref);
    const id = await this.containers().connectNetwork(container, n, settings);
    this.event('connect', n, { container: id });
  }

  async disconnect(ref: string, container: string, force: boolean): Promise<void> {
    const n = this.networking.resolve(ref);
    const id = await this.containers().disconnectNetwork(container, n, force);
    this.event('disconnect', n, { container: id });
  }

  private inUse(n: NetworkRecord): boolean {
    return this.networking.endpointsOn(n.id).length > 0 || this.containers().onNetwork(n).length > 0;
  }

  private containersOn(n: NetworkRecord): Record<string, NetworkContainer> {
    const prefix = n.subnet.split('/')[1];
    const out: Record<string, NetworkContainer> = {};
    for (const e of this.networking.endpointsOn(n.id)) {
      out[e.containerId] = {
        Name: this.containers().nameOf(e.containerId) ?? '',
        EndpointID: e.endpointId,
        MacAddress: e.mac,
        IPv4Address: `${e.ip}/${prefix}`,
        IPv6Address: '',
      };
    }
    return out;
  }

  private view(n: NetworkRecord, containers: Record<string, NetworkContainer>): Network {
    return {
      Name: n.name,
      Id: n.id,
      Created: new Date(n.created).toISOString(),
      Scope: 'local',
      Driver: n.driver,
      EnableIPv4: true,
      EnableIPv6: false,
      IPAM: {
        Driver: 'default',
        Options: null,
        Config: n.subnet === '' ? [] : [{ Subnet: n.subnet, ...(n.ipRange !== '' ? { IPRange: n.ipRange } : {}), Gateway: n.gateway }],
      },
      Internal: n.internal,
      Attachable: n.attachable,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: containers,
      Options: n.options,
      Labels: n.labels,
    };
  }

  private event(action: string, n: NetworkRecord, extra: Record<string, string> = {}): void {
    this.events.publish('network', action, n.id, { ...extra, name: n.name, type: n.driver });
  }
}
