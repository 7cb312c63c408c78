// The network commands of the table (`cais network ...`) and `port`, with
// docker 28's usage and flags.
import { formatHelp, inspectFormat } from './command-help.js';
import { checkLabel } from './flags.js';
import { validateLink } from './network-opts.js';
import { checkWith } from './parse-units.js';
import type { GroupCommand, LeafCommand } from './usage.js';

export const port: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  aliasLine: 'cais container port, cais port',
  args: { range: [1, 2] },
  flags: [],
  load: () => import('./commands/port.js'),
};

const map = { type: 'list', typeName: 'map', defaultValue: 'map[]' } as const;

export const networkGroup: GroupCommand = {
  kind: 'group',
  name: 'network',
  short: 'Manage networks',
  commands: [
    {
      kind: 'leaf',
      name: 'connect',
      use: 'connect [OPTIONS] NETWORK CONTAINER',
      short: 'Connect a container to a network',
      args: { exact: 2 },
      flags: [
        { name: 'alias', type: 'strings', usage: 'Add network-scoped alias for the container' },
        { name: 'driver-opt', type: 'strings', usage: 'driver options for the network' },
        { name: 'gw-priority', type: 'int', usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.' },
        { name: 'ip', type: 'string', usage: 'IPv4 address (e.g., "172.30.100.104")' },
        { name: 'ip6', type: 'string', usage: 'IPv6 address (e.g., "2001:db8::33")' },
        { name: 'link', type: 'list', usage: 'Add link to another container', check: checkWith(validateLink) },
        { name: 'link-local-ip', type: 'strings', usage: 'Add a link-local address for the container' },
      ],
      load: () => import('./commands/network-connect.js'),
    },
    {
      kind: 'leaf',
      name: 'create',
      use: 'create [OPTIONS] NETWORK',
      short: 'Create a network',
      args: { exact: 1 },
      flags: [
        { name: 'attachable', type: 'bool', usage: 'Enable manual container attachment' },
        { name: 'aux-address', ...map, usage: 'Auxiliary IPv4 or IPv6 addresses used by Network driver' },
        { name: 'config-from', type: 'string', usage: 'The network from which to copy the configuration' },
        { name: 'config-only', type: 'bool', usage: 'Create a configuration only network' },
        { name: 'driver', short: 'd', type: 'string', usage: 'Driver to manage the Network', defaultValue: 'bridge' },
        { name: 'gateway', type: 'strings', usage: 'IPv4 or IPv6 Gateway for the master subnet' },
        { name: 'ingress', type: 'bool', usage: 'Create swarm routing-mesh network' },
        { name: 'internal', type: 'bool', usage: 'Restrict external access to the network' },
        { name: 'ip-range', type: 'strings', usage: 'Allocate container ip from a sub-range' },
        { name: 'ipam-driver', type: 'string', usage: 'IP Address Management Driver', defaultValue: 'default' },
        { name: 'ipam-opt', ...map, usage: 'Set IPAM driver specific options' },
        { name: 'ipv4', type: 'bool', usage: 'Enable or disable IPv4 address assignment', defaultValue: true },
        { name: 'ipv6', type: 'bool', usage: 'Enable or disable IPv6 address assignment' },
        { name: 'label', type: 'list', usage: 'Set metadata on a network', check: checkLabel },
        { name: 'opt', short: 'o', ...map, usage: 'Set driver specific options' },
        { name: 'scope', type: 'string', usage: "Control the network's scope" },
        { name: 'subnet', type: 'strings', usage: 'Subnet in CIDR format that represents a network segment' },
      ],
      load: () => import('./commands/network-create.js'),
    },
    {
      kind: 'leaf',
      name: 'disconnect',
      use: 'disconnect [OPTIONS] NETWORK CONTAINER',
      short: 'Disconnect a container from a network',
      args: { exact: 2 },
      flags: [{ name: 'force', short: 'f', type: 'bool', usage: 'Force the container to disconnect from a network' }],
      load: () => import('./commands/network-disconnect.js'),
    },
    {
      kind: 'leaf',
      name: 'inspect',
      use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
      short: 'Display detailed information on one or more networks',
      args: { min: 1 },
      flags: [inspectFormat, { name: 'verbose', short: 'v', type: 'bool', usage: 'Verbose output for diagnostics' }],
      load: () => import('./commands/network-inspect.js'),
    },
    {
      kind: 'leaf',
      name: 'ls',
      aliases: ['list'],
      use: 'ls [OPTIONS]',
      short: 'List networks',
      aliasLine: 'cais network ls, cais network list',
      args: { none: true },
      flags: [
        { name: 'filter', short: 'f', type: 'filter', usage: 'Provide filter values (e.g. "driver=bridge")' },
        { name: 'format', type: 'string', usage: formatHelp },
        { name: 'no-trunc', type: 'bool', usage: 'Do not truncate the output' },
        { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display network IDs' },
      ],
      load: () => import('./commands/network-ls.js'),
    },
    {
      kind: 'leaf',
      name: 'prune',
      use: 'prune [OPTIONS]',
      short: 'Remove all unused networks',
      args: { none: true },
      flags: [
        { name: 'filter', type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
        { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
      ],
      load: () => import('./commands/network-prune.js'),
    },
    {
      kind: 'leaf',
      name: 'rm',
      aliases: ['remove'],
      use: 'rm NETWORK [NETWORK...]',
      short: 'Remove one or more networks',
      aliasLine: 'cais network rm, cais network remove',
      args: { min: 1 },
      flags: [{ name: 'force', short: 'f', type: 'bool', usage: 'Do not error if the network does not exist' }],
      load: () => import('./commands/network-rm.js'),
    },
  ],
};
