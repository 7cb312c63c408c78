// The container filesystem commands (cp, diff, export, commit), as docker 28 has them.
import type { LeafCommand } from './usage.js';

export const cp: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tcais cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  short: 'Copy files/folders between a container and the local filesystem',
  long: `Copy files/folders between a container and the local filesystem

Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout.`,
  aliasLine: 'cais container cp, cais cp',
  args: { exact: 2 },
  flags: [
    { name: 'archive', short: 'a', type: 'bool', usage: 'Archive mode (copy all uid/gid information)' },
    { name: 'follow-link', short: 'L', type: 'bool', usage: 'Always follow symlinks in SRC_PATH' },
    {
      name: 'quiet',
      short: 'q',
      type: 'bool',
      usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached',
    },
  ],
  load: () => import('./commands/cp.js'),
};

export const diff: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'diff CONTAINER',
  short: "Inspect changes to files or directories on a container's filesystem",
  aliasLine: 'cais container diff, cais diff',
  args: { exact: 1 },
  flags: [],
  load: () => import('./commands/diff.js'),
};

export const exportCommand: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'export [OPTIONS] CONTAINER',
  short: "Export a container's filesystem as a tar archive",
  aliasLine: 'cais container export, cais export',
  args: { exact: 1 },
  flags: [{ name: 'output', short: 'o', type: 'string', usage: 'Write to a file, instead of STDOUT' }],
  load: () => import('./commands/export.js'),
};

export const commit: Omit<LeafCommand, 'name'> = {
  kind: 'leaf',
  use: 'commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  short: "Create a new image from a container's changes",
  aliasLine: 'cais container commit, cais commit',
  args: { min: 1, max: 2 },
  noInterspersed: true,
  flags: [
    { name: 'author', short: 'a', type: 'string', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', short: 'c', type: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', usage: 'Commit message' },
    { name: 'pause', short: 'p', type: 'bool', usage: 'Pause container during commit', defaultValue: true },
  ],
  load: () => import('./commands/commit.js'),
};
