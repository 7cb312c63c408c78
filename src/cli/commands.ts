// The table of cais commands: names, aliases, usage, flags and argument
// counts as docker 28 has them. Each command's code is imported only when it
// runs, so that every invocation loads just what it needs.
import { formatHelp, inspectFormat, inspectFormatHelp } from './command-help.js';
import * as containerFs from './commands-container-fs.js';
import * as containerOps from './commands-container-ops.js';
import * as lifecycle from './commands-lifecycle.js';
import { networkGroup, port } from './commands-network.js';
import { login, logout, pull, push } from './commands-registry-client.js';
import { registryGroup } from './commands-registry.js';
import { createFlags, execFlags } from './create-options.js';
import { buildFlags } from './build-options.js';
import { checkLabel } from './flags.js';
import { checkWith, ramInBytes } from './parse-units.js';
import type { Command, GroupCommand, LeafCommand } from './usage.js';

const images: Omit<LeafCommand, 'name' | 'use'> = {
  kind: 'leaf',
  short: 'List images',
  aliasLine: 'cais image ls, cais image list, cais images',
  args: { max: 1 },
  flags: [
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only show image IDs' },
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all images (default hides intermediate images)' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'digests', type: 'bool', usage: 'Show digests' },
    { name: 'format', type: 'string', usage: formatHelp },
    { name: 'filter', short: 'f', type: 'filter', usage: 'Filter output based on conditions provided' },
  ],
  load: () => import('./commands/images.js'),
};

const importCommand: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
  short: 'Import the contents from a tarball to create a filesystem image',
  aliasLine: 'cais image import, cais import',
  args: { min: 1 },
  flags: [
    { name: 'change', short: 'c', type: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', usage: 'Set commit message for imported image' },
    { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
  ],
  load: () => import('./commands/import.js'),
};

const tag: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  aliasLine: 'cais image tag, cais tag',
  args: { exact: 2 },
  flags: [],
  load: () => import('./commands/tag.js'),
};

const remove: Omit<LeafCommand, 'name' | 'use'> = {
  kind: 'leaf',
  short: 'Remove one or more images',
  aliasLine: 'cais image rm, cais image remove, cais rmi',
  args: { min: 1 },
  flags: [
    { name: 'force', short: 'f', type: 'bool', usage: 'Force removal of the image' },
    { name: 'no-prune', type: 'bool', usage: 'Do not delete untagged parents' },
  ],
  load: () => import('./commands/rmi.js'),
};

const history: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'history [OPTIONS] IMAGE',
  short: 'Show the history of an image',
  aliasLine: 'cais image history, cais history',
  args: { exact: 1 },
  flags: [
    { name: 'human', short: 'H', type: 'bool', usage: 'Print sizes and dates in human readable format', defaultValue: true },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only show image IDs' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'format', type: 'string', usage: formatHelp },
  ],
  load: () => import('./commands/history.js'),
};

const save: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'save [OPTIONS] IMAGE [IMAGE...]',
  short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  aliasLine: 'cais image save, cais save',
  args: { min: 1 },
  flags: [{ name: 'output', short: 'o', type: 'string', usage: 'Write to a file, instead of STDOUT' }],
  load: () => import('./commands/save.js'),
};

const load: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'load [OPTIONS]',
  short: 'Load an image from a tar archive or STDIN',
  aliasLine: 'cais image load, cais load',
  args: { none: true },
  flags: [
    { name: 'input', short: 'i', type: 'string', usage: 'Read from tar archive file, instead of STDIN' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress the load output' },
  ],
  load: () => import('./commands/load.js'),
};

const build: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'build [OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  aliasLine: 'cais image build, cais build, cais builder build',
  args: { exact: 1 },
  flags: buildFlags,
  load: () => import('./commands/build.js'),
};

