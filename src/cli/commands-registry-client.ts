// The registry commands that go through the daemon: pull, push, login and
// logout (the credentials stay with the CLI, in docker's config.json).
import type { LeafCommand } from './usage.js';

type Entry = Omit<LeafCommand, 'name'>;

const quiet = { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress verbose output' } as const;

export const pull: Entry = {
  kind: 'leaf',
  use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  aliasLine: 'cais image pull, cais pull',
  args: { exact: 1 },
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', usage: 'Download all tagged images in the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image verification', defaultValue: true },
    { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
    quiet,
  ],
  load: () => import('./commands/pull.js'),
};

export const push: Entry = {
  kind: 'leaf',
  use: 'push [OPTIONS] NAME[:TAG]',
  short: 'Upload an image to a registry',
  aliasLine: 'cais image push, cais push',
  args: { exact: 1 },
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', usage: 'Push all tags of an image to the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image signing', defaultValue: true },
    quiet,
  ],
  load: () => import('./commands/push.js'),
};

export const login: Entry = {
  kind: 'leaf',
  use: 'login [OPTIONS] [SERVER]',
  short: 'Authenticate to a registry',
  long: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
  args: { max: 1 },
  flags: [
    { name: 'password', short: 'p', type: 'string', usage: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', type: 'bool', usage: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', type: 'string', usage: 'Username' },
  ],
  load: () => import('./commands/login.js'),
};

export const logout: Entry = {
  kind: 'leaf',
  use: 'logout [SERVER]',
  short: 'Log out from a registry',
  long: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
  args: { max: 1 },
  flags: [],
  load: () => import('./commands/logout.js'),
};
