// Where a container's files live: <data-root>/containers/<id>/, with the
// overlay upper and work directories and the mount point of its root.
import { join } from 'node:path';

export class ContainerLayout {
  constructor(readonly root: string) {}

  dir(id: string): string {
    return join(this.root, id);
  }

  upper(id: string): string {
    return join(this.root, id, 'upper');
  }

  work(id: string): string {
    return join(this.root, id, 'work');
  }

  /** The overlay mount point: the container's root filesystem while it runs. */
  merged(id: string): string {
    return join(this.root, id, 'merged');
  }
}
