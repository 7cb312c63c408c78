// POST /commit (moby daemon/commit.go): the container's upper directory,
// read as an OCI layer tar (overlay whiteouts become `.wh.` files), becomes
// a new image on top of the container's image. `pause` is not applied yet:
// cais cannot pause containers, so a running container's files are read as
// they are at that moment.
import type { Digest } from '../../common/index.js';
import type { ContainerConfig } from '../../spec/index.js';
import { tarTree } from '../../storage/index.js';
import type { ContainerContext } from './context.js';

export interface CommitOptions {
  changes?: string[];
  author?: string;
  comment?: string;
  repo?: string;
  tag?: string;
  /** A config sent in the request body: it replaces the container's before `changes`, as moby's c.Config. */
  config?: ContainerConfig;
}

// container.Config's omitempty fields: Go leaves them out of the image config when empty.
const omitEmpty = ['ExposedPorts', 'Healthcheck', 'ArgsEscaped', 'NetworkDisabled', 'MacAddress', 'StopSignal', 'StopTimeout', 'Shell'];

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

export async function commitContainer(ctx: ContainerContext, ref: string, opts: CommitOptions): Promise<Digest> {
  const c = ctx.store.resolve(ref);
  // The container's whole Config (Hostname, Image...), as moby stores it in the image; a JSON document either way.
  const own = JSON.parse(JSON.stringify(c.settings.Config)) as ContainerConfig;
  for (const key of omitEmpty) if (isEmpty(own[key])) delete own[key];
  const commit = {
    parent: c.imageId as Digest,
    config: opts.config ?? own,
    cmd: c.settings.Config.Cmd ?? [],
    changes: opts.changes ?? [],
    author: opts.author,
    comment: opts.comment,
    repo: opts.repo,
    tag: opts.tag,
  };
  ctx.images.checkCommit(commit);
  return ctx.images.commitContainer(tarTree(ctx.layout.upper(c.id), { whiteouts: true }), commit);
}