const builderGroup: GroupCommand = {
  kind: 'group',
  name: 'builder',
  short: 'Manage builds',
  commands: [
    { ...build, name: 'build' },
    {
      kind: 'leaf',
      name: 'prune',
      use: 'prune',
      short: 'Remove build cache',
      args: { none: true },
      flags: [
        { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused build cache, not just dangling ones' },
        { name: 'filter', type: 'filter', usage: 'Provide filter values (e.g. "until=24h")' },
        { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
        { name: 'keep-storage', type: 'string', typeName: 'bytes', usage: 'Amount of disk space to keep for cache', check: checkWith(ramInBytes) },
      ],
      load: () => import('./commands/builder-prune.js'),
    },
  ],
};

const info: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'info [OPTIONS]',
  short: 'Display system-wide information',
  aliasLine: 'cais system info, cais info',
  args: { none: true },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: inspectFormatHelp }],
  load: () => import('./commands/info.js'),
};

const create: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  aliasLine: 'cais container create, cais create',
  args: { min: 1 },
  flags: createFlags,
  noInterspersed: true,
  load: () => import('./commands/create.js'),
};

const exec: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  aliasLine: 'cais container exec, cais exec',
  args: { min: 2 },
  flags: execFlags,
  noInterspersed: true,
  load: () => import('./commands/exec.js'),
};

