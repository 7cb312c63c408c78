// Networks as records: the predefined ones, subnets chosen and checked as
// libnetwork does, removal. (Sandboxes need netavark: the compat tests run
// them on real bridges.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Conflict, InvalidArgument, NotFound, PermissionDenied } from '../common/index.js';
import { Database } from '../storage/index.js';
import { parseAddressPool } from './address-pools.js';
import { Networking, type NetworkSpec } from './networking.js';

let dir: string;
let db: Database;
const tools = { netavark: 'netavark', aardvarkDns: 'aardvark-dns', flock: 'flock', unshare: 'unshare', iptables: 'iptables', iptablesSave: 'iptables-save', iptablesRestore: 'iptables-restore' };
const spec = (name: string, extra: Partial<NetworkSpec> = {}): NetworkSpec => ({
  name, driver: 'bridge', subnet: '', gateway: '', ipRange: '', internal: false, attachable: false, labels: {}, options: {}, ...extra,
});
const open = (bip?: string) =>
  new Networking({ db, execRoot: join(dir, 'exec'), defaultBridge: { interface: 'cais-u0', ...(bip ? { cidr: bip } : {}) }, addressPools: [parseAddressPool('base=10.199.0.0/16,size=24')], tools });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-networking-'));
  db = Database.open(join(dir, 'cais.db'));
});
after(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

test('bridge, host and none exist from the start; the bridge follows --bip', async () => {
  const networks = open('10.198.0.1/24');
  await networks.init(() => false);
  assert.deepEqual(networks.networks().map((n) => [n.name, n.driver]), [['host', 'host'], ['none', 'null'], ['bridge', 'bridge']]);
  const bridge = networks.defaultBridge()!;
  assert.equal(bridge.subnet, '10.198.0.0/24');
  assert.equal(bridge.gateway, '10.198.0.1');
  assert.equal(bridge.bridge, 'cais-u0');
  assert.equal(networks.resolve(bridge.id.slice(0, 5)).name, 'bridge');
  // Another --bip on the next start replaces it (nothing is on it).
  const again = open('10.197.0.1/24');
  await again.init(() => false);
  assert.equal(again.defaultBridge()!.subnet, '10.197.0.0/24');
  assert.throws(() => again.resolve('absent'), (err: unknown) => err instanceof NotFound && err.message === 'network absent not found');
});

test('subnets: the next free one of the pools, or as asked and checked as libnetwork checks them', async () => {
  const networks = open('10.197.0.1/24');
  const a = networks.createNetwork(spec('a'));
  const b = networks.createNetwork(spec('b'));
  assert.equal(a.subnet, '10.199.0.0/24');
  assert.equal(a.gateway, '10.199.0.1');
  assert.equal(b.subnet, '10.199.1.0/24');
  assert.equal(a.bridge, `br-${a.id.slice(0, 12)}`);
  const c = networks.createNetwork(spec('c', { subnet: '10.196.0.0/16', gateway: '10.196.3.4', ipRange: '10.196.8.0/24' }));
  assert.deepEqual([c.subnet, c.gateway, c.ipRange], ['10.196.0.0/16', '10.196.3.4', '10.196.8.0/24']);
  assert.throws(() => networks.createNetwork(spec('a')), Conflict);
  assert.throws(() => networks.createNetwork(spec('d', { subnet: '10.196.5.0/24' })), PermissionDenied);
  assert.throws(() => networks.createNetwork(spec('d', { subnet: '10.195.0.1/24' })), /invalid subnet 10.195.0.1\/24: it should be 10.195.0.0\/24/);
  assert.throws(() => networks.createNetwork(spec('d', { subnet: '10.195.0.0/24', gateway: '10.194.0.1' })), InvalidArgument);
  assert.throws(() => networks.createNetwork(spec('d', { subnet: '10.195.0.0/24', ipRange: '10.195.1.0/25' })), InvalidArgument);
  assert.throws(() => networks.createNetwork(spec('d', { gateway: '10.195.0.1' })), /need a subnet/);
  assert.throws(() => networks.createNetwork(spec('d', { options: { 'com.docker.network.bridge.name': a.bridge } })), Conflict);
  await networks.removeNetwork(b.id);
  assert.equal(networks.createNetwork(spec('e')).subnet, '10.199.1.0/24', 'a removed network frees its subnet');
});
