// The container lifecycle commands of the table (run, start, stop,
// restart, kill, wait, logs, attach), with docker 28's usage and flags.
import { createFlags } from './create-options.js';
import type { FlagSpec } from './flags.js';
import type { LeafCommand } from './usage.js';

type Entry = Omit<LeafCommand, 'name'>;

const detachKeys: FlagSpec = { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a container' };
const signal: FlagSpec = { name: 'signal', short: 's', type: 'string', usage: 'Signal to send to the container' };
const timeout: FlagSpec = { name: 'timeout', short: 't', type: 'int', usage: 'Seconds to wait before killing the container' };
const sinceHelp = 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)';
const untilHelp = 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)';

export const run: Entry = {
  kind: 'leaf',
  use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  aliasLine: 'cais container run, cais run',
  args: { min: 1 },
  flags: ([
    ...createFlags,
    { name: 'attach', short: 'a', type: 'list', usage: 'Attach to STDIN, STDOUT or STDERR' },
    { name: 'detach', short: 'd', type: 'bool', usage: 'Run container in background and print container ID' },
    detachKeys,
    { name: 'sig-proxy', type: 'bool', usage: 'Proxy received signals to the process', defaultValue: true },
  ] satisfies FlagSpec[]).sort((a, b) => (a.name < b.name ? -1 : 1)),
  noInterspersed: true,
  load: () => import('./commands/run.js'),
};

export const start: Entry = {
  kind: 'leaf',
  use: 'start [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  aliasLine: 'cais container start, cais start',
  args: { min: 1 },
  flags: [
    { name: 'attach', short: 'a', type: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    detachKeys,
    { name: 'interactive', short: 'i', type: 'bool', usage: "Attach container's STDIN" },
  ],
  load: () => import('./commands/start.js'),
};

export const stop: Entry = {
  kind: 'leaf',
  use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  aliasLine: 'cais container stop, cais stop',
  args: { min: 1 },
  flags: [signal, timeout],
  load: () => import('./commands/stop.js'),
};

export const restart: Entry = {
  kind: 'leaf',
  use: 'restart [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  aliasLine: 'cais container restart, cais restart',
  args: { min: 1 },
  flags: [signal, timeout],
  load: () => import('./commands/restart.js'),
};

export const kill: Entry = {
  kind: 'leaf',
  use: 'kill [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  aliasLine: 'cais container kill, cais kill',
  args: { min: 1 },
  flags: [signal],
  load: () => import('./commands/kill.js'),
};

export const wait: Entry = {
  kind: 'leaf',
  use: 'wait CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, then print their exit codes',
  aliasLine: 'cais container wait, cais wait',
  args: { min: 1 },
  flags: [],
  load: () => import('./commands/wait.js'),
};

export const logs: Entry = {
  kind: 'leaf',
  use: 'logs [OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  aliasLine: 'cais container logs, cais logs',
  args: { exact: 1 },
  flags: [
    { name: 'details', type: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Follow log output' },
    { name: 'since', type: 'string', usage: sinceHelp },
    { name: 'tail', short: 'n', type: 'string', usage: 'Number of lines to show from the end of the logs', defaultValue: 'all' },
    { name: 'timestamps', short: 't', type: 'bool', usage: 'Show timestamps' },
    { name: 'until', type: 'string', usage: untilHelp },
  ],
  load: () => import('./commands/logs.js'),
};

export const attach: Entry = {
  kind: 'leaf',
  use: 'attach [OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  aliasLine: 'cais container attach, cais attach',
  args: { exact: 1 },
  flags: [
    detachKeys,
    { name: 'no-stdin', type: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', type: 'bool', usage: 'Proxy all received signals to the process', defaultValue: true },
  ],
  load: () => import('./commands/attach.js'),
};