const ps: Omit<LeafCommand, 'name' | 'use'> = {
  kind: 'leaf',
  short: 'List containers',
  aliasLine: 'cais container ls, cais container list, cais container ps, cais ps',
  args: { none: true },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'filter', short: 'f', type: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', type: 'string', usage: formatHelp },
    { name: 'last', short: 'n', type: 'int', usage: 'Show n last created containers (includes all states)', defaultValue: '-1' },
    { name: 'latest', short: 'l', type: 'bool', usage: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display container IDs' },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  load: () => import('./commands/ps.js'),
};

const rm: Omit<LeafCommand, 'name' | 'use'> = {
  kind: 'leaf',
  short: 'Remove one or more containers',
  aliasLine: 'cais container rm, cais container remove, cais rm',
  args: { min: 1 },
  flags: [
    { name: 'force', short: 'f', type: 'bool', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'link', short: 'l', type: 'bool', usage: 'Remove the specified link' },
    { name: 'volumes', short: 'v', type: 'bool', usage: 'Remove anonymous volumes associated with the container' },
  ],
  load: () => import('./commands/rm.js'),
};

const containerGroup: GroupCommand = {
  kind: 'group',
  name: 'container',
  short: 'Manage containers',
  commands: [
    { ...lifecycle.attach, name: 'attach' },
    { ...create, name: 'create' },
    { ...exec, name: 'exec' },
    { ...containerFs.commit, name: 'commit' },
    { ...containerFs.cp, name: 'cp' },
    { ...create, name: 'create' },
    { ...containerFs.diff, name: 'diff' },
    { ...containerFs.exportCommand, name: 'export' },
    {
      kind: 'leaf',
      name: 'inspect',
      use: 'inspect [OPTIONS] CONTAINER [CONTAINER...]',
      short: 'Display detailed information on one or more containers',
      args: { min: 1 },
      flags: [inspectFormat, { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' }],
      load: () => import('./commands/container-inspect.js'),
    },
    { ...ps, name: 'ls', aliases: ['list', 'ps'], use: 'ls [OPTIONS]' },
    {
      kind: 'leaf',
      name: 'prune',
      use: 'prune [OPTIONS]',
      short: 'Remove all stopped containers',
      args: { none: true },
      flags: [
        { name: 'filter', type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
        { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
      ],
      load: () => import('./commands/container-prune.js'),
    },
    { ...lifecycle.kill, name: 'kill' },
    { ...lifecycle.logs, name: 'logs' },
    { ...containerOps.pause, name: 'pause' },
    { ...port, name: 'port' },
    { ...containerOps.rename, name: 'rename' },
    { ...lifecycle.restart, name: 'restart' },
    { ...rm, name: 'rm', aliases: ['remove'], use: 'rm [OPTIONS] CONTAINER [CONTAINER...]' },
    { ...lifecycle.run, name: 'run' },
    { ...lifecycle.start, name: 'start' },
    { ...containerOps.stats, name: 'stats' },
    { ...lifecycle.stop, name: 'stop' },
    { ...containerOps.top, name: 'top' },
    { ...containerOps.unpause, name: 'unpause' },
    { ...containerOps.update, name: 'update' },
    { ...lifecycle.wait, name: 'wait' },
  ],
};

const imageGroup: GroupCommand = {
  kind: 'group',
  name: 'image',
  short: 'Manage images',
  commands: [
    { ...build, name: 'build' },
    { ...history, name: 'history' },
    { ...importCommand, name: 'import' },
    {
      kind: 'leaf',
      name: 'inspect',
      use: 'inspect [OPTIONS] IMAGE [IMAGE...]',
      short: 'Display detailed information on one or more images',
      args: { min: 1 },
      flags: [inspectFormat],
      load: () => import('./commands/image-inspect.js'),
    },
    { ...load, name: 'load' },
    { ...images, name: 'ls', aliases: ['list'], use: 'ls [OPTIONS] [REPOSITORY[:TAG]]' },
    {
      kind: 'leaf',
      name: 'prune',
      use: 'prune [OPTIONS]',
      short: 'Remove unused images',
      args: { none: true },
      flags: [
        { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused images, not just dangling ones' },
        { name: 'filter', type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
        { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
      ],
      load: () => import('./commands/image-prune.js'),
    },
    { ...pull, name: 'pull' },
    { ...push, name: 'push' },
    { ...remove, name: 'rm', aliases: ['rmi', 'remove'], use: 'rm [OPTIONS] IMAGE [IMAGE...]' },
    { ...save, name: 'save' },
    { ...tag, name: 'tag' },
  ],
};

const volumeGroup: GroupCommand = {
  kind: 'group',
  name: 'volume',
  short: 'Manage volumes',
  commands: [
    {
      kind: 'leaf',
      name: 'create',
      use: 'create [OPTIONS] [VOLUME]',
      short: 'Create a volume',
      args: { max: 1 },
      flags: [
        { name: 'driver', short: 'd', type: 'string', usage: 'Specify volume driver name', defaultValue: 'local' },
        { name: 'label', type: 'list', usage: 'Set metadata for a volume', check: checkLabel },
        { name: 'name', type: 'string', usage: 'Specify volume name', hidden: true },
        { name: 'opt', short: 'o', type: 'list', typeName: 'map', usage: 'Set driver specific options', defaultValue: 'map[]' },
      ],
      load: () => import('./commands/volume-create.js'),
    },
    {
      kind: 'leaf',
      name: 'inspect',
      use: 'inspect [OPTIONS] VOLUME [VOLUME...]',
      short: 'Display detailed information on one or more volumes',
      args: { min: 1 },
      flags: [inspectFormat],
      load: () => import('./commands/volume-inspect.js'),
    },
    {
      kind: 'leaf',
      name: 'ls',
      aliases: ['list'],
      use: 'ls [OPTIONS]',
      short: 'List volumes',
      aliasLine: 'cais volume ls, cais volume list',
      args: { none: true },
      flags: [
        { name: 'filter', short: 'f', type: 'filter', usage: 'Provide filter values (e.g. "dangling=true")' },
        { name: 'format', type: 'string', usage: formatHelp },
        { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display volume names' },
      ],
      load: () => import('./commands/volume-ls.js'),
    },
    {
      kind: 'leaf',
      name: 'prune',
      use: 'prune [OPTIONS]',
      short: 'Remove unused local volumes',
      args: { none: true },
      flags: [
        { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused volumes, not just anonymous ones' },
        { name: 'filter', type: 'filter', usage: 'Provide filter values (e.g. "label=<label>")' },
        { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
      ],
      load: () => import('./commands/volume-prune.js'),
    },
    {
      kind: 'leaf',
      name: 'rm',
      aliases: ['remove'],
      use: 'rm [OPTIONS] VOLUME [VOLUME...]',
      short: 'Remove one or more volumes',
      long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
      aliasLine: 'cais volume rm, cais volume remove',
      args: { min: 1 },
      flags: [{ name: 'force', short: 'f', type: 'bool', usage: 'Force the removal of one or more volumes' }],
      load: () => import('./commands/volume-rm.js'),
    },
  ],
};

const systemGroup: GroupCommand = {
  kind: 'group',
  name: 'system',
  short: 'Manage cais',
  commands: [
    {
      kind: 'leaf',
      name: 'df',
      use: 'df [OPTIONS]',
      short: 'Show cais disk usage',
      args: { none: true },
      flags: [
        { name: 'verbose', short: 'v', type: 'bool', usage: 'Show detailed information on space usage' },
        { name: 'format', type: 'string', usage: formatHelp },
      ],
      load: () => import('./commands/system-df.js'),
    },
    { ...containerOps.events, name: 'events' },
    { ...info, name: 'info' },
    {
      kind: 'leaf',
      name: 'prune',
      use: 'prune [OPTIONS]',
      short: 'Remove unused data',
      args: { none: true },
      flags: [
        { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused images not just dangling ones' },
        { name: 'filter', type: 'filter', usage: 'Provide filter values (e.g. "label=<key>=<value>")' },
        { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
        { name: 'volumes', type: 'bool', usage: 'Prune anonymous volumes' },
      ],
      load: () => import('./commands/system-prune.js'),
    },
  ],
};

/** Every command under `cais`, as `cais --help` lists them. */
export const commands: Command[] = [
  { ...lifecycle.run, name: 'run', top: 0 },
  { ...lifecycle.attach, name: 'attach' },
  { ...lifecycle.kill, name: 'kill' },
  { ...lifecycle.logs, name: 'logs' },
  { ...lifecycle.restart, name: 'restart' },
  { ...lifecycle.start, name: 'start' },
  { ...lifecycle.stop, name: 'stop' },
  { ...lifecycle.wait, name: 'wait' },
  { ...create, name: 'create' },
  { ...exec, name: 'exec', top: 2 },
  { ...ps, name: 'ps', use: 'ps [OPTIONS]', top: 3 },
  { ...rm, name: 'rm', use: 'rm [OPTIONS] CONTAINER [CONTAINER...]' },
  { ...containerOps.events, name: 'events' },
  { ...containerOps.pause, name: 'pause' },
  { ...port, name: 'port' },
  { ...containerOps.rename, name: 'rename' },
  { ...containerOps.stats, name: 'stats' },
  { ...containerOps.top, name: 'top' },
  { ...containerOps.unpause, name: 'unpause' },
  { ...containerOps.update, name: 'update' },
  { ...containerFs.commit, name: 'commit' },
  { ...containerFs.cp, name: 'cp' },
  { ...containerFs.diff, name: 'diff' },
  { ...containerFs.exportCommand, name: 'export' },
  { ...build, name: 'build', top: 4 },
  { ...pull, name: 'pull', top: 5 },
  { ...push, name: 'push', top: 6 },
  { ...images, name: 'images', use: 'images [OPTIONS] [REPOSITORY[:TAG]]', top: 7 },
  { ...importCommand, name: 'import' },
  { ...tag, name: 'tag' },
  { ...remove, name: 'rmi', use: 'rmi [OPTIONS] IMAGE [IMAGE...]' },
  {
    kind: 'leaf',
    name: 'inspect',
    use: 'inspect [OPTIONS] NAME|ID [NAME|ID...]',
    short: 'Return low-level information on cais objects',
    args: { min: 1 },
    flags: [
      inspectFormat,
      { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes if the type is container' },
      { name: 'type', type: 'string', usage: 'Only inspect objects of the given type' },
    ],
    load: () => import('./commands/inspect.js'),
  },
  { ...history, name: 'history' },
  { ...save, name: 'save' },
  { ...load, name: 'load' },
  {
    kind: 'leaf',
    name: 'version',
    use: 'version [OPTIONS]',
    short: 'Show the cais version information',
    args: { none: true },
    flags: [inspectFormat],
    top: 10,
    load: () => import('./commands/version.js'),
  },
  { ...info, name: 'info', top: 12 },
  { ...login, name: 'login', top: 8 },
  { ...logout, name: 'logout', top: 9 },
  {
    kind: 'leaf',
    name: 'daemon',
    use: 'daemon [OPTIONS]',
    short: 'Run the cais daemon in the foreground',
    args: { none: true },
    flags: [],
    passthrough: true,
    load: () => import('./commands/daemon.js'),
  },
  builderGroup,
  containerGroup,
  imageGroup,
  networkGroup,
  registryGroup,
  systemGroup,
  volumeGroup,
];

/** Finds a command by name or alias among `list`. */
export function findCommand<T extends Command>(list: T[], name: string): T | undefined {
  return list.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}
