// Network, sandbox and endpoint rows in SQLite, also kept in memory (read
// once at start, updated on every write): they are read on every container
// start, list and inspect.
import type { Database } from '../storage/index.js';
import { migrationOwner, migrations } from './schema.js';

export type NetworkDriver = 'bridge' | 'host' | 'null';

export interface NetworkRecord {
  id: string;
  name: string;
  driver: NetworkDriver;
  /** ms since the epoch. */
  created: number;
  bridge: string;
  subnet: string;
  gateway: string;
  ipRange: string;
  internal: boolean;
  attachable: boolean;
  dns: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

export interface EndpointRecord {
  containerId: string;
  networkId: string;
  endpointId: string;
  interfaceName: string;
  ip: string;
  mac: string;
  aliases: string[];
}

export interface SandboxRecord {
  containerId: string;
  netns: string;
  ports: PublishedPort[];
  endpoints: EndpointRecord[];
}

interface NetworkRow {
  id: string;
  name: string;
  driver: NetworkDriver;
  created: number;
  bridge: string;
  subnet: string;
  gateway: string;
  ip_range: string;
  internal: number;
  attachable: number;
  dns: number;
  labels: string;
  options: string;
}

interface EndpointRow {
  container_id: string;
  network_id: string;
  endpoint_id: string;
  interface: string;
  ip: string;
  mac: string;
  aliases: string;
}

function toNetwork(r: NetworkRow): NetworkRecord {
  return {
    id: r.id,
    name: r.name,
    driver: r.driver,
    created: r.created,
    bridge: r.bridge,
    subnet: r.subnet,
    gateway: r.gateway,
    ipRange: r.ip_range,
    internal: r.internal === 1,
    attachable: r.attachable === 1,
    dns: r.dns === 1,
    labels: JSON.parse(r.labels) as Record<string, string>,
    options: JSON.parse(r.options) as Record<string, string>,
  };
}

function toEndpoint(r: EndpointRow): EndpointRecord {
  return {
    containerId: r.container_id,
    networkId: r.network_id,
    endpointId: r.endpoint_id,
    interfaceName: r.interface,
    ip: r.ip,
    mac: r.mac,
    aliases: JSON.parse(r.aliases) as string[],
  };
}

export class NetworkStore {
  private readonly networks = new Map<string, NetworkRecord>();
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly statements;

  constructor(private readonly db: Database) {
    db.migrate(migrationOwner, migrations);
    const sql = db.sql;
    this.statements = {
      insertNetwork: sql.prepare(
        `INSERT INTO networks (id, name, driver, created, bridge, subnet, gateway, ip_range, internal, attachable, dns, labels, options)
         VALUES (@id, @name, @driver, @created, @bridge, @subnet, @gateway, @ip_range, @internal, @attachable, @dns, @labels, @options)`,
      ),
      deleteNetwork: sql.prepare('DELETE FROM networks WHERE id = ?'),
      insertSandbox: sql.prepare('INSERT INTO sandboxes (container_id, netns, ports) VALUES (?, ?, ?)'),
      updatePorts: sql.prepare('UPDATE sandboxes SET ports = ? WHERE container_id = ?'),
      deleteSandbox: sql.prepare('DELETE FROM sandboxes WHERE container_id = ?'),
      insertEndpoint: sql.prepare(
        'INSERT OR REPLACE INTO endpoints (container_id, network_id, endpoint_id, interface, ip, mac, aliases) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteEndpoint: sql.prepare('DELETE FROM endpoints WHERE container_id = ? AND network_id = ?'),
    };
    for (const row of sql.prepare('SELECT * FROM networks').all() as NetworkRow[]) this.networks.set(row.id, toNetwork(row));
    const endpoints = (sql.prepare('SELECT * FROM endpoints ORDER BY interface').all() as EndpointRow[]).map(toEndpoint);
    for (const row of sql.prepare('SELECT * FROM sandboxes').all() as { container_id: string; netns: string; ports: string }[]) {
      this.sandboxes.set(row.container_id, {
        containerId: row.container_id,
        netns: row.netns,
        ports: JSON.parse(row.ports) as PublishedPort[],
        endpoints: endpoints.filter((e) => e.containerId === row.container_id),
      });
    }
  }

  allNetworks(): NetworkRecord[] {
    return [...this.networks.values()].sort((a, b) => a.created - b.created);
  }

  network(id: string): NetworkRecord | undefined {
    return this.networks.get(id);
  }

  insertNetwork(n: NetworkRecord): void {
    this.statements.insertNetwork.run({
      ...n,
      ip_range: n.ipRange,
      internal: n.internal ? 1 : 0,
      attachable: n.attachable ? 1 : 0,
      dns: n.dns ? 1 : 0,
      labels: JSON.stringify(n.labels),
      options: JSON.stringify(n.options),
    });
    this.networks.set(n.id, n);
  }

  deleteNetwork(id: string): void {
    this.statements.deleteNetwork.run(id);
    this.networks.delete(id);
  }

  allSandboxes(): SandboxRecord[] {
    return [...this.sandboxes.values()];
  }

  sandbox(containerId: string): SandboxRecord | undefined {
    return this.sandboxes.get(containerId);
  }

  /** A sandbox and its endpoints, written in one transaction. */
  insertSandbox(s: SandboxRecord): void {
    this.db.transaction(() => {
      this.statements.insertSandbox.run(s.containerId, s.netns, JSON.stringify(s.ports));
      for (const e of s.endpoints) this.writeEndpoint(e);
    });
    this.sandboxes.set(s.containerId, s);
  }

  /** Replaces the sandbox's record (records are never changed in place: readers may hold the old one). */
  updateSandbox(s: SandboxRecord): void {
    const before = this.sandboxes.get(s.containerId);
    this.db.transaction(() => {
      this.statements.updatePorts.run(JSON.stringify(s.ports), s.containerId);
      for (const e of before?.endpoints ?? []) {
        if (!s.endpoints.some((x) => x.networkId === e.networkId)) this.statements.deleteEndpoint.run(e.containerId, e.networkId);
      }
      for (const e of s.endpoints) this.writeEndpoint(e);
    });
    this.sandboxes.set(s.containerId, s);
  }

  deleteSandbox(containerId: string): void {
    this.statements.deleteSandbox.run(containerId);
    this.sandboxes.delete(containerId);
  }

  private writeEndpoint(e: EndpointRecord): void {
    this.statements.insertEndpoint.run(e.containerId, e.networkId, e.endpointId, e.interfaceName, e.ip, e.mac, JSON.stringify(e.aliases));
  }
}
