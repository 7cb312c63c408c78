// `cais registry serve` and `cais registry gc`: the registry server, run in
// the foreground without a daemon (src/registry/server).
import { checkWith, ramInBytes } from './parse-units.js';
import type { GroupCommand } from './usage.js';

export const registryGroup: GroupCommand = {
  kind: 'group',
  name: 'registry',
  short: 'Run an OCI registry',
  commands: [
    {
      kind: 'leaf',
      name: 'serve',
      use: 'serve [OPTIONS]',
      short: 'Serve an OCI distribution registry from a directory',
      long:
        'Serve an OCI distribution registry (v1.1) from a directory, in the foreground until SIGINT or SIGTERM.\n' +
        'One line per request is logged to stderr. With --htpasswd, clients authenticate with basic auth;\n' +
        'with --auth token, they get bearer tokens from /token, granted by the --token-acl file.',
      args: { none: true },
      flags: [
        { name: 'addr', type: 'string', usage: 'Address to listen on (HOST:PORT, port 0 for any free one)', defaultValue: '127.0.0.1:5000' },
        { name: 'root', type: 'string', usage: 'Directory of the registry data' },
        { name: 'htpasswd', type: 'string', usage: 'htpasswd file of users (bcrypt entries)' },
        { name: 'auth', type: 'string', usage: 'Authentication mode: "basic" (default with --htpasswd) or "token"' },
        { name: 'token-acl', type: 'string', usage: 'JSON file of what each user may pull, push or delete (with --auth token)' },
        { name: 'tls-cert', type: 'string', usage: 'TLS certificate file (serves HTTPS)' },
        { name: 'tls-key', type: 'string', usage: 'TLS key file' },
        { name: 'max-upload-size', type: 'string', typeName: 'bytes', usage: 'Largest blob accepted', defaultValue: '10GiB', check: checkWith(ramInBytes) },
      ],
      load: () => import('./commands/registry-serve.js'),
    },
    {
      kind: 'leaf',
      name: 'gc',
      use: 'gc [OPTIONS]',
      short: 'Remove blobs no manifest references from a registry directory',
      long:
        'Remove blobs no manifest references from a registry directory, and their links.\n' +
        'It refuses to run while a registry server uses the directory.',
      args: { none: true },
      flags: [
        { name: 'root', type: 'string', usage: 'Directory of the registry data' },
        { name: 'dry-run', short: 'd', type: 'bool', usage: 'Do everything except remove the blobs' },
        { name: 'delete-untagged', short: 'm', type: 'bool', usage: 'Delete manifests that are not currently referenced via tag' },
      ],
      load: () => import('./commands/registry-gc.js'),
    },
  ],
};
