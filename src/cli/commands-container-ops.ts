// The container commands that inspect and adjust running containers (top,
// stats, pause, unpause, rename, update) and events, as docker 28 has them.
import { formatHelp, inspectFormatHelp } from './command-help.js';
import { createFlags } from './create-options.js';
import type { FlagSpec } from './flags.js';
import type { LeafCommand } from './usage.js';

export const top: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'top CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  aliasLine: 'cais container top, cais top',
  args: { min: 1 },
  flags: [],
  noInterspersed: true,
  load: () => import('./commands/top.js'),
};

export const stats: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'stats [OPTIONS] [CONTAINER...]',
  short: 'Display a live stream of container(s) resource usage statistics',
  aliasLine: 'cais container stats, cais stats',
  args: { min: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'format', type: 'string', usage: formatHelp },
    { name: 'no-stream', type: 'bool', usage: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', type: 'bool', usage: 'Do not truncate output' },
  ],
  load: () => import('./commands/stats.js'),
};

export const pause: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'pause CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  aliasLine: 'cais container pause, cais pause',
  args: { min: 1 },
  flags: [],
  load: () => import('./commands/pause.js').then((m) => m.pause),
};

export const unpause: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'unpause CONTAINER [CONTAINER...]',
  short: 'Unpause all processes within one or more containers',
  aliasLine: 'cais container unpause, cais unpause',
  args: { min: 1 },
  flags: [],
  load: () => import('./commands/pause.js').then((m) => m.unpause),
};

export const rename: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'rename CONTAINER NEW_NAME',
  short: 'Rename a container',
  aliasLine: 'cais container rename, cais rename',
  args: { exact: 2 },
  flags: [],
  load: () => import('./commands/rename.js'),
};

/** docker update's flags: create's resource flags, and --restart without a default. */
const updateFlags: FlagSpec[] = [
  ...createFlags.filter((f) => ['blkio-weight', 'cpu-period', 'cpu-quota'].includes(f.name)),
  { name: 'cpu-rt-period', type: 'int', usage: 'Limit the CPU real-time period in microseconds' },
  { name: 'cpu-rt-runtime', type: 'int', usage: 'Limit the CPU real-time runtime in microseconds' },
  ...createFlags.filter((f) => ['cpu-shares', 'cpus', 'cpuset-cpus', 'cpuset-mems', 'memory', 'memory-reservation'].includes(f.name)),
  { ...createFlags.find((f) => f.name === 'memory-swap')!, usage: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' },
  ...createFlags.filter((f) => f.name === 'pids-limit'),
  { name: 'restart', type: 'string', usage: 'Restart policy to apply when a container exits' },
];

export const update: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'update [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Update configuration of one or more containers',
  aliasLine: 'cais container update, cais update',
  args: { min: 1 },
  flags: updateFlags,
  load: () => import('./commands/update.js'),
};

export const events: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'events [OPTIONS]',
  short: 'Get real time events from the server',
  aliasLine: 'cais system events, cais events',
  args: { none: true },
  flags: [
    { name: 'filter', short: 'f', type: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', type: 'string', usage: inspectFormatHelp },
    { name: 'since', type: 'string', usage: 'Show all events created since timestamp' },
    { name: 'until', type: 'string', usage: 'Stream events until this timestamp' },
  ],
  load: () => import('./commands/events.js'),
};
